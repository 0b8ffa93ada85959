/// Every simplification the smart constructors perform: the canonical form it produces, and that
/// it preserves the value (checked numerically against plain double arithmetic).
module Latent.Symbolic.Tests.ConstructorTests

open System
open Xunit
open FsCheck
open FsCheck.FSharp
open FsCheck.Xunit
open Latent.Symbolic
open Latent.Symbolic.Tests.Numerics


let at (xv: float) (yv: float) (e: Expr) = Evaluate.at (Map [ "x", xv; "y", yv; "z", 0.7 ]) e

/// (rule, what the constructors build, the canonical form expected, the value by plain arithmetic)
let rules: (string * Expr * Expr * (float -> float -> float)) list =
    [ "x + 0 = x", Expr.sum [ x; Expr.zero ], x, (fun a _ -> a + 0.0)
      "x * 1 = x", Expr.product [ x; Expr.one ], x, (fun a _ -> a * 1.0)
      "x * 0 = 0", Expr.product [ x; Expr.zero ], Expr.zero, (fun a _ -> a * 0.0)
      "x ^ 1 = x", Expr.pow x Expr.one, x, (fun a _ -> a)
      "x ^ 0 = 1", Expr.pow x Expr.zero, Expr.one, (fun _ _ -> 1.0)
      "1 ^ x = 1", Expr.pow Expr.one x, Expr.one, (fun _ _ -> 1.0)
      "2x + 3x = 5x", Expr.sum [ Expr.product [ n 2; x ]; Expr.product [ n 3; x ] ], Expr.product [ n 5; x ], (fun a _ -> 2.0 * a + 3.0 * a)
      "x - x = 0", Expr.subtract x x, Expr.zero, (fun a _ -> a - a)
      "x + y = y + x", Expr.sum [ y; x ], Expr.sum [ x; y ], (fun a b -> b + a)
      "x * y = y * x", Expr.product [ y; x ], Expr.product [ x; y ], (fun a b -> b * a)
      "(x + y) + z flattens", Expr.sum [ Expr.sum [ x; y ]; z ], Expr.sum [ x; Expr.sum [ y; z ] ], (fun a b -> a + b + 0.7)
      "x * x^2 = x^3", Expr.product [ x; sq x ], Expr.pow x (n 3), (fun a _ -> a * a * a)
      "x / x = 1", Expr.divide x x, Expr.one, (fun a _ -> a / a)
      "x^a * x^b = x^(a+b)", Expr.product [ Expr.pow x y; Expr.pow x z ], Expr.pow x (Expr.sum [ y; z ]), (fun a b -> Math.Pow(a, b) * Math.Pow(a, 0.7))
      "(x^2)^3 = x^6", Expr.pow (sq x) (n 3), Expr.pow x (n 6), (fun a _ -> Math.Pow(a * a, 3.0))
      "(x^(1/2))^y = x^(y/2)", Expr.pow (Expr.sqrt x) y, Expr.pow x (Expr.product [ Expr.half; y ]), (fun a b -> Math.Pow(Math.Sqrt a, b))
      "(x y)^2 = x^2 y^2", Expr.pow (Expr.product [ x; y ]) (n 2), Expr.product [ sq x; sq y ], (fun a b -> (a * b) * (a * b))
      "sqrt(x)^2 = x", sq (Expr.sqrt x), x, (fun a _ -> Math.Sqrt a * Math.Sqrt a)
      "exp(a) exp(b) = exp(a+b)", Expr.product [ Expr.exp x; Expr.exp y ], Expr.exp (Expr.sum [ x; y ]), (fun a b -> Math.Exp a * Math.Exp b)
      "exp(x) exp(-x) = 1", Expr.product [ Expr.exp x; Expr.exp (Expr.negate x) ], Expr.one, (fun a _ -> Math.Exp a * Math.Exp -a)
      "exp(x)^2 = exp(2x)", sq (Expr.exp x), Expr.exp (Expr.product [ n 2; x ]), (fun a _ -> Math.Exp a * Math.Exp a)
      "exp(log x) = x", Expr.exp (Expr.log x), x, (fun a _ -> Math.Exp(Math.Log a))
      "log(exp x) = x", Expr.log (Expr.exp x), x, (fun a _ -> Math.Log(Math.Exp a))
      "abs(abs x) = abs x", Expr.abs (Expr.abs x), Expr.abs x, (fun a _ -> abs (abs a))
      "abs(exp x) = exp x", Expr.abs (Expr.exp x), Expr.exp x, (fun a _ -> abs (Math.Exp a))
      "exp(0) = 1", Expr.exp Expr.zero, Expr.one, (fun _ _ -> Math.Exp 0.0)
      "log(1) = 0", Expr.log Expr.one, Expr.zero, (fun _ _ -> Math.Log 1.0)
      "sin(0) = 0", Expr.sin Expr.zero, Expr.zero, (fun _ _ -> Math.Sin 0.0)
      "cos(0) = 1", Expr.cos Expr.zero, Expr.one, (fun _ _ -> Math.Cos 0.0)
      "tanh(0) = 0", Expr.tanh Expr.zero, Expr.zero, (fun _ _ -> Math.Tanh 0.0)
      "erf(0) = 0", Expr.erf Expr.zero, Expr.zero, (fun _ _ -> 0.0)
      "erfc(0) = 1", Expr.erfc Expr.zero, Expr.one, (fun _ _ -> 1.0)
      "abs(-3) = 3", Expr.abs (n -3), n 3, (fun _ _ -> 3.0)
      "4^(1/2) = 2", Expr.sqrt (n 4), n 2, (fun _ _ -> Math.Sqrt 4.0)
      "(9/4)^(-1/2) = 2/3", Expr.pow (Expr.rational 9 4) (Expr.rational -1 2), Expr.rational 2 3, (fun _ _ -> 1.0 / Math.Sqrt 2.25)
      "2^10 = 1024", Expr.pow (n 2) (n 10), n 1024, (fun _ _ -> 1024.0)
      "1/3 + 1/6 = 1/2 exactly", Expr.sum [ Expr.rational 1 3; Expr.rational 1 6 ], Expr.half, (fun _ _ -> 0.5)
      "0.5 + 0.5 = 1 (doubles normalise to integers)", Expr.sum [ Expr.ofFloat 0.5; Expr.ofFloat 0.5 ], Expr.one, (fun _ _ -> 1.0)
      "exp(0.25) folds", Expr.exp (Expr.ofFloat 0.25), Expr.ofFloat (Math.Exp 0.25), (fun _ _ -> Math.Exp 0.25)
      "select(1 < 2, x, y) = x", Expr.select (Expr.compare Less (n 1) (n 2)) x y, x, (fun a _ -> a)
      "select(2 <= 1, x, y) = y", Expr.select (Expr.compare LessEqual (n 2) (n 1)) x y, y, (fun _ b -> b)
      "select(c, x, x) = x", Expr.select (Expr.compare Less x y) x x, x, (fun a _ -> a)
      "x <= x holds", Expr.compare LessEqual x x, Expr.one, (fun _ _ -> 1.0)
      "x < x fails", Expr.compare Less x x, Expr.zero, (fun _ _ -> 0.0)
      "min(x, y)", Expr.minimum x y, Expr.select (Expr.compare LessEqual x y) x y, (fun a b -> min a b)
      "max(x, y)", Expr.maximum x y, Expr.select (Expr.compare GreaterEqual x y) x y, (fun a b -> max a b) ]

let ruleData () : obj array seq = rules |> Seq.map (fun (name, _, _, _) -> [| box name |])

let findRule name = rules |> List.find (fun (n, _, _, _) -> n = name)

[<Theory; MemberData(nameof ruleData)>]
let ``rule gives the canonical form`` (name: string) =
    let _, built, expected, _ = findRule name
    Assert.Equal(expected, built)
    // Interned: the two are one object, not merely equal.
    Assert.Same(expected, built)

[<Theory; MemberData(nameof ruleData)>]
let ``rule preserves the value`` (name: string) =
    let _, built, _, reference = findRule name
    for xv, yv in [ 0.6, 1.3; 1.7, 0.55; 1.1, 1.9 ] do
        let got = at xv yv built
        let want = reference xv yv
        Assert.True(close 1e-13 1e-14 got want, sprintf "%s at x=%g y=%g: %.17g vs %.17g" name xv yv got want)

[<Fact>]
let ``equal expressions built separately are one object with one hash`` () =
    let a = Expr.product [ Expr.exp (Expr.negate (Expr.product [ z; x ])); Expr.sum [ Expr.one; Expr.product [ x; z ] ] ]
    let b = Expr.product [ Expr.sum [ Expr.product [ z; x ]; Expr.one ]; Expr.exp (Expr.product [ Expr.minusOne; x; z ]) ]
    Assert.Same(a, b)
    Assert.Equal(a.GetHashCode(), b.GetHashCode())

[<Fact>]
let ``canonical order is by base then exponent`` () =
    let s = Expr.sum [ Expr.pow y (n 2); x; y; sq x ]
    match s.Node with
    | Sum terms -> Assert.Equal<Expr list>([ x; sq x; y; sq y ], terms)
    | other -> failwithf "expected a sum, got %A" other

[<Fact>]
let ``irrational powers of numbers stay exact and symbolic`` () =
    match (Expr.sqrt (n 2)).Node with
    | Power(b, e) ->
        Assert.Equal(n 2, b)
        Assert.Equal(Expr.half, e)
    | other -> failwithf "expected 2^(1/2), got %A" other

[<Fact>]
let ``huge exact results fall back to doubles instead of growing`` () =
    let big = Expr.pow (Expr.rational 8499 625) (n 100)
    match big.Node with
    | Number(Real v) -> Assert.True(close 1e-12 0.0 v (Math.Pow(8499.0 / 625.0, 100.0)))
    | other -> failwithf "expected a double, got %A" other
    // Past the double range the power stays symbolic instead of becoming infinity.
    match (Expr.pow (Expr.rational 8499 625) (n 400)).Node with
    | Power _ -> ()
    | other -> failwithf "expected a double, got %A" other

[<Fact>]
let ``free symbols exclude named constants`` () =
    let e = Expr.product [ Expr.pi; x; Expr.exp y ]
    Assert.Equal<Set<string>>(set [ "x"; "y" ], e.FreeSymbols)

/// Building through the constructors preserves value for random operands: "simplify preserves value".
[<Property(MaxTest = 300)>]
let ``constructors preserve value on random operands`` () =
    Prop.forAll (Arb.fromGen (Gen.zip3 ExprGen.smooth ExprGen.smooth ExprGen.point)) (fun (a, b, p) ->
        let va, vb = Evaluate.at p a, Evaluate.at p b
        let positiveB = Expr.sum [ Expr.one; sq b ]
        let vpb = 1.0 + vb * vb
        let checks =
            [ "sum", Expr.sum [ a; b ], va + vb
              "product", Expr.product [ a; b ], va * vb
              "difference", Expr.subtract a b, va - vb
              "quotient", Expr.divide a positiveB, va / vpb
              "square", sq a, va * va
              "sqrt", Expr.sqrt positiveB, Math.Sqrt vpb
              "power", Expr.pow positiveB (Expr.tanh a), Math.Pow(vpb, Math.Tanh va)
              "exp", Expr.exp (Expr.sin a), Math.Exp(Math.Sin va)
              "log", Expr.log positiveB, Math.Log vpb
              "select", Expr.select (Expr.compare Less a b) a b, (if va < vb then va else vb) ]
        checks
        |> List.forall (fun (what, e, want) ->
            let got = Evaluate.at p e
            // Reassociation inside n-ary sums and products changes rounding, not value.
            close 1e-10 1e-10 got want || failwithf "%s: %.17g vs %.17g for %O" what got want e))

/// The rule for undefined values, numerically. A constructor keeps the value wherever the expression
/// as written is defined. Cancelling a common factor continues it through that factor's zeros, a
/// removable singularity (x/x is 1 and 0/x is 0, also at x = 0), which is what keeps one power per
/// base; but 0 never absorbs a division by zero, which is no removable singularity: 0·(1/0) and
/// 1/0 − 1/0 are NaN, not 0. (The parser refuses such text outright: see the parser tests.)
[<Fact>]
let ``zero does not absorb a division by zero and cancelled factors are continued`` () =
    let x, y = Expr.symbol "x", Expr.symbol "y"
    // Where defined, unchanged; at x = 0, the continuation.
    Assert.Equal(1.0, at 2.5 0.0 (Expr.divide x x))
    Assert.Equal(1.0, at 0.0 0.0 (Expr.divide x x))
    Assert.Equal(0.0, at 0.0 0.0 (Expr.divide Expr.zero x))
    Assert.Equal(0.0, at 0.0 0.0 (Expr.divide (Expr.pow x (Expr.ofInt 2)) x))
    // y and w folded to 0 after building (a parameter of a potential set to 0): 0·(1/0) and 1/0 − 1/0
    // are undefined, not the 0 that y/w and 1/y − 1/w would give by their removable singularities.
    let w = Expr.symbol "w"
    let bothZero (e: Expr) = Expr.substitute (readOnlyDict [ "y", Expr.zero; "w", Expr.zero ]) e
    Assert.True(Double.IsNaN(Evaluate.at Map.empty (bothZero (Expr.divide y w))))
    Assert.True(Double.IsNaN(Evaluate.at Map.empty (bothZero (Expr.subtract (Expr.reciprocal y) (Expr.reciprocal w)))))
    // NaN absorbs sums, products, powers and functions.
    Assert.True(Expr.isNumber (Expr.sum [ x; Expr.undefined ]) && Double.IsNaN(Evaluate.at Map.empty (Expr.sum [ x; Expr.undefined ])))
    Assert.Equal(Expr.undefined, Expr.product [ x; Expr.undefined ])
    Assert.Equal(Expr.undefined, Expr.exp Expr.undefined)
    Assert.Equal(Expr.undefined, Expr.pow x Expr.undefined)
    // 1/0 alone stays the power 0^(-1), +infinity as IEEE doubles compute it.
    Assert.Equal(Double.PositiveInfinity, Evaluate.at Map.empty (bothZero (Expr.reciprocal y)))
