/// The I a state's constraints see (asymptotic_decay, decay_exponent): E(lowest state of charge q + 1) − E
/// from the file's own energies where the element declares such a state, else the atomic data's value for
/// the ground state of the charge less the state's excitation; and a clear reason where a state is not bound.
module Latent.Symbolic.Tests.StateIonisationEnergyTests

open System.IO
open Xunit
open Latent.Symbolic.Components
open Latent.Symbolic.Constraints
open Latent.Symbolic.PotentialFile
open Latent.Symbolic.Tests.PotentialFileTests

/// Potassium with 4s, 4p (1.61 eV up) and the cation: the fixture the runtime's constraint tests check in full.
let potassiumText =
    File.ReadAllText(Path.Combine(Path.GetDirectoryName potentialsDir, "Tests", "Latent.Runtime.Tests", "Constraints", "Data", "PotassiumExcited.toml"))

let private states (text: string) =
    match read text with
    | Ok p -> Instances.ofScope p (FunctionLibrary.table ()) EveryState
    | Error es -> failwithf "%A" es

let private instance label (instances: Instance list) = instances |> List.find (fun i -> i.Label = label)

/// The I bound at a state, which must have one.
let private bindingEnergy label text =
    match (instance label (states text)).Number "I" with
    | Some i -> i
    | None -> failwithf "%s has no I" label

let private table symbol = (AtomicData.tryFind symbol).Value

[<Fact>]
let ``NaCl's states get from their own energies the values the table has`` () =
    // Its state energies are ip1 and −ea, so E(q + 1) − E gives IP₁ for the neutral atoms and EA for the
    // anions exactly; Cl⁺ has no Cl²⁺ above it and takes IP₂ from the table.
    let na, cl = table "Na", table "Cl"
    Assert.Equal(na.Ip1.Value, bindingEnergy "Na neutral" naclText)
    Assert.Equal(na.ElectronAffinity.Value, bindingEnergy "Na anion" naclText)
    Assert.Equal(cl.Ip1.Value, bindingEnergy "Cl neutral" naclText)
    Assert.Equal(cl.ElectronAffinity.Value, bindingEnergy "Cl anion" naclText)
    Assert.Equal(cl.Ip2.Value, bindingEnergy "Cl cation" naclText)
    Assert.Equal(na.Ip2.Value, bindingEnergy "Na cation" naclText)

[<Fact>]
let ``an excited neutral state is bound by IP1 less its excitation`` () =
    let ip1 = (table "K").Ip1.Value
    Assert.Equal(ip1, bindingEnergy "K 4s" potassiumText)
    Assert.Equal(ip1 - 1.61, bindingEnergy "K 4p" potassiumText)
    Assert.Equal((table "K").Ip2.Value, bindingEnergy "K cation" potassiumText)

[<Fact>]
let ``the file's own cation energy wins over the table`` () =
    let text = replace "energy = \"ip1_K\"" "energy = \"ip1_K + 0.25\"" potassiumText
    let ip1 = (table "K").Ip1.Value
    Assert.Equal(ip1 + 0.25, bindingEnergy "K 4s" text)
    Assert.Equal(ip1 + 0.25 - 1.61, bindingEnergy "K 4p" text, 12)

[<Fact>]
let ``without a cation the table's IP1 less the excitation applies`` () =
    let cation = "\n[[elements.K.states]]\nname = \"cation\"\ncharge = 1\ndegeneracy = 1           # Ar core ¹S\nenergy = \"ip1_K\"\nshells = []\n"
    let text = replace cation "" potassiumText
    Assert.Equal<string list>([ "K 4s"; "K 4p" ], states text |> List.map (fun i -> i.Label))
    let ip1 = (table "K").Ip1.Value
    Assert.Equal(ip1, bindingEnergy "K 4s" text)
    Assert.Equal(ip1 - 1.61, bindingEnergy "K 4p" text, 12)

[<Fact>]
let ``a state above the next charge's lowest state is not bound, and says so`` () =
    let text = replace "energy = \"excitation_4p\"" "energy = \"5\"" potassiumText
    let p4 = instance "K 4p" (states text)
    Assert.Equal(None, p4.Number "I")
    Assert.Equal("state 4p of K is not bound: I = E(cation) − E(4p) = 4.3407 − 5 eV = -0.6593 eV is not positive", p4.Missing.["I"])
