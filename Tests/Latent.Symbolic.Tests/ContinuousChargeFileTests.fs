/// Potential files of continuous charges (charge equilibration, docs/model.md §8): the shipped NaCl-QEq file,
/// its kernels against the closed-form Slater 1s Coulomb integral, and every misuse of the format as a located error.
module Latent.Symbolic.Tests.ContinuousChargeFileTests

open System
open System.IO
open Xunit
open Latent.Symbolic
open Latent.Symbolic.Components
open Latent.Symbolic.PotentialFile
open Latent.Symbolic.Kernels
open Latent.Symbolic.Tests.PotentialFileTests

let qeqText = File.ReadAllText(Path.Combine(potentialsDir, "NaCl-QEq.toml"))
let qeq = match read qeqText with Ok p -> p | Error es -> failwithf "%A" es
let qeqKernels = match KernelSet.build qeq with Ok k -> k | Error es -> failwithf "%A" es

/// The line of the first occurrence of a text in a file.
let lineOf (text: string) (needle: string) =
    let at = text.IndexOf(needle: string)
    Assert.True(at >= 0, sprintf "'%s' is not in the file" needle)
    1 + (text.Substring(0, at) |> Seq.filter ((=) '\n') |> Seq.length)

[<Fact>]
let ``NaCl-QEq reads as continuous charges with Mulliken χ and Parr–Pearson J from the atomic data`` () =
    Assert.Equal(ContinuousCharges, qeq.Charges)
    Assert.Equal(ContinuousCharges, qeqKernels.Charges)
    Assert.Equal(0.0, qeqKernels.Temperature)
    let charge symbol = (qeqKernels.Elements |> List.find (fun e -> e.Symbol = symbol)).Charge.Value
    // ip1_Na = 5.1391, ea_Na = 0.5479; ip1_Cl = 12.9676, ea_Cl = 3.6127 (atomic-data.csv).
    Assert.Equal(2.8435, (charge "Na").Electronegativity, 12)
    Assert.Equal(4.5912, (charge "Na").Hardness, 12)
    Assert.Equal(8.29015, (charge "Cl").Electronegativity, 12)
    Assert.Equal(9.3549, (charge "Cl").Hardness, 12)
    for e in qeqKernels.Elements do
        Assert.Empty(e.States)
    for p in qeqKernels.Pairs do
        Assert.True(p.Layout.HasContinuousCharges)

/// k_e(J_ab(R) − 1/R) from DESIGN's closed forms, written out here independently of SlaterCoulomb.
let referenceCoupling (a: float) (b: float) (r: float) =
    let j =
        if a = b then 1.0 / r - exp (-2.0 * a * r) * (1.0 / r + 11.0 * a / 8.0 + 3.0 * a * a * r / 4.0 + a ** 3.0 * r * r / 6.0)
        else
            let d = a * a - b * b
            1.0 / r
            - exp (-2.0 * a * r) * (a * b ** 4.0 / (d * d) - b ** 4.0 * (b * b - 3.0 * a * a) / (d ** 3.0 * r))
            - exp (-2.0 * b * r) * (b * a ** 4.0 / (d * d) + a ** 4.0 * (a * a - 3.0 * b * b) / (d ** 3.0 * r))
    PhysicalConstants.CoulombConstant * (j - 1.0 / r)

[<Fact>]
let ``the coupling kernel is k_e(J_AB − 1/r) of the elements' Slater 1s densities, equal and unequal exponents`` () =
    let zeta ea = sqrt (2.0 * ea / PhysicalConstants.Hartree) / PhysicalConstants.Bohr
    let zNa, zCl = zeta 0.5479, zeta 3.6127
    for (a, b, za, zb) in [ "Na", "Cl", zNa, zCl; "Na", "Na", zNa, zNa; "Cl", "Cl", zCl, zCl ] do
        let p = qeqKernels.Pairs |> List.find (fun p -> p.A = a && p.B = b)
        for r in [ 0.7; 2.36; 5.0; 12.0 ] do
            let v = StraightLine.evaluateAt p.Program (Map [ "r", r ])
            let expected = referenceCoupling za zb r
            Assert.True(abs (v.[p.Layout.ChargeCoupling] - expected) <= 1e-12 * (1.0 + abs expected), sprintf "%s-%s at %g: %g vs %g" a b r v.[p.Layout.ChargeCoupling] expected)
    // Switched off smoothly: nothing is left at the cutoff.
    let naNa = qeqKernels.Pairs.[0]
    let atCutoff = StraightLine.evaluateAt naNa.Program (Map [ "r", qeq.Cutoff ])
    Assert.Equal(0.0, atCutoff.[naNa.Layout.ChargeCoupling])

[<Fact>]
let ``continuous-charge programs name their outputs as the layout does, gradients included`` () =
    for p in qeqKernels.Pairs do
        let outputs = p.Program.Outputs |> List.map fst |> Array.ofList
        Assert.Equal(p.Layout.OutputCount, outputs.Length)
        for k in 0 .. p.Layout.TermCount - 1 do
            Assert.Equal(p.Layout.TermName k, outputs.[k])
        let g = p.Gradient.Value.Outputs |> List.map fst |> Array.ofList
        Assert.Equal(p.Layout.GradientCount qeqKernels.Fitted.Length, g.Length)
        Assert.Equal("drho/phi", g.[p.Layout.GradientOutput(qeqKernels.Fitted |> List.findIndex (fun (n, _) -> n = "rho"), p.Layout.PairPotential)])

let private continuousError code (edit: string -> string) =
    let text = edit qeqText
    text, errorsOf text |> single code

[<Fact>]
let ``states in a continuous-charge model are refused where they are written`` () =
    let text, e = continuousError ErrorCodes.ChargeModel (replace "[elements.Cl]\n" "[elements.Cl]\nstates = []\n")
    Assert.Equal(lineOf text "states = []", e.Position.Line)
    Assert.Contains("has no states", e.Message)

[<Fact>]
let ``a continuous-charge element needs its hardness`` () =
    let text, e = continuousError ErrorCodes.MissingKey (replace "hardness = \"ip1_Cl - ea_Cl\"\n" "")
    Assert.Equal(lineOf text "[elements.Cl]", e.Position.Line)
    Assert.Contains("needs 'hardness'", e.Message)

[<Fact>]
let ``a hardness that is not positive is refused at its formula`` () =
    for hardness in [ "ea_Cl - ip1_Cl"; "0" ] do
        let text, e = continuousError ErrorCodes.InvalidValue (replace "hardness = \"ip1_Cl - ea_Cl\"" (sprintf "hardness = \"%s\"" hardness))
        Assert.Equal(lineOf text (sprintf "hardness = \"%s\"" hardness), e.Position.Line)
        Assert.Contains("hardness must be positive", e.Message)

[<Fact>]
let ``a charge exponent that is not positive is refused`` () =
    let _, e = continuousError ErrorCodes.InvalidValue (replace "charge_exponent = \"slater_exponent(ea_Cl)\"" "charge_exponent = \"-1\"")
    Assert.Contains("charge_exponent must be positive", e.Message)

[<Fact>]
let ``Slater electrostatics need each element's charge exponent`` () =
    let text, e = continuousError ErrorCodes.MissingKey (replace "charge_exponent = \"slater_exponent(ea_Cl)\"\n" "")
    Assert.Equal(lineOf text "[elements.Cl]", e.Position.Line)
    Assert.Contains("needs 'charge_exponent'", e.Message)

[<Fact>]
let ``an electronic temperature or a valence has no place in a continuous-charge model`` () =
    let text, e = continuousError ErrorCodes.ChargeModel (replace "cutoff = 20.0" "temperature = 0.025\ncutoff = 20.0")
    Assert.Equal(lineOf text "temperature = 0.025", e.Position.Line)
    Assert.Contains("no electronic temperature", e.Message)
    let text, e = continuousError ErrorCodes.ChargeModel (replace "[elements.Na]\n" "[elements.Na]\nvalence = 1\n")
    Assert.Equal(lineOf text "valence = 1", e.Position.Line)

[<Fact>]
let ``state-pair electrostatics tables belong to ensemble models`` () =
    let _, e = continuousError ErrorCodes.ChargeModel (replace "[pairs.Na-Cl]\n" "[pairs.Na-Cl]\nelectrostatics = { \"q:q\" = \"ke/r\" }\n")
    Assert.Contains("continuous-charge model takes", e.Message)

[<Fact>]
let ``an unknown charge model is refused`` () =
    let _, e = continuousError ErrorCodes.InvalidValue (replace "charges = \"continuous\"" "charges = \"fractional\"")
    Assert.Contains("\"states\"", e.Message)

[<Fact>]
let ``continuous-charge keys in an ensemble file are refused as belonging to the other model`` () =
    let text = replace "[elements.Na]\n" "[elements.Na]\nhardness = 4.6\n" naclText
    let e = errorsOf text |> single ErrorCodes.ChargeModel
    Assert.Equal(lineOf text "hardness = 4.6", e.Position.Line)
    Assert.Contains("continuous-charge model", e.Message)
