/// The kernel layout is the one statement of which output holds what: every index it gives is
/// distinct and in range, it names the programs' outputs exactly as the kernel builder orders
/// them (values, r-derivatives, parameter gradients), and it compares by value.
module Latent.Symbolic.Tests.KernelLayoutTests

open System.IO
open Xunit
open Latent.Symbolic
open Latent.Symbolic.Components
open Latent.Symbolic.PotentialFile
open Latent.Symbolic.Kernels

let private shipped =
    [ for name in [ "NaCl"; "Cu" ] ->
          let text = File.ReadAllText(Path.Combine(PotentialFileTests.potentialsDir, name + ".toml"))
          match PotentialReader.readWith (FunctionLibrary.table ()) text |> Result.bind (KernelSet.build >> Result.mapError id) with
          | Ok k -> k
          | Error es -> failwithf "%s: %A" name es ]

/// Every value index the layout hands out, with what it claims to be there.
let private claimed (l: PairLayout) =
    [ for a in 0 .. l.StateCountA - 1 do
          for b in 0 .. l.StateCountB - 1 -> l.Electrostatics(a, b), PairTerm.Electrostatics(a, b)
      yield l.PairPotential, PairTerm.PairPotential
      for b in 0 .. l.StateCountB - 1 -> l.DensityAtA b, PairTerm.DensityAtA b
      for a in 0 .. l.StateCountA - 1 -> l.DensityAtB a, PairTerm.DensityAtB a ]

[<Fact>]
let ``every term has its own value index, and Term reads it back`` () =
    for states in [ [ "n" ], [ "n" ]; [ "n"; "c"; "a" ], [ "n"; "a" ]; [ "x"; "y" ], [ "p"; "q"; "r"; "s" ] ] do
        let l = PairLayout(fst states, snd states)
        let indices = claimed l
        Assert.Equal(l.TermCount, indices.Length)
        Assert.Equal<int list>([ 0 .. l.TermCount - 1 ], indices |> List.map fst |> List.sort)
        for k, term in indices do
            Assert.Equal(term, l.Term k)
        Assert.Equal(2 * l.TermCount, l.OutputCount)

[<Fact>]
let ``derivative and gradient indices never collide`` () =
    let l = PairLayout([ "n"; "c" ], [ "n"; "a"; "c" ])
    let derivatives = [ for k in 0 .. l.TermCount - 1 -> l.Derivative k ]
    Assert.Equal<int list>([ l.TermCount .. l.OutputCount - 1 ], derivatives)
    let gradients = [ for p in 0 .. 2 do for k in 0 .. l.OutputCount - 1 -> l.GradientOutput(p, k) ]
    Assert.Equal<int list>([ 0 .. l.GradientCount 3 - 1 ], List.sort gradients)

[<Fact>]
let ``layouts compare by their states`` () =
    Assert.Equal(PairLayout([ "n"; "c" ], [ "a" ]), PairLayout([| "n"; "c" |], [| "a" |]))
    Assert.Equal(PairLayout([ "n"; "c" ], [ "a" ]).GetHashCode(), PairLayout([| "n"; "c" |], [| "a" |]).GetHashCode())
    Assert.NotEqual(PairLayout([ "n"; "c" ], [ "a" ]), PairLayout([ "n" ], [ "c"; "a" ]))
    Assert.NotEqual(PairLayout([ "n"; "c" ], [ "a" ]), PairLayout([ "c"; "n" ], [ "a" ]))

[<Fact>]
let ``a layout needs states on both sides`` () =
    Assert.Throws<System.ArgumentException>(fun () -> PairLayout([], [ "n" ]) |> ignore) |> ignore

/// The gradient program's output for (parameter p, output k) sits where the layout says.
let private assertGradientNames (set: KernelSet) (layout: IKernelLayout) (outputs: string[]) (gradient: StraightLine.Program option) =
    match gradient with
    | None -> ()
    | Some g ->
        let names = g.Outputs |> List.map fst |> Array.ofList
        Assert.Equal(layout.GradientCount set.Fitted.Length, names.Length)
        set.Fitted |> List.iteri (fun p (parameter, _) ->
            for k in 0 .. layout.OutputCount - 1 do
                Assert.Equal(sprintf "d%s/%s" parameter outputs.[k], names.[layout.GradientOutput(p, k)]))

[<Fact>]
let ``the layout names every output of every shipped pair program where the builder put it`` () =
    for set in shipped do
        for pair in set.Pairs do
            let l = pair.Layout
            let outputs = pair.Program.Outputs |> List.map fst |> Array.ofList
            Assert.Equal(l.OutputCount, outputs.Length)
            for k in 0 .. l.TermCount - 1 do
                Assert.Equal(l.TermName k, outputs.[k])
                Assert.Equal("d/" + l.TermName k, outputs.[l.Derivative k])
            let element s = set.Elements |> List.find (fun e -> e.Symbol = s)
            Assert.Equal<string list>([ for s in (element pair.A).States -> s.Name ], List.ofSeq l.StatesA)
            Assert.Equal<string list>([ for s in (element pair.B).States -> s.Name ], List.ofSeq l.StatesB)
            assertGradientNames set (l :> IKernelLayout) outputs pair.Gradient

[<Fact>]
let ``the embedding layout names F, F′ and F″ where the builder put them`` () =
    for set in shipped do
        for e in set.Embeddings do
            let outputs = e.Program.Outputs |> List.map fst |> Array.ofList
            Assert.Equal(EmbeddingLayout.OutputCount, outputs.Length)
            Assert.Equal("F", outputs.[EmbeddingLayout.Value])
            Assert.Equal("d/F", outputs.[EmbeddingLayout.Slope])
            Assert.Equal("dd/F", outputs.[EmbeddingLayout.Curvature])
            assertGradientNames set (EmbeddingLayout.Instance :> IKernelLayout) outputs e.Gradient

[<Fact>]
let ``the continuous-charge layout has the coupling, φ and one density each way, and no state electrostatics`` () =
    let l = PairLayout.ContinuousCharges()
    Assert.True(l.HasContinuousCharges)
    Assert.Equal(4, l.TermCount)
    Assert.Equal<string list>([ "coupling"; "phi"; "fB"; "fA" ], List.ofSeq l.TermNames)
    let indices = [ l.ChargeCoupling, PairTerm.ChargeCoupling; l.PairPotential, PairTerm.PairPotential; l.DensityAtA 0, PairTerm.DensityAtA 0; l.DensityAtB 0, PairTerm.DensityAtB 0 ]
    Assert.Equal<int list>([ 0 .. 3 ], indices |> List.map fst |> List.sort)
    for k, term in indices do
        Assert.Equal(term, l.Term k)
    Assert.Equal("d/dr coupling", l.OutputName(l.Derivative l.ChargeCoupling))
    Assert.Throws<System.InvalidOperationException>(fun () -> l.Electrostatics(0, 0) |> ignore) |> ignore
    Assert.Throws<System.InvalidOperationException>(fun () -> PairLayout([ "n" ], [ "n" ]).ChargeCoupling |> ignore) |> ignore

[<Fact>]
let ``a continuous-charge layout equals another and no layout of states`` () =
    Assert.Equal(PairLayout.ContinuousCharges(), PairLayout.ContinuousCharges())
    Assert.Equal(PairLayout.ContinuousCharges().GetHashCode(), PairLayout.ContinuousCharges().GetHashCode())
    Assert.NotEqual(PairLayout.ContinuousCharges(), PairLayout([ "q" ], [ "q" ]))
