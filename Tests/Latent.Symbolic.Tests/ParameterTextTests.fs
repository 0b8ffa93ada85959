/// ParameterText: a fit rewrites only the numbers of the parameters it fits, in the file's own text.
module Latent.Symbolic.Tests.ParameterTextTests

open System
open System.IO
open Xunit
open Latent.Symbolic.PotentialFile
open Latent.Symbolic.Tests.PotentialFileTests

let private ok result =
    match result with
    | Ok v -> v
    | Error e -> failwithf "unexpected error: %s" e

[<Fact>]
let ``changing parameters changes only their numbers`` () =
    let text = ok (ParameterText.withValues [ "A_NaCl", 1234.5678901234567; "rho", 0.3 ] naclText)
    let before = naclText.Split('\n')
    let after = text.Split('\n')
    Assert.Equal(before.Length, after.Length)
    let changed = Array.zip before after |> Array.filter (fun (a, b) -> a <> b)
    Assert.Equal(2, changed.Length)
    Assert.Contains("A_NaCl = { value = 1234.5678901234567, unit", snd changed.[1] + snd changed.[0])
    // The rewritten file reads, with exactly the new values.
    match read text with
    | Ok p ->
        Assert.Equal(1234.5678901234567, (p.Parameters |> List.find (fun q -> q.Name = "A_NaCl")).Value)
        Assert.Equal(0.3, (p.Parameters |> List.find (fun q -> q.Name = "rho")).Value)
        Assert.Equal(424.0, (p.Parameters |> List.find (fun q -> q.Name = "A_NaNa")).Value)
    | Error es -> failwithf "%A" es

[<Fact>]
let ``every double round-trips through the text`` () =
    for v in [ 1e-300; 5e-324; 1.7976931348623157e308; -0.1; 0.1 + 0.2; 424.0; 1e21; 123456789012345680.0 ] do
        let text = ok (ParameterText.withValues [ "rho", v ] naclText)
        match read text with
        | Ok p -> Assert.Equal(v, (p.Parameters |> List.find (fun q -> q.Name = "rho")).Value)
        | Error es -> failwithf "%g: %A" v es

[<Fact>]
let ``bare numbers are rewritten too`` () =
    let text = "[parameters]\nx = 1.5 # comment\ny = { value = 2, unit = \"Å\" }\n"
    let out = ok (ParameterText.withValues [ "x", 2.25; "y", -3.5 ] text)
    Assert.Equal("[parameters]\nx = 2.25 # comment\ny = { value = -3.5, unit = \"Å\" }\n", out)

[<Fact>]
let ``unknown parameters and non-finite values are refused`` () =
    match ParameterText.withValues [ "nope", 1.0 ] naclText with
    | Error e -> Assert.Contains("'nope'", e)
    | Ok _ -> failwith "expected an error"
    match ParameterText.withValues [ "rho", Double.NaN ] naclText with
    | Error e -> Assert.Contains("'rho'", e)
    | Ok _ -> failwith "expected an error"

[<Fact>]
let ``a refit replaces the fitted record and keeps what follows it`` () =
    let withRecord = naclText.TrimEnd('\n') + "\n\n[fitted]\ntargets = \"a.toml\"\ncost = 1.0\n"
    Assert.True((read withRecord) |> Result.isOk, "a [fitted] record is part of the format")
    let stripped = ParameterText.withoutFittedRecord withRecord
    Assert.DoesNotContain("[fitted]", stripped)
    Assert.Equal(naclText.TrimEnd('\n') + "\n", stripped.TrimEnd('\n') + "\n")
    let middle = "[parameters]\nx = 1\n\n[fitted]\ncost = 1.0\n\n# the next table\n[model]\ncutoff = 3.0\n"
    Assert.Equal("[parameters]\nx = 1\n\n# the next table\n[model]\ncutoff = 3.0\n", ParameterText.withoutFittedRecord middle)

[<Fact>]
let ``a misspelt fitted record key is an error`` () =
    let bad = naclText.TrimEnd('\n') + "\n\n[fitted]\ncots = 1.0\n"
    match read bad with
    | Error es -> Assert.Contains(es, fun e -> e.Message.Contains "cots")
    | Ok _ -> failwith "expected an error"

[<Fact>]
let ``a parameter named after a formula variable is refused where it would shadow it`` () =
    let cu = File.ReadAllText(Path.Combine(potentialsDir, "Cu.toml"))
    // Cu has an embedding in rho: a parameter rho would stand in for the host density.
    let withRho = cu.Replace("[parameters]\n", "[parameters]\nrho = 1.0\n")
    match read withRho with
    | Error es -> Assert.Contains(es, fun e -> e.Message.Contains "cannot be named 'rho'" && e.Position.Line > 0)
    | Ok _ -> failwith "expected an error"
    let withR = naclText.Replace("[parameters]\n", "[parameters]\nr = 1.0\n")
    match read withR with
    | Error es -> Assert.Contains(es, fun e -> e.Message.Contains "cannot be named 'r'")
    | Ok _ -> failwith "expected an error"
    // NaCl has no embedding: its Born–Mayer range may be called rho.
    Assert.True(Result.isOk (read naclText))
