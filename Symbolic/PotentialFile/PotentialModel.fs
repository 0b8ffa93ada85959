namespace Latent.Symbolic.PotentialFile

open Latent.Symbolic

/// A named number with a unit, which fitting may vary.
type Parameter =
    { Name: string
      Value: float
      Unit: string
      Note: string
      Position: Position }

/// A Slater 1s shell of a state's valence density: electron count and exponent (1/Å).
type ShellSpec =
    { Electrons: float
      Exponent: Formula }

/// A basis state of an element (docs/model.md §1): integer net charge, degeneracy, energy relative to the
/// neutral ground state, valence density as Slater shells, and its contribution f(r) to the host
/// density that neighbours embed in.
type StateSpec =
    { Name: string
      Charge: int
      Degeneracy: int
      Energy: Formula
      Shells: ShellSpec list
      HostDensity: Formula
      Position: Position }

/// The crystal an element forms, declared so that equation-of-state constraints (Rose) can build it:
/// a cubic structure with one lattice constant, and the cohesive energy and bulk modulus there.
type LatticeSpec =
    { /// "fcc", "bcc" or "sc" (Lattices.names).
      Structure: string
      /// Lattice constant of the conventional cubic cell, Å.
      Constant: Formula
      /// Cohesive energy per atom, eV, positive: the crystal lies this far below separated atoms.
      CohesiveEnergy: Formula
      /// Bulk modulus, eV/Å³ (write 140*GPa for 140 GPa).
      BulkModulus: Formula
      Position: Position }

/// How a potential models its atoms' charges (`[model] charges`).
type ChargeModel =
    /// Latent weights over each element's basis states (docs/model.md §1–§3): `charges = "states"`, the default.
    | EnsembleStates
    /// One continuous charge per atom at the minimum of a quadratic E(q), charge equilibration
    /// (docs/model.md §8): `charges = "continuous"`.
    | ContinuousCharges

/// An element's charge in a continuous-charge model (docs/model.md §8): its own energy χq + ½Jq², and the
/// Slater 1s density of exponent ζ that the charge q is spread over.
type ChargeSpec =
    { /// χ, eV/e: the slope of the atom's energy at q = 0.
      Electronegativity: Formula
      /// J, eV/e², positive: the curvature of the atom's energy in q.
      Hardness: Formula
      /// ζ, 1/Å; None when no pair of the element has Slater electrostatics.
      Exponent: Formula option }

type ElementSpec =
    { Symbol: string
      Mass: float
      /// Z_A: the charge of nucleus and core seen by the valence electrons (0 in a continuous-charge model, which has no states).
      Valence: float
      /// The basis states (file order); empty in a continuous-charge model.
      States: StateSpec list
      /// χ, J and ζ of a continuous-charge model; None in an ensemble model.
      Charge: ChargeSpec option
      /// What an atom of the element adds to a neighbour's host density in a continuous-charge model
      /// (`host_density`); zero in an ensemble model, whose states carry theirs.
      HostDensity: Formula
      /// F(rho), the embedding energy in the host density rho.
      Embedding: Formula
      /// The crystal it forms, when the file declares one ([elements.X.lattice]).
      Lattice: LatticeSpec option
      Position: Position }

/// How the electrostatics C_αβ(r) between the states of a pair is given.
type Electrostatics =
    /// Closed-form Coulomb integrals of the states' Slater shells and cores.
    | SlaterShells
    /// Bare point charges k_e q_α q_β / r.
    | PointCharges
    /// One formula in r per state pair ("alpha:beta" keys), for custom electrostatics.
    | StateFormulas of ((string * string) * Formula) list

type PairSpec =
    { A: string
      B: string
      /// φ_AB(r), the short-range pair term.
      Phi: Formula
      Electrostatics: Electrostatics
      Position: Position }

/// A potential file, read and checked: everything needed to build kernels.
type Potential =
    { Name: string
      Description: string
      Format: int
      /// Latent weights over states, or continuous charges.
      Charges: ChargeModel
      /// Electronic temperature θ of the latent-weight equalisation, eV (0 in a continuous-charge model, which has none).
      Temperature: float
      /// Every short-range kernel is switched off smoothly over [Cutoff − CutoffWidth, Cutoff] (Å).
      Cutoff: float
      CutoffWidth: float
      Parameters: Parameter list
      /// Parameters the file marks for fitting: kernels get gradients with respect to these.
      Fitted: string list
      Elements: ElementSpec list
      /// Every unordered element pair once, A ≤ B in the order elements are listed.
      Pairs: PairSpec list
      /// Definitions in file order, as written and expanded: a derivation constraint shows the
      /// formula a value was derived from.
      Definitions: (string * Formula) list
      /// The library constraints the file switches on, then its own, in file order.
      Constraints: ConstraintSpec list }

    member this.Element(symbol: string) = this.Elements |> List.find (fun e -> e.Symbol = symbol)

/// A problem with a potential file, located in it, with a stable code (LAT0xx) that the
/// generator reports as its diagnostic id and the CLI prints.
type PotentialError =
    { Code: string
      Position: Position
      Message: string }

    override this.ToString() = sprintf "line %d, column %d: %s: %s" this.Position.Line this.Position.Column this.Code this.Message
