/// Constraints: the section's format and errors, the shipped library on NaCl (every formula-level
/// condition proved, by the route expected), and broken copies that each fail with a useful message.
module Latent.Symbolic.Tests.ConstraintTests

open System
open Xunit
open Latent.Symbolic
open Latent.Symbolic.Components
open Latent.Symbolic.PotentialFile
open Latent.Symbolic.Constraints
open Latent.Symbolic.Tests.PotentialFileTests

/// System-level kinds run the engine, which these tests do not have (Latent.Runtime.Tests and the
/// CLI tests cover them): here they come back as not applicable, so they neither pass nor fail.
let noEngine =
    { new ISystemChecks with
        member _.Check(spec, instance) =
            { Name = spec.Name
              Instance = instance.Label
              Kind = spec.KindName
              Route = "engine"
              Value = nan
              Target = nan
              Residual = 0.0
              Tolerance = spec.Tolerance
              Outcome = NotApplicable
              Message = "engine not available in the symbolic tests" }

        member _.CrystalEnergy(_, _, _) = raise (NotSupportedException "the engine is not available in the symbolic tests") }

let checkWith functions (p: Potential) = ConstraintChecker.check p functions noEngine
let check (p: Potential) = checkWith (FunctionLibrary.table ()) p

let readOk text =
    match read text with
    | Ok p -> p
    | Error es -> failwithf "%A" es

let results = lazy (check nacl)

let named name = results.Force() |> List.filter (fun r -> r.Name = name)

let failures (rs: ConstraintResult list) = rs |> List.filter (fun r -> r.Outcome = Failed)

let one name instance (rs: ConstraintResult list) =
    match rs |> List.filter (fun r -> r.Name = name && r.Instance = instance) with
    | [ r ] -> r
    | other -> failwithf "expected one result %s at %s, got %A" name instance other

/// NaCl's text with one line replaced (the line must be there, so a test cannot go stale silently).
let edited (oldLine: string) (newLine: string) =
    Assert.Contains(oldLine, naclText)
    naclText.Replace(oldLine, newLine)

[<Fact>]
let ``NaCl switches on every library condition and every formula-level one holds`` () =
    let used = nacl.Constraints |> List.filter (fun c -> c.FromLibrary) |> List.map (fun c -> c.Name)
    Assert.Equal<string list>(ConstraintLibrary.names (), used)
    Assert.Empty(failures (results.Force()))
    // Every instance was decided, not skipped: only the engine kinds (not run here) and the
    // conditions whose `where` is false are not applicable.
    for r in results.Force() do
        if r.Outcome = NotApplicable then Assert.True(r.Route = "engine" || r.Name = "cusp" || r.Name = "rose" || r.Instance = "Na cation", sprintf "%A" r)

[<Fact>]
let ``each library condition is settled by the route expected`` () =
    let routes name = named name |> List.filter (fun r -> r.Outcome = Passed) |> List.map (fun r -> r.Route) |> List.distinct
    Assert.Equal<string list>([ "symbolic" ], routes "normalisation")
    Assert.Equal<string list>([ "symbolic" ], routes "asymptotic_decay")
    Assert.Equal<string list>([ "by construction" ], routes "decay_exponent")
    Assert.Equal<string list>([ "symbolic" ], routes "positivity")
    Assert.Equal<string list>([ "symbolic" ], routes "coulomb_tail")
    Assert.Equal<string list>([ "symbolic" ], routes "symmetry")
    Assert.Equal<string list>([ "symbolic" ], routes "smooth_cutoff")
    Assert.Equal<string list>([ "symbolic" ], routes "continuity")
    // The switch polynomial defeats the termwise proof: dense sampling and minimisation decide.
    Assert.Equal<string list>([ "numeric" ], routes "repulsive_pairs")
    let cl = one "normalisation" "Cl anion" (results.Force())
    Assert.Equal(8.0, cl.Value, 12)
    let decay = one "asymptotic_decay" "Cl anion" (results.Force())
    Assert.Equal(-2.0 * SlaterCoulomb.exponentFromEnergy 3.6127, decay.Value, 4)

[<Fact>]
let ``a wrong exponent fails asymptotic decay and its derivation, naming the numbers`` () =
    let broken = readOk (edited "z_Cl_ea = \"slater_exponent(ea_Cl)\"" "z_Cl_ea = \"1.5*slater_exponent(ea_Cl)\"")
    let rs = check broken
    let decay = one "asymptotic_decay" "Cl anion" rs
    Assert.Equal(Failed, decay.Outcome)
    Assert.Equal("symbolic", decay.Route)
    Assert.Equal(-3.0 * 0.97376572, decay.Value, 6)
    Assert.Contains("Cl anion: lim r→inf dn/n = -2.9212972, expected -2*sqrt(2*I/Ha)/a0 = -1.9475314", decay.Message)
    let derivation = one "decay_exponent" "Cl anion" rs
    Assert.Equal(Failed, derivation.Outcome)
    Assert.Contains("zeta = 1.4606486 is not slater_exponent(I) = 0.97376572", derivation.Message)
    // Only the anion of Cl uses that shell.
    Assert.Equal<string list>([ "Cl anion" ], failures rs |> List.map (fun r -> r.Instance) |> List.distinct)

[<Fact>]
let ``an unnormalised density function fails normalisation for every state with electrons`` () =
    // The densities are the component library's slater_density; one that forgot its 1/π holds π times too much.
    let functions = Collections.Generic.Dictionary<string, FunctionDefinition>(FunctionLibrary.table ())
    let good = functions.["slater_density"]
    let body = parse "N*zeta^3*exp(-2*zeta*r)"
    functions.["slater_density"] <- { good with Body = body }
    let p = match PotentialReader.readWith functions naclText with Ok p -> p | Error es -> failwithf "%A" es
    let rs = checkWith functions p
    let cl = one "normalisation" "Cl anion" rs
    Assert.Equal(Failed, cl.Outcome)
    Assert.Equal(8.0 * Math.PI, cl.Value, 9)
    Assert.Contains("Cl anion: ∫ 4*pi*r^2*n dr over [0, inf] = 25.132741, expected N = 8", cl.Message)
    Assert.Equal(Passed, (one "normalisation" "Na cation" rs).Outcome)
    Assert.Equal(5, failures rs |> List.filter (fun r -> r.Name = "normalisation") |> List.length)

[<Fact>]
let ``a pair term cut off with select leaves a step that continuity finds`` () =
    let broken = readOk (edited "phi = \"born_mayer(r, A_NaCl, rho)\"" "phi = \"select(r < 8, born_mayer(r, A_NaCl, rho) - 1/r, 0)\"")
    let rs = check broken
    let step = one "continuity" "Na-Cl" rs
    Assert.Equal(Failed, step.Outcome)
    Assert.Equal("symbolic", step.Route)
    // 1/8 less the Born–Mayer term at 8 Å, which the select drops too.
    let parameter name = (broken.Parameters |> List.find (fun q -> q.Name = name)).Value
    Assert.Equal(1.0 / 8.0 - parameter "A_NaCl" * exp (-8.0 / parameter "rho"), step.Value, 12)
    Assert.Contains("k switches at r = 8, 10, 12; the largest step is in k at r = 8: 0.12499999", step.Message)
    // The switch still takes the term to zero at the cutoff: that condition alone would miss the step.
    Assert.Equal(Passed, (one "smooth_cutoff" "Na-Cl" rs).Outcome)
    let repulsive = one "repulsive_pairs" "Na-Cl" rs
    Assert.Equal(Failed, repulsive.Outcome)
    Assert.Contains("k >= 0 fails at r = ", repulsive.Message)

[<Fact>]
let ``custom electrostatics without the Coulomb tail fail coulomb_tail by the numeric route`` () =
    let table =
        "[pairs.Na-Cl]\nphi = \"born_mayer(r, A_NaCl, rho)\"\nelectrostatics = { "
        + String.Join(", ", [ for a, qa in [ "neutral", 0; "cation", 1; "anion", -1 ] do
                                 for b, qb in [ "neutral", 0; "anion", -1; "cation", 1 ] ->
                                     let f = if a = "cation" && b = "anion" then "-ke*erfc(r)/r" else sprintf "ke*(%d)/r" (qa * qb)
                                     sprintf "\"%s:%s\" = \"%s\"" a b f ])
        + " }"
    let broken = readOk (edited "[pairs.Na-Cl]\nphi = \"born_mayer(r, A_NaCl, rho)\"" table)
    let rs = check broken
    let tail = one "coulomb_tail" "Na-Cl cation:anion" rs
    Assert.Equal(Failed, tail.Outcome)
    Assert.Equal("numeric", tail.Route)
    Assert.Equal(0.0, tail.Value, 6)
    Assert.Contains("lim r→inf r*C = ", tail.Message)
    Assert.Contains("expected ke*qa*qb = -14.399645", tail.Message)
    Assert.Equal(Passed, (one "coulomb_tail" "Na-Cl neutral:anion" rs).Outcome)

let userCheck (lines: string) = readOk (naclText + "\n" + lines + "\n")

[<Fact>]
let ``a user's own constraint is proved or refuted with numbers`` () =
    let p =
        userCheck
            "[[constraints.check]]\nname = \"decreasing\"\nfor = \"state\"\nkind = \"inequality\"\nformula = \"dn\"\nrelation = \"<=\"\nrange = [0, \"inf\"]\n\n[[constraints.check]]\nname = \"dilute\"\nfor = \"state\"\nkind = \"inequality\"\nformula = \"n\"\nrelation = \"<=\"\ntarget = \"1\"\nrange = [0, \"inf\"]"
    let rs = check p
    for r in rs |> List.filter (fun r -> r.Name = "decreasing") do
        Assert.Equal(Passed, r.Outcome)
        Assert.Equal("symbolic", r.Route)
    let dense = one "dilute" "Cl cation" rs
    Assert.Equal(Failed, dense.Outcome)
    Assert.Equal(6.0 * Math.Pow(2.5000636, 3.0) / Math.PI, dense.Value, 3)
    Assert.Contains("n <= 1 fails at r = 0: n = 29.84", dense.Message)
    Assert.Equal(Passed, (one "dilute" "Na anion" rs).Outcome)

[<Fact>]
let ``every constraint kind reads back from its name and Kind.all lists every kind`` () =
    let caseNames (t: Type) = Reflection.FSharpType.GetUnionCases t |> Array.map (fun c -> c.Name) |> List.ofArray
    // A kind left out of Kind.all could not be read from a file: every case without a payload,
    // and SystemLevel once per system check.
    let expected = (caseNames typeof<Kind> |> List.filter ((<>) "SystemLevel")).Length + (caseNames typeof<SystemCheck>).Length
    Assert.Equal(expected, (List.distinct Kind.all).Length)
    Assert.Equal(Kind.all.Length, (Kind.all |> List.map Kind.name |> List.distinct).Length)
    for kind in Kind.all do
        Assert.Equal(Some kind, Kind.tryParse (Kind.name kind))
    for text in [ ""; "Identity"; "limt"; "equation of state"; "SystemLevel" ] do
        Assert.Equal(None, Kind.tryParse text)

[<Fact>]
let ``mistakes in the constraints section are located potential-file errors`` () =
    let unknownName = errorsOf (edited "\"pplb\", \"dissociation\"" "\"pplb\", \"disociation\"") |> single ErrorCodes.UnknownConstraint
    Assert.Contains("unknown library constraint 'disociation'", unknownName.Message)
    let lines = naclText.Replace("\r\n", "\n").Split('\n')
    let useLine = (lines |> Array.findIndex (fun l -> l.Contains "\"pplb\", \"dissociation\"")) + 1
    Assert.Equal(useLine, unknownName.Position.Line)
    let kind = errorsOf (naclText + "\n[[constraints.check]]\nname = \"x\"\nkind = \"limt\"\nformula = \"1\"\n") |> single ErrorCodes.UnknownConstraintKind
    Assert.Contains("unknown kind \"limt\"", kind.Message)
    let scope = errorsOf (naclText + "\n[[constraints.check]]\nname = \"x\"\nfor = \"atom\"\nkind = \"limit\"\nformula = \"1\"\nto = \"inf\"\n") |> single ErrorCodes.UnknownConstraintKind
    Assert.Contains("unknown scope for = \"atom\"", scope.Message)
    let syntax = errorsOf (naclText + "\n[[constraints.check]]\nname = \"x\"\nfor = \"state\"\nkind = \"limit\"\nformula = \"dn/(n\"\nto = \"inf\"\n") |> single ErrorCodes.FormulaSyntax
    Assert.Equal(lines.Length + 5, syntax.Position.Line)
    let symbol = errorsOf (naclText + "\n[[constraints.check]]\nname = \"x\"\nfor = \"pair\"\nkind = \"limit\"\nformula = \"dn/2\"\nto = \"inf\"\n") |> single ErrorCodes.UnknownSymbol
    Assert.Contains("unknown symbol 'dn'", symbol.Message)
    Assert.Equal({ Line = lines.Length + 5; Column = 12 }, symbol.Position)
    let missing = errorsOf (naclText + "\n[[constraints.check]]\nname = \"x\"\nkind = \"integral\"\nformula = \"1\"\n") |> single ErrorCodes.MissingKey
    Assert.Contains("needs 'range = [start, end]'", missing.Message)
    let twice = errorsOf (naclText + "\n[[constraints.check]]\nname = \"pplb\"\nfor = \"element\"\nkind = \"pplb\"\n") |> single ErrorCodes.Duplicate
    Assert.Contains("constraint 'pplb' is defined twice", twice.Message)
    let orphan = errorsOf (edited "\"normalisation\", \"asymptotic_decay\", \"decay_exponent\"" "\"normalisation\", \"decay_exponent\"") |> single ErrorCodes.UnknownConstraint
    Assert.Contains("add \"asymptotic_decay\" to [constraints] use", orphan.Message)
    let system = errorsOf (naclText + "\n[[constraints.check]]\nname = \"x\"\nfor = \"state\"\nkind = \"pplb\"\n") |> single ErrorCodes.InvalidValue
    Assert.Contains("kind pplb runs per element, so it needs for = \"element\"", system.Message)

[<Fact>]
let ``a constraint's optional settings default when left out and point at a value they reject`` () =
    let lines = naclText.Replace("\r\n", "\n").Split('\n')
    let check = "\n[[constraints.check]]\nname = \"x\"\nfor = \"pair\"\nkind = \"continuity\"\nformula = \"phi\"\nrange = [0, \"cutoff\"]\n"
    let spec = (readOk (naclText + check)).Constraints |> List.find (fun c -> c.Name = "x")
    Assert.Equal(ConstraintSection.defaultTolerance, spec.Tolerance)
    match spec.Kind with
    | Continuity(_, _, _, d) -> Assert.Equal(0, d)
    | other -> failwithf "expected a continuity constraint, got %A" other
    let derivatives = errorsOf (naclText + check + "derivatives = 3\n") |> single ErrorCodes.InvalidValue
    Assert.Equal("constraint 'x': 'derivatives' must be 0, 1 or 2", derivatives.Message)
    Assert.Equal({ Line = lines.Length + 7; Column = 15 }, derivatives.Position)
    let tolerance = errorsOf (naclText + check + "tolerance = -1e-3\n") |> single ErrorCodes.InvalidValue
    Assert.Equal("constraint 'x': 'tolerance' must be a non-negative number", tolerance.Message)
    Assert.Equal({ Line = lines.Length + 7; Column = 13 }, tolerance.Position)

[<Fact>]
let ``the closed-form integrals and dominant terms are exact on known cases`` () =
    let terms = Asymptotics.monomials "r" (parse "3*r^2*exp(-2*r) + r*exp(-r)")
    // 3·2!/2³ + 1!/1² = 0.75 + 1
    Assert.Equal(Some 1.75, terms |> Option.bind (fun t -> KnownIntegrals.integrate t 0.0 infinity))
    let finite = KnownIntegrals.integrate terms.Value 0.0 1.0
    Assert.Equal(NumericRoutes.integrate (fun r -> 3.0 * r * r * exp (-2.0 * r) + r * exp (-r)) 0.0 1.0, finite.Value, 12)
    let ratio = parse "(2*exp(-r) + 5*exp(-3*r))/(exp(-r) + r*exp(-4*r))"
    Assert.Equal(Some 2.0, Asymptotics.limitAtInfinity "r" ratio)
    // Richardson on a 1/r correction: 3 + 2/r → 3.
    Assert.Equal(3.0, NumericRoutes.limitAtInfinity (fun r -> 3.0 + 2.0 / r + 1.0 / (r * r)), 9)
