/// Potential files: the shipped NaCl file, every error code with its location, and the kernels
/// built from a file (electrostatics, symmetry, derivatives, cutoff, parameter gradients).
module Latent.Symbolic.Tests.PotentialFileTests

open System
open System.IO
open Xunit
open Latent.Symbolic
open Latent.Symbolic.Components
open Latent.Symbolic.PotentialFile
open Latent.Symbolic.Kernels
open Latent.Symbolic.Tests.Numerics

/// The repository's potentials folder, found from the test's output directory.
let potentialsDir =
    let rec up (d: DirectoryInfo) =
        if isNull d then failwith "potentials/ not found above the test directory"
        elif Directory.Exists(Path.Combine(d.FullName, "potentials")) then Path.Combine(d.FullName, "potentials")
        else up d.Parent
    up (DirectoryInfo AppContext.BaseDirectory)

let naclText = File.ReadAllText(Path.Combine(potentialsDir, "NaCl.toml"))
let read text = PotentialReader.readWith (FunctionLibrary.table ()) text
let nacl = match read naclText with Ok p -> p | Error es -> failwithf "%A" es
let kernels = match KernelSet.build nacl with Ok k -> k | Error es -> failwithf "%A" es

let errorsOf (text: string) =
    match read text with
    | Ok _ -> failwith "expected the file to be rejected"
    | Error es -> es

/// The error with this code, asserting there is exactly one.
let single code (errors: PotentialError list) =
    match errors |> List.filter (fun e -> e.Code = code) with
    | [ e ] -> e
    | other -> failwithf "expected one %s, got %A (all: %A)" code other errors

[<Fact>]
let ``NaCl reads with energies from the atomic-data table`` () =
    Assert.Equal("NaCl", nacl.Name)
    Assert.Equal<string list>([ "Na"; "Cl" ], nacl.Elements |> List.map (fun e -> e.Symbol))
    let na = kernels.Elements.[0]
    Assert.Equal(22.990, na.Mass)
    let energy name = (na.States |> List.find (fun s -> s.Name = name)).Energy
    Assert.Equal(5.1391, energy "cation")
    Assert.Equal(-0.5479, energy "anion")
    Assert.Equal<string list>([ "Na-Na"; "Na-Cl"; "Cl-Cl" ], kernels.Pairs |> List.map (fun p -> p.A + "-" + p.B))

[<Fact>]
let ``shipped component library parses and documents every function`` () =
    let all = FunctionLibrary.all ()
    Assert.Contains(all, fun f -> f.Name = "switch")
    for f in all do
        Assert.False(String.IsNullOrWhiteSpace f.Description, sprintf "%s has no description" f.Name)
        // A body may use only its parameters and named constants.
        let allowed = set f.Parameters + set [ "ke"; "Ha"; "a0" ]
        Assert.True(Set.isSubset f.Body.FreeSymbols allowed, sprintf "%s uses %A" f.Name (Set.difference f.Body.FreeSymbols allowed))

let replace (a: string) (b: string) (text: string) =
    Assert.Contains(a, text)
    text.Replace(a, b)

[<Fact>]
let ``TOML syntax error is located`` () =
    let e = errorsOf (replace "temperature = 0.025" "temperature = = 0.025" naclText) |> single ErrorCodes.TomlSyntax
    Assert.Equal(18, e.Position.Line)

[<Fact>]
let ``arrays nested past the TOML parser's depth are a located error, not an exception`` () =
    // Found by fuzzing: Tomlyn throws at 64 levels instead of reporting.
    let deep = String.replicate 70 "[" + String.replicate 70 "]"
    let e = errorsOf (replace "temperature = 0.025" ("temperature = 0.025\nx = " + deep) naclText) |> single ErrorCodes.TomlSyntax
    Assert.Equal(19, e.Position.Line)
    Assert.Equal(74, e.Position.Column)
    Assert.StartsWith("arrays or inline tables nested too deeply", e.Message)

[<Fact>]
let ``formula syntax error points into the formula`` () =
    let e = errorsOf (replace "phi = \"born_mayer(r, A_NaCl, rho)\"" "phi = \"born_mayer(r, A_NaCl,, rho)\"" naclText) |> single ErrorCodes.FormulaSyntax
    // `phi = "` is 7 characters; the second comma is the 22nd of the formula.
    Assert.Equal({ Line = 92; Column = 7 + 22 }, e.Position)

[<Fact>]
let ``unknown symbol is located at its column`` () =
    let e = errorsOf (replace "born_mayer(r, A_NaCl, rho)" "born_mayer(r, A_NaCl, rhoo)" naclText) |> single ErrorCodes.UnknownSymbol
    Assert.Equal({ Line = 92; Column = 30 }, e.Position)
    Assert.Contains("'rhoo'", e.Message)

[<Fact>]
let ``a state energy may not depend on r`` () =
    let e = errorsOf (replace "energy = \"ip1_Na\"" "energy = \"ip1_Na*r\"" naclText) |> single ErrorCodes.WrongVariable
    Assert.Equal({ Line = 54; Column = 18 }, e.Position)

[<Fact>]
let ``shells must hold valence minus charge electrons`` () =
    let e = errorsOf (replace "shells = [{ electrons = 6, exponent = \"z_Cl_ip2\" }]" "shells = [{ electrons = 5, exponent = \"z_Cl_ip2\" }]" naclText) |> single ErrorCodes.ElectronCount
    Assert.Equal(86, e.Position.Line)
    Assert.Contains("must hold 6 electrons", e.Message)

[<Fact>]
let ``a missing pair is reported`` () =
    let text = replace "[pairs.Cl-Cl]\nphi = \"born_mayer(r, A_ClCl, rho)\"" "" naclText
    let e = errorsOf text |> single ErrorCodes.MissingPair
    Assert.Contains("Cl-Cl", e.Message)

[<Fact>]
let ``a misspelt key is not silently ignored`` () =
    let e = errorsOf (replace "degeneracy = 2" "degenracy = 2" naclText) |> single ErrorCodes.UnknownKey
    Assert.Equal(46, e.Position.Line)

[<Fact>]
let ``negative exponents, unknown units and bad cutoffs are refused`` () =
    let errors =
        naclText
        |> replace "z_Na_ea = \"slater_exponent(ea_Na)\"" "z_Na_ea = \"-slater_exponent(ea_Na)\""
        |> replace "unit = \"Å\", note = \"Born–Mayer range" "unit = \"Angstroms\", note = \"Born–Mayer range"
        |> replace "cutoff_width = 2.0" "cutoff_width = 12.0"
        |> errorsOf
    Assert.Equal(3, errors |> List.filter (fun e -> e.Code = ErrorCodes.InvalidValue) |> List.length)

[<Fact>]
let ``atomic data that does not exist is reported`` () =
    let e = errorsOf (replace "energy = \"-ea_Na\"" "energy = \"-ea_Xx\"" naclText) |> single ErrorCodes.AtomicData
    Assert.Equal(61, e.Position.Line)

[<Fact>]
let ``a newer format is refused`` () =
    errorsOf (replace "format = 1" "format = 2" naclText) |> single ErrorCodes.UnsupportedFormat |> ignore

[<Fact>]
let ``Slater exponents too close for either closed form are refused at kernel build`` () =
    let text = replace "z_Na_ea = \"slater_exponent(ea_Na)\"" "z_Na_ea = \"1.001*slater_exponent(ip1_Na)\"" naclText
    match read text with
    | Error es -> failwithf "%A" es
    | Ok p ->
        match KernelSet.build p with
        | Ok _ -> failwith "expected LAT010"
        | Error es -> Assert.Contains(es, fun e -> e.Code = ErrorCodes.SlaterExponents)

let pair a b = kernels.Pairs |> List.find (fun p -> p.A = a && p.B = b)
let term (p: PairKernel) name = p.Layout.TermNames |> Seq.findIndex ((=) name)
let values (p: PairKernel) (rv: float) = StraightLine.evaluateAt p.Program (Map [ "r", rv ])

[<Fact>]
let ``Na-Cl cation-anion electrostatics is the shell value minus the point-charge tail`` () =
    let p = pair "Na" "Cl"
    let v = values p 2.36
    let tail = -PhysicalConstants.CoulombConstant / 2.36
    Assert.Equal(-5.89, v.[term p "c.cation.anion"] + tail, 2)

[<Fact>]
let ``electrostatics is symmetric between the pair's orders`` () =
    let swapped = { nacl.Pairs.[1] with A = "Cl"; B = "Na" }
    for a in (nacl.Element "Na").States do
        for b in (nacl.Element "Cl").States do
            let cab = KernelSet.electrostatics nacl nacl.Pairs.[1] a b |> function Ok e -> e | Error e -> failwithf "%O" e
            let cba = KernelSet.electrostatics nacl swapped b a |> function Ok e -> e | Error e -> failwithf "%O" e
            for rv in [ 1.5; 2.36; 6.0 ] do
                let at e = Evaluate.at (Map [ "r", rv ]) e
                Assert.True(close 1e-13 1e-15 (at cab) (at cba), sprintf "%s:%s at %g" a.Name b.Name rv)

[<Fact>]
let ``kernel derivatives are the r-derivatives of kernel values`` () =
    for p in kernels.Pairs do
        let layout = p.Layout
        for rv in [ 1.9; 2.7; 4.5; 10.6; 11.3 ] do
            let d = values p rv
            for k in 0 .. layout.TermCount - 1 do
                let want = richardson (fun x -> (values p x).[k]) rv
                let got = d.[layout.Derivative k]
                Assert.True(close 1e-7 1e-9 got want, sprintf "%s-%s %s at %g: %.17g vs %.17g" p.A p.B (layout.TermName k) rv got want)

[<Fact>]
let ``every term and its derivative vanish at the cutoff`` () =
    for p in kernels.Pairs do
        let at = values p kernels.Cutoff
        let beyond = values p (kernels.Cutoff + 0.5)
        Assert.All(at, fun v -> Assert.Equal(0.0, v))
        Assert.All(beyond, fun v -> Assert.Equal(0.0, v))
        // Just inside, values are continuous towards zero.
        let inside = values p (kernels.Cutoff - 1e-6)
        Assert.All(inside, fun v -> Assert.True(abs v < 1e-9))

[<Fact>]
let ``parameter gradients match differences in the parameters`` () =
    let p = pair "Na" "Cl"
    let gradient = StraightLine.evaluateAt p.Gradient.Value (Map [ "r", 2.5 ])
    kernels.Fitted
    |> List.iteri (fun i (name, value) ->
        // Each shifted potential is built once and read for every output.
        let cache = Collections.Generic.Dictionary<float, float array>()
        let build (v: float) =
            let pot = { nacl with Parameters = nacl.Parameters |> List.map (fun q -> if q.Name = name then { q with Value = v } else q) }
            match KernelSet.build pot with
            | Ok ks -> StraightLine.evaluateAt (ks.Pairs |> List.find (fun q -> q.A = "Na" && q.B = "Cl")).Program (Map [ "r", 2.5 ])
            | Error es -> failwithf "%A" es
        let shifted (v: float) =
            match cache.TryGetValue v with
            | true, r -> r
            | _ ->
                let r = build v
                cache.[v] <- r
                r
        for k in 0 .. p.Layout.OutputCount - 1 do
            let want = richardson (fun v -> (shifted v).[k]) value
            let got = gradient.[p.Layout.GradientOutput(i, k)]
            Assert.True(close 1e-6 1e-9 got want, sprintf "d/d%s of output %d: %.17g vs %.17g" name k got want))

[<Fact>]
let ``NaCl ionic dimer has its minimum near the measured distance`` () =
    // E_ionic(r) = IP_Na − EA_Cl + C_{+−}(r) + φ(r): the fitted repulsion puts its minimum at 2.3614 Å
    // (measured: 2.3609 Å).
    let p = pair "Na" "Cl"
    let energy rv =
        let v = values p rv
        5.1391 - 3.6127 + v.[term p "c.cation.anion"] - PhysicalConstants.CoulombConstant / rv + v.[term p "phi"]
    let slope rv = richardson energy rv
    Assert.True(slope 2.35 < 0.0 && slope 2.37 > 0.0, sprintf "slopes %g %g" (slope 2.35) (slope 2.37))

[<Fact>]
let ``the source hash is SHA-256 of the UTF-8 text in lower-case hex`` () =
    // Reference digests from other implementations: FIPS 180-2's "abc" example, and Python's hashlib
    // for non-ASCII text (an en dash and Å are two bytes each in UTF-8).
    Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", SourceHash.ofText "abc")
    Assert.Equal("ad0b39519f0216c7148e14f39fbeeedb47bd0160f5d4b064bd522aeb2886ff60", SourceHash.ofText "Na–Cl Å")

[<Fact>]
let ``the kernel pipeline reads then builds, and reports the first stage's problems`` () =
    match KernelPipeline.fromText naclText with
    | Ok set -> Assert.True((set = kernels), "the pipeline's kernels should equal read then build")
    | Error es -> failwithf "%A" es
    // A file the reader refuses: the reader's problems, located.
    let unread = replace "format = 1" "format = 2" naclText
    match KernelPipeline.fromText unread with
    | Ok _ -> failwith "expected the reader's refusal"
    | Error es -> Assert.Equal<PotentialError list>(errorsOf unread, es)
    // A file that reads but does not build: the kernel build's problems.
    let unbuilt = replace "z_Na_ea = \"slater_exponent(ea_Na)\"" "z_Na_ea = \"1.001*slater_exponent(ip1_Na)\"" naclText
    match KernelPipeline.fromText unbuilt with
    | Ok _ -> failwith "expected LAT010"
    | Error es -> Assert.Contains(es, fun e -> e.Code = ErrorCodes.SlaterExponents)
