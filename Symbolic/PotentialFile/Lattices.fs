namespace Latent.Symbolic.PotentialFile

/// The cubic crystal structures a potential file may declare for an element ([elements.X.lattice]),
/// as the conventional cubic cell's atoms in fractional coordinates. The reader, the constraint
/// instances (atomic volume) and the runtime (which builds the crystal) all take them from here.
[<RequireQualifiedAccess>]
module Lattices =
    /// Structure names as a file writes them, with the fractional positions of the cell's atoms.
    let structures: (string * (float * float * float) list) list =
        [ "fcc", [ 0.0, 0.0, 0.0; 0.0, 0.5, 0.5; 0.5, 0.0, 0.5; 0.5, 0.5, 0.0 ]
          "bcc", [ 0.0, 0.0, 0.0; 0.5, 0.5, 0.5 ]
          "sc", [ 0.0, 0.0, 0.0 ] ]

    let names = structures |> List.map fst

    /// The conventional cell's atoms of a known structure, fractional coordinates.
    let basis (structure: string) : (float * float * float) list =
        structures |> List.find (fun (n, _) -> n = structure) |> snd

    /// Volume per atom (Å³) at lattice constant a.
    let atomicVolume (structure: string) (a: float) : float = a * a * a / float (basis structure).Length
