/// The [elements.X.lattice] declaration and the equation_of_state kind (Rose's curve in the library):
/// how the file is read, which elements it applies to, and how the checker compares the engine's
/// crystal energies with the formula. The engine is stood in for here by exact functions of a, so
/// the checker's arithmetic is tested on its own; the runtime and CLI tests run the real engine.
module Latent.Symbolic.Tests.EquationOfStateTests

open System
open System.IO
open Xunit
open Latent.Symbolic
open Latent.Symbolic.Components
open Latent.Symbolic.PotentialFile
open Latent.Symbolic.Constraints
open Latent.Symbolic.Tests.PotentialFileTests

let cuText = File.ReadAllText(Path.Combine(potentialsDir, "Cu.toml"))

let cu = match read cuText with Ok p -> p | Error es -> failwithf "%A" es

/// Rose's curve as the library writes it, for the Cu file's numbers.
let rose (a: float) =
    let a0, ec, b = 3.615, 3.49, 140.0 * PhysicalConstants.Gigapascal
    let l = sqrt (ec / (9.0 * b * a0 ** 3.0 / 4.0))
    let s = (a / a0 - 1.0) / l
    -ec * (1.0 + s + 0.05 * s ** 3.0) * exp -s

/// An engine whose crystal energy is the given function of a; the other system kinds are not run.
let engine (energy: float -> float) (calls: Collections.Generic.List<string * string * float>) =
    { new ISystemChecks with
        member _.Check(spec, instance) = ConstraintTests.noEngine.Check(spec, instance)

        member _.CrystalEnergy(element, structure, a) =
            calls.Add((element, structure, a))
            energy a }

let roseResult (p: Potential) energy =
    let calls = Collections.Generic.List<string * string * float>()
    let results = ConstraintChecker.check p (FunctionLibrary.table ()) (engine energy calls)
    results |> List.filter (fun r -> r.Name = "rose"), calls

[<Fact>]
let ``the Cu file declares an fcc crystal whose numbers are formulas`` () =
    let lattice = (cu.Element "Cu").Lattice.Value
    Assert.Equal("fcc", lattice.Structure)
    Assert.Equal(3.615, Evaluate.at Map.empty (Instances.fold cu lattice.Constant.Expr), 15)
    Assert.Equal(140.0 / 160.2176634, Evaluate.at Map.empty (Instances.fold cu lattice.BulkModulus.Expr), 15)
    Assert.Equal(3.615 ** 3.0 / 4.0, Lattices.atomicVolume "fcc" 3.615, 15)
    Assert.Equal(3.615 ** 3.0 / 2.0, Lattices.atomicVolume "bcc" 3.615, 15)
    Assert.True((nacl.Element "Na").Lattice.IsNone)

[<Fact>]
let ``rose compares the engine with the curve at every sample and passes when they agree`` () =
    match roseResult cu rose with
    | [ r ], calls ->
        Assert.Equal(Passed, r.Outcome)
        Assert.Equal("engine", r.Route)
        Assert.True(r.Residual < 1e-13, sprintf "%A" r)
        Assert.Equal(ConstraintChecker.equationOfStatePoints, calls.Count)
        Assert.All(calls, fun (e, s, _) -> Assert.True((e, s) = ("Cu", "fcc")))
        let lattice = calls |> Seq.map (fun (_, _, a) -> a) |> Array.ofSeq
        Assert.Equal(0.95 * 3.615, lattice.[0], 12)
        Assert.Equal(1.1 * 3.615, Array.last lattice, 12)
        Assert.Contains("lowest E = -3.49 eV/atom at a = 3.615 Å", r.Message)
    | other -> failwithf "expected one rose result, got %A" other

[<Fact>]
let ``a crystal off the curve fails rose with the lattice constant and both energies`` () =
    // An engine 2 % too weakly bound everywhere: the largest miss is where the curve is deepest.
    match roseResult cu (fun a -> 0.98 * rose a) with
    | [ r ], _ ->
        Assert.Equal(Failed, r.Outcome)
        Assert.Equal(0.02 * 3.49, r.Residual, 9)
        Assert.Contains("Cu: fcc crystal at 25 lattice constants in [3.43425, 3.9765] Å against rose(a, alat, Ec, sqrt(Ec/(9*B*Omega))): largest |E − formula| = 0.0698 eV/atom at a = 3.615 Å (E = -3.4202, formula = -3.49)", r.Message)
    | other -> failwithf "expected one rose result, got %A" other

[<Fact>]
let ``elements without a crystal are not applicable, and say why`` () =
    let rs, calls = roseResult nacl rose
    Assert.Equal(2, rs.Length)
    Assert.Empty(calls)
    for r in rs do
        Assert.Equal(NotApplicable, r.Outcome)
    Assert.Contains("Na: does not apply: 'Ec > 0' needs Ec, which has no value here: Na declares no crystal ([elements.Na.lattice])", rs.Head.Message)

[<Fact>]
let ``a user writes their own equation of state the same way`` () =
    // The harmonic approximation near the minimum: E″(a) = 9·B·Ω/a² per atom, so ½E″ = 3.553 eV/Å².
    let text =
        cuText
        + "\n[[constraints.check]]\nname = \"near_minimum\"\nfor = \"element\"\nkind = \"equation_of_state\"\nformula = \"-Ec + 4.5*B*Omega/alat^2*(a - alat)^2\"\nrange = [\"0.99*alat\", \"1.01*alat\"]\ntolerance = 1e-3\n"
    let p = match read text with Ok p -> p | Error es -> failwithf "%A" es
    let calls = Collections.Generic.List<string * string * float>()
    let results = ConstraintChecker.check p (FunctionLibrary.table ()) (engine rose calls)
    let own = results |> List.find (fun r -> r.Name = "near_minimum")
    Assert.Equal(Passed, own.Outcome)
    // What remains is Rose's cubic term: small this close to the minimum, but not zero.
    Assert.True(own.Residual > 1e-6 && own.Residual < 1e-3, sprintf "%A" own)

[<Fact>]
let ``mistakes in a lattice declaration are located file errors`` () =
    let replace (o: string) (n: string) =
        Assert.Contains(o, cuText)
        cuText.Replace(o, n)
    let structure = errorsOf (replace "structure = \"fcc\"" "structure = \"hcp\"") |> single ErrorCodes.InvalidValue
    Assert.Contains("element Cu lattice structure \"hcp\" is not one of: fcc, bcc, sc", structure.Message)
    let lines = cuText.Replace("\r\n", "\n").Split('\n')
    Assert.Equal((lines |> Array.findIndex (fun l -> l.StartsWith "structure = ")) + 1, structure.Position.Line)
    let negative = errorsOf (replace "constant = \"a_Cu\"" "constant = \"-a_Cu\"") |> single ErrorCodes.InvalidValue
    Assert.Contains("element Cu lattice constant (Å) must be positive, but '-a_Cu' is -3.615", negative.Message)
    let key = errorsOf (replace "bulk_modulus = \"B_Cu*GPa\"" "bulk_modulus = \"B_Cu*GPa\"\nshear_modulus = \"1\"") |> single ErrorCodes.UnknownKey
    Assert.Contains("unknown key 'shear_modulus' in element Cu lattice", key.Message)
    let missing = errorsOf (replace "cohesive_energy = \"Ec_Cu\"\n" "") |> single ErrorCodes.MissingKey
    Assert.Contains("element Cu lattice needs 'cohesive_energy'", missing.Message)
    let scope = errorsOf (cuText + "\n[[constraints.check]]\nname = \"x\"\nfor = \"pair\"\nkind = \"equation_of_state\"\nformula = \"a\"\nrange = [3, 4]\n") |> single ErrorCodes.InvalidValue
    Assert.Contains("kind equation_of_state builds an element's declared crystal, so it needs for = \"element\"", scope.Message)
    let variable = errorsOf (cuText + "\n[[constraints.check]]\nname = \"x\"\nfor = \"element\"\nkind = \"equation_of_state\"\nformula = \"rho\"\nrange = [3, 4]\n") |> single ErrorCodes.WrongVariable
    Assert.Contains("constraint 'x' formula may depend on B, Ec, F, Omega, Z, Znuc, a, alat,", variable.Message)
    Assert.EndsWith("not on 'rho'", variable.Message)
