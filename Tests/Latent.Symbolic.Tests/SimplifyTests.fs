/// Display simplification: golden factorings, expansions and compact forms (each also checked by
/// value), value preservation on random expressions, and the guarantees compact makes (never
/// longer, idempotent, deterministic, fast on the project's real formulas).
module Latent.Symbolic.Tests.SimplifyTests

open System.Collections.Generic
open System.Diagnostics
open System.Threading.Tasks
open Xunit
open FsCheck
open FsCheck.FSharp
open FsCheck.Xunit
open Latent.Symbolic
open Latent.Symbolic.Tests.Numerics

let print = Infix.print

/// A screened Coulomb shape, like the Slater potentials of docs/model.md §6, and its first derivative, as `sym diff` prints it raw.
let screened = parse "exp(-z*r)*(1+z*r)/r"
let screenedDerivative = Differentiate.withRespectTo "r" screened

/// Slater 1s Coulomb integral of equal exponents (docs/model.md §6).
let slaterJ = parse "1/r - exp(-2*z*r)*(1/r + 11*z/8 + 3*z^2*r/4 + z^3*r^2/6)"

/// A point where every symbol of the golden cases is defined and no two are equal.
let goldenPoint =
    Map [ "a", 0.7; "b", 1.3; "c", -0.4; "d", 2.1; "r", 1.7; "x", 0.9; "y", -1.6; "z", 1.2 ]

let assertSameValue (original: Expr) (result: Expr) =
    let want, got = Evaluate.at goldenPoint original, Evaluate.at goldenPoint result
    Assert.True(close 1e-13 1e-14 got want, sprintf "%s = %.17g but %s = %.17g" (print original) want (print result) got)

/// (function, input text, expected printed output)
let golden: (string * string * string) list =
    [ "factorCommon", "x*y + x*z", "x*(y + z)"
      "factorCommon", "2*x + 4*x*y", "2*x*(1 + 2*y)"
      "factorCommon", "exp(a)*b + exp(a)*c", "(b + c)*exp(a)"
      "factorCommon", "(a+b)^2", "(a + b)^2"
      "factorCommon", "x + y", "x + y"
      "factorCommon", "-x - y", "-(x + y)"
      "factorCommon", "x/2 + y/3", "(2*y + 3*x)/6"
      "factorCommon", "1/r^2 + z/r", "(1 + r*z)/r^2"
      "factorCommon", "x*sqrt(y) + x^2*y^(3/2)", "x*sqrt(y)*(1 + x*y)"
      "factorCommon", "a*x^y + b*x^y", "x^y*(a + b)"
      // Innermost sums first: the inner x is then common to the outer sum too.
      "factorCommon", "a*(x*y + x*z) + b*x", "x*(b + a*(y + z))"
      // Only the shared part of the exp arguments comes out.
      "factorCommon", "a*exp(1 - 2*z*r) + b*exp(-2*z*r)", "(b + a*exp(1))*exp(-2*r*z)"
      "factorCommon", "-(1 + r*z)*exp(-r*z)/r^2 - z*(1 + r*z)*exp(-r*z)/r + z*exp(-r*z)/r", "(-r*z*(1 + r*z) - (1 + r*z) + r*z)*exp(-r*z)/r^2"
      "expand", "x*y + x*z", "x*y + x*z"
      "expand", "x*(y + z)", "x*y + x*z"
      "expand", "(a+b)^2", "a^2 + b^2 + 2*a*b"
      "expand", "(a+b)*(a-b)", "a^2 - b^2"
      "expand", "(x+1)^2 - x^2", "1 + 2*x"
      "expand", "exp(x*(y+z))", "exp(x*y + x*z)"
      "expand", "x + y", "x + y"
      "expand", "-(1 + r*z)*exp(-r*z)/r^2 - z*(1 + r*z)*exp(-r*z)/r + z*exp(-r*z)/r", "-exp(-r*z)/r^2 - z*exp(-r*z)/r - z^2*exp(-r*z)"
      // Past the bounds (a power above the sixth, 2^7 = 128 > 64 terms) a node stays as it is.
      "expand", "(a+b)^7", "(a + b)^7"
      "expand", "(a+b)*(c+d)*(x+y)*(r+z)*(a+c)*(b+d)*(x+z)", "(a + b)*(a + c)*(b + d)*(c + d)*(r + z)*(x + y)*(x + z)"
      "compact", "-(1 + r*z)*exp(-r*z)/r^2 - z*(1 + r*z)*exp(-r*z)/r + z*exp(-r*z)/r", "-(1 + r*z + r^2*z^2)*exp(-r*z)/r^2"
      "compact", "x*y + x*z", "x*(y + z)"
      // Each of these is already the shortest: factoring would print longer.
      "compact", "2*x + 4*x*y", "2*x + 4*x*y"
      "compact", "-x - y", "-x - y"
      "compact", "x/2 + y/3", "y/3 + x/2"
      "compact", "1/r + x", "1/r + x"
      "compact", "(a+b)^2", "(a + b)^2"
      "compact", "x + y", "x + y"
      "compact", "exp(a)*b + exp(a)*c", "(b + c)*exp(a)"
      "compact", "(x+1)^2 - x^2", "1 + 2*x"
      "compact", "a*(x*y + x*z) + b*x", "x*(b + a*(y + z))" ]

let goldenData () : obj array seq = golden |> Seq.map (fun (f, input, _) -> [| box f; box input |])

let apply (name: string) : Expr -> Expr =
    match name with
    | "factorCommon" -> Simplify.factorCommon
    | "expand" -> Simplify.expand
    | "compact" -> Simplify.compact
    | _ -> failwithf "no function %s" name

[<Theory; MemberData(nameof goldenData)>]
let ``golden output`` (f: string) (input: string) =
    let _, _, expected = golden |> List.find (fun (g, i, _) -> g = f && i = input)
    let e = parse input
    let result = apply f e
    Assert.Equal(expected, print result)
    assertSameValue e result

[<Fact>]
let ``derivatives of the screened Coulomb shape compact to a polynomial over a power of r`` () =
    let expected =
        [ "-(1 + r*z + r^2*z^2)*exp(-r*z)/r^2"
          "(2 + 2*r*z + r^2*z^2 + r^3*z^3)*exp(-r*z)/r^3"
          "-(6 + 3*r^2*z^2 + 6*r*z + r^3*z^3 + r^4*z^4)*exp(-r*z)/r^4"
          "(24 + 4*r^3*z^3 + 12*r^2*z^2 + 24*r*z + r^4*z^4 + r^5*z^5)*exp(-r*z)/r^5"
          "-(120 + 5*r^4*z^4 + 20*r^3*z^3 + 60*r^2*z^2 + 120*r*z + r^5*z^5 + r^6*z^6)*exp(-r*z)/r^6"
          "(720 + 6*r^5*z^5 + 30*r^4*z^4 + 120*r^3*z^3 + 360*r^2*z^2 + 720*r*z + r^6*z^6 + r^7*z^7)*exp(-r*z)/r^7" ]
    expected
    |> List.iteri (fun i text ->
        let d = Differentiate.nth (i + 1) "r" screened
        let c = Simplify.compact d
        Assert.Equal(text, print c)
        assertSameValue d c)

[<Fact>]
let ``the Slater Coulomb integral's derivatives group their exp terms over one denominator`` () =
    let expected =
        [ "1/r - (1/r + r^2*z^3/6 + 3*r*z^2/4 + 11*z/8)*exp(-2*r*z)"
          "(-1 + (1 + r^4*z^4/3 + 7*r^3*z^3/6 + 2*r*z + 2*r^2*z^2)*exp(-2*r*z))/r^2"
          "(2 - (2 + 2*r^5*z^5/3 + 5*r^4*z^4/3 + 17*r^3*z^3/6 + 4*r*z + 4*r^2*z^2)*exp(-2*r*z))/r^3" ]
    expected
    |> List.iteri (fun i text ->
        let d = if i = 0 then slaterJ else Differentiate.nth i "r" slaterJ
        let c = Simplify.compact d
        Assert.Equal(text, print c)
        assertSameValue d c)

/// The expressions compact must handle quickly: every one is what `sym diff` shows users.
let realFormulas () : (string * Expr) list =
    let zjw = DifferentiateTests.Zjw.phi
    [ for k in 1..6 -> sprintf "screened d%d" k, Differentiate.nth k "r" screened
      for k in 1..3 -> sprintf "Slater J d%d" k, Differentiate.nth k "r" slaterJ
      for k in 1..3 -> sprintf "ZJW phi d%d" k, Differentiate.nth k "r" zjw
      for k in 1..3 -> sprintf "ZJW density d%d" k, Differentiate.nth k "r" DifferentiateTests.Zjw.density
      for k in 1..3 -> sprintf "ZJW embedding d%d" k, Differentiate.nth k "rho" DifferentiateTests.Zjw.embedding ]

[<Fact>]
let ``compact is fast and exact on the project's formulas`` () =
    Simplify.compact screenedDerivative |> ignore // the first call pays for JIT compilation
    for name, e in realFormulas () do
        let clock = Stopwatch.StartNew()
        let c = Simplify.compact e
        clock.Stop()
        // Typically a few milliseconds; only a blow-up (candidates growing combinatorially) fails this.
        Assert.True(clock.Elapsed.TotalMilliseconds < 10000.0, sprintf "%s took %O" name clock.Elapsed)
        Assert.True((print c).Length <= (print e).Length, name)
        let p = Map.add "r" 2.4 (Map.add "rho" 20.0 (Map.add "z" 1.3 DifferentiateTests.Zjw.cu))
        let want, got = Evaluate.at p e, Evaluate.at p c
        Assert.True(close 1e-11 1e-13 got want, sprintf "%s: %.17g vs %.17g" name got want)

[<Fact>]
let ``derivatives of the EAM functions print shorter`` () =
    for name, e in realFormulas () |> List.filter (fun (n, _) -> n.StartsWith "ZJW phi" || n.StartsWith "ZJW density") do
        let before, after = (print e).Length, (print (Simplify.compact e)).Length
        // Terms share exp(-beta*(r/re - 1)) and powers of 1 + (r/re - lambda)^20.
        Assert.True(float after < 0.85 * float before, sprintf "%s: %d -> %d characters" name before after)

// ---------------------------------------------------------------------------------------------
// Properties on random expressions.

/// Value and a first-order bound on the rounding error of evaluating e in double precision, as
/// Evaluate does it (a running error analysis: every operation adds its own rounding, and the
/// error of each operand propagates through the operation's derivative). Rewrites change how
/// well an expression evaluates: expanding (1 + (x - 4)^6)^(3/2) or a squared denominator turns
/// it into sums of large cancelling terms. The bound says by how much, so the value check can be
/// tight where the arithmetic is well-conditioned and fair where it is not.
let valueAndRoundingBound (point: Map<string, float>) (e: Expr) : float * float =
    let u = 1.12e-16 // unit roundoff, 2^-53, a little rounded up
    // An exact operand propagates no error, even where the derivative is infinite (sqrt at 0).
    let times (error: float) (slope: float) = if error = 0.0 then 0.0 else error * slope
    let memo = Dictionary<Expr, float * float>(HashIdentity.Reference)
    let rec go (x: Expr) : float * float =
        match memo.TryGetValue x with
        | true, r -> r
        | _ ->
            let r =
                match x.Node with
                | Node.Number n ->
                    // A non-integer literal may itself be the result of folding several rounded
                    // operations (12.3^6 in an expanded (12.3 + x)^6), hence a few ulps.
                    let v = Number.toFloat n
                    v, (if Number.isInteger n then 0.0 else 8.0 * u * abs v)
                | Symbol s -> (match Evaluate.constant s with Some c -> c, u * abs c | None -> point.[s], 0.0)
                | Sum ts ->
                    let parts = List.map go ts
                    let v = parts |> List.sumBy fst
                    v, (parts |> List.sumBy snd) + u * float ts.Length * (parts |> List.sumBy (fst >> abs))
                | Product fs ->
                    let parts = List.map go fs |> Array.ofList
                    let v = parts |> Array.fold (fun acc (w, _) -> acc * w) 1.0
                    // Each factor's error times the product of the others' magnitudes.
                    let propagated =
                        parts
                        |> Array.mapi (fun i (_, err) -> times err (parts |> Array.mapi (fun j (w, _) -> if i = j then 1.0 else abs w) |> Array.fold (*) 1.0))
                        |> Array.sum
                    v, propagated + u * float parts.Length * abs v
                | Power(b, p) ->
                    let (vb, eb), (vp, ep) = go b, go p
                    let v = Evaluate.power vb vp
                    let dBase = abs (vp * Evaluate.power vb (vp - 1.0))
                    // d(b^p)/dp = b^p*log(b), which tends to 0 with b where b^p does.
                    let dExponent = if v = 0.0 then 0.0 else abs (v * log (abs vb))
                    v, times eb dBase + times ep dExponent + u * (2.0 + abs vp) * abs v
                | Apply(f, a) ->
                    let va, ea = go a
                    let v = Evaluate.func f va
                    let slope =
                        match f with
                        | Exp -> abs v
                        | Log -> 1.0 / abs va
                        | Sin | Cos | Abs -> 1.0
                        | Tanh -> 1.0 - v * v
                        | Erf | Erfc -> 1.13 * exp (-va * va)
                    v, times ea slope + 2.0 * u * abs v
                | Compare(rel, a, b) -> Evaluate.relation rel (fst (go a)) (fst (go b)), 0.0
                | Select(c, a, b) -> if fst (go c) <> 0.0 then go a else go b
            memo.[x] <- r
            r
    go e

let preservesValue (f: Expr -> Expr) =
    Prop.forAll (Arb.fromGen (Gen.zip ExprGen.smooth ExprGen.point)) (fun (e, p) ->
        let result = f e
        let want, wantError = valueAndRoundingBound p e
        let got, gotError = valueAndRoundingBound p result
        // The bound is first order and ignores the few ulps of library functions: a factor 8.
        (got = want || abs (got - want) <= 8.0 * (wantError + gotError))
        |> Prop.label (sprintf "%s -> %s at %A: %.17g vs %.17g (rounding bounds %g, %g)" (print e) (print result) p want got wantError gotError))

[<Property(MaxTest = 300)>]
let ``factorCommon preserves the value`` () = preservesValue Simplify.factorCommon

[<Property(MaxTest = 300)>]
let ``expand preserves the value`` () = preservesValue Simplify.expand

[<Property(MaxTest = 300)>]
let ``compact preserves the value`` () = preservesValue Simplify.compact

/// Both generators: smooth ones are what derivatives look like; any ones add selects,
/// comparisons, reals and undefined corners, which compact must handle structurally.
let bothGenerators = Gen.oneof [ ExprGen.smooth; ExprGen.anyExpr ]

[<Property(MaxTest = 500)>]
let ``compact never prints longer`` () =
    Prop.forAll (Arb.fromGen bothGenerators) (fun e ->
        (print (Simplify.compact e)).Length <= (print e).Length |> Prop.label (print e))

/// compact iterates to a fixed point of its own pass, so applying it again changes nothing.
[<Property(MaxTest = 500)>]
let ``compact is idempotent`` () =
    Prop.forAll (Arb.fromGen bothGenerators) (fun e ->
        let once = Simplify.compact e
        Simplify.compact once = once |> Prop.label (sprintf "%s -> %s -> %s" (print e) (print once) (print (Simplify.compact once))))

/// The printed compact form reads back to the same expression, so `sym simplify` of what
/// `sym diff` printed gives the same text.
[<Property(MaxTest = 300)>]
let ``compact output reads back and compacts to itself`` () =
    Prop.forAll (Arb.fromGen ExprGen.smooth) (fun e ->
        let once = Simplify.compact e
        let reread = parse (print once)
        reread = once && Simplify.compact reread = once)

/// No hidden dependence on hash order or shared state: the same result on many threads at once.
[<Property(MaxTest = 50)>]
let ``compact is deterministic`` () =
    Prop.forAll (Arb.fromGen bothGenerators) (fun e ->
        let results = Array.zeroCreate 8
        Parallel.For(0, results.Length, fun i -> results.[i] <- print (Simplify.compact e)) |> ignore
        results |> Array.forall (fun r -> r = results.[0]))

/// After expand, no product keeps a sum factor and no sum is raised to a small power, unless
/// the bound on the number of terms stopped it.
[<Property(MaxTest = 300)>]
let ``expand leaves no product of sums within the bounds`` () =
    Prop.forAll (Arb.fromGen ExprGen.smooth) (fun e ->
        let expanded = Simplify.expand e
        // A term with a fractional power of a sum can merge with its like when multiplied (s^(3/2)·s^(3/2) = s^3),
        // and expand multiplies that out in turn: the count below cannot follow it, so such a sum counts as too big
        // (a case 1 in ~40 000 of these expressions found once the count ignored it).
        let merges (ts: Expr list) =
            ts
            |> List.exists (fun t ->
                (match t.Node with Product fs -> fs | _ -> [ t ])
                |> List.exists (fun f ->
                    match f.Node with
                    | Power(b, Expr.Num q) -> (match b.Node with Sum _ -> not (Number.isInteger q) | _ -> false)
                    | _ -> false))
        // How many terms multiplying out f gives, if f is something expand multiplies out.
        let expandable (f: Expr) =
            match f.Node with
            | Sum ts when merges ts -> Some infinity
            | Sum ts -> Some(float ts.Length)
            | Power(b, Expr.Num k) when Number.isInteger k && not (Number.isNegative k) && Number.toFloat k <= float Simplify.MaxPower ->
                match b.Node with
                | Sum ts when merges ts -> Some infinity
                | Sum ts -> Some(float ts.Length ** Number.toFloat k)
                | _ -> None
            | _ -> None
        let offending =
            Expr.postOrder [ expanded ]
            |> List.filter (fun x ->
                let factors =
                    match x.Node with
                    | Product fs -> fs
                    | Power _ -> [ x ]
                    | _ -> []
                let counts = factors |> List.choose expandable
                not counts.IsEmpty && List.fold (*) 1.0 counts <= float Simplify.MaxTerms)
        List.isEmpty offending |> Prop.label (sprintf "%s -> %s" (print e) (print expanded)))
