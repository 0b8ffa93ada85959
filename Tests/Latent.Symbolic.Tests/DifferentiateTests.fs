/// Differentiation: golden derivatives for every node and function, properties against
/// Richardson-extrapolated finite differences, and size bounds for repeated differentiation.
module Latent.Symbolic.Tests.DifferentiateTests

open System
open System.Diagnostics
open Xunit
open FsCheck
open FsCheck.FSharp
open FsCheck.Xunit
open Latent.Symbolic
open Latent.Symbolic.Tests.Numerics

let r = Expr.symbol "r"
let zeta = Expr.symbol "z"
let dx = Differentiate.withRespectTo "x"
let twoOverSqrtPi = Expr.product [ n 2; Expr.pow Expr.pi (Expr.rational -1 2) ]

/// (name, expression, its exact derivative in x written by hand)
let golden: (string * Expr * Expr) list =
    [ "constant", n 7, Expr.zero
      "other symbol", y, Expr.zero
      "x", x, Expr.one
      "sum", Expr.sum [ x; sq x; y ], Expr.sum [ Expr.one; Expr.product [ n 2; x ] ]
      "product", Expr.product [ x; y; Expr.sin x ], Expr.sum [ Expr.product [ y; Expr.sin x ]; Expr.product [ x; y; Expr.cos x ] ]
      "integer power", Expr.pow x (n 5), Expr.product [ n 5; Expr.pow x (n 4) ]
      "negative power", Expr.reciprocal x, Expr.negate (Expr.pow x (n -2))
      "sqrt", Expr.sqrt x, Expr.product [ Expr.half; Expr.pow x (Expr.rational -1 2) ]
      "symbolic exponent", Expr.pow x y, Expr.product [ y; Expr.pow x (Expr.sum [ y; Expr.minusOne ]) ]
      "symbolic base", Expr.pow y x, Expr.product [ Expr.pow y x; Expr.log y ]
      "x^x", Expr.pow x x, Expr.product [ Expr.pow x x; Expr.sum [ Expr.log x; Expr.one ] ]
      "exp", Expr.exp (Expr.product [ n 3; x ]), Expr.product [ n 3; Expr.exp (Expr.product [ n 3; x ]) ]
      "log", Expr.log x, Expr.reciprocal x
      "sin", Expr.sin x, Expr.cos x
      "cos", Expr.cos x, Expr.negate (Expr.sin x)
      "tanh", Expr.tanh x, Expr.subtract Expr.one (sq (Expr.tanh x))
      "erf", Expr.erf x, Expr.product [ twoOverSqrtPi; Expr.exp (Expr.negate (sq x)) ]
      "erfc", Expr.erfc x, Expr.negate (Expr.product [ twoOverSqrtPi; Expr.exp (Expr.negate (sq x)) ])
      "abs", Expr.abs x, Expr.select (Expr.compare Less x Expr.zero) Expr.minusOne Expr.one
      "chain", Expr.sin (sq x), Expr.product [ n 2; x; Expr.cos (sq x) ]
      "select", Expr.select (Expr.compare Less x y) (sq x) (Expr.exp x), Expr.select (Expr.compare Less x y) (Expr.product [ n 2; x ]) (Expr.exp x)
      "comparison", Expr.compare Less x y, Expr.zero ]

let goldenData () : obj array seq = golden |> Seq.map (fun (name, _, _) -> [| box name |])

let private find name = golden |> List.find (fun (n, _, _) -> n = name)

[<Theory; MemberData(nameof goldenData)>]
let ``golden derivative`` (name: string) =
    let _, e, expected = find name
    Assert.Equal(expected, dx e)

[<Theory; MemberData(nameof goldenData)>]
let ``golden derivative agrees with finite differences`` (name: string) =
    let _, e, expected = find name
    for xv in [ 0.7; 1.3; 1.9 ] do
        let f v = Evaluate.at (Map [ "x", v; "y", 1.1 ]) e
        let got = Evaluate.at (Map [ "x", xv; "y", 1.1 ]) expected
        // Comparisons and selects are piecewise: away from x = y the finite difference is exact.
        let want = richardson f xv
        Assert.True(close 1e-8 1e-9 got want, sprintf "%s at %g: %.17g vs %.17g" name xv got want)

[<Fact>]
let ``pi is a constant, not a variable`` () =
    Assert.Equal(Expr.zero, dx Expr.pi)
    Assert.Throws<ArgumentException>(fun () -> Differentiate.withRespectTo "pi" x |> ignore) |> ignore

/// The derivative of every smooth random expression equals the extrapolated finite difference.
[<Property(MaxTest = 300)>]
let ``derivative equals Richardson central difference`` () =
    Prop.forAll (Arb.fromGen (Gen.zip3 ExprGen.smooth ExprGen.point (Gen.elements ExprGen.variables))) (fun (e, p, v) ->
        let d = Differentiate.withRespectTo v e
        let f t = Evaluate.at (Map.add v t p) e
        let got = Evaluate.at p d
        let want = richardson f p.[v]
        let scale = 1.0 + abs (f p.[v])
        // Random expressions can oscillate faster than any fixed step resolves (sin(262144 x));
        // only points where a step four times smaller gives the same estimate are judged.
        let resolved = close 1e-7 (1e-8 * scale) want (richardsonWithStep 2.5e-3 f p.[v])
        // Nor where the function is a staircase in doubles: sin(2.4e18 + x) cannot change until x moves by
        // the spacing of doubles near 2.4e18 (512), so every difference is 0 while the derivative is not.
        let x0 = p.[v]
        let quantised = f (x0 + 2.5e-3) = f x0 && f (x0 - 2.5e-3) = f x0 && abs got > 1e-6
        (resolved && not quantised) ==> lazy (close 1e-7 (1e-8 * scale) got want || failwithf "d/d%s of %O at %A: %.17g vs %.17g" v e p got want))

/// Parameter gradients (for fitting) are ordinary derivatives in another symbol.
[<Property(MaxTest = 100)>]
let ``gradient is the list of partial derivatives`` () =
    Prop.forAll (Arb.fromGen ExprGen.smooth) (fun e ->
        Differentiate.gradient ExprGen.variables e = (ExprGen.variables |> List.map (fun v -> v, Differentiate.withRespectTo v e)))

[<Fact>]
let ``sixth derivative of a screened Coulomb term stays small and fast`` () =
    // exp(-z r)(1 + z r)/r: the shape of Slater-density electrostatics.
    let f = Expr.divide (Expr.product [ Expr.exp (Expr.negate (Expr.product [ zeta; r ])); Expr.sum [ Expr.one; Expr.product [ zeta; r ] ] ]) r
    let clock = Stopwatch.StartNew()
    let d6 = Differentiate.nth 6 "r" f
    clock.Stop()
    // Hash-consing keeps the DAG linear in the order; a tree copy would grow combinatorially.
    Assert.True(Expr.dagSize d6 < 120, sprintf "DAG of the 6th derivative has %d nodes" (Expr.dagSize d6))
    // Generous bound: only a blow-up (seconds to minutes) can fail it, not a slow machine.
    Assert.True(clock.Elapsed.TotalSeconds < 10.0, sprintf "took %O" clock.Elapsed)
    let fr v = Evaluate.at (Map [ "r", v; "z", 1.3 ]) (Differentiate.nth 5 "r" f)
    let got = Evaluate.at (Map [ "r", 1.7; "z", 1.3 ]) d6
    Assert.True(close 1e-6 1e-9 got (richardson fr 1.7), sprintf "%.17g vs %.17g" got (richardson fr 1.7))

/// The two-centre Coulomb integral between 1s Slater densities of exponents a ≠ b (docs/model.md §6).
let slaterCoulomb (a: Expr) (b: Expr) (rr: Expr) =
    let d = Expr.subtract (sq a) (sq b)
    let pow4 e = Expr.pow e (n 4)
    let term1 =
        Expr.product
            [ Expr.exp (Expr.product [ n -2; a; rr ])
              Expr.subtract
                  (Expr.divide (Expr.product [ a; pow4 b ]) (sq d))
                  (Expr.divide (Expr.product [ pow4 b; Expr.subtract (sq b) (Expr.product [ n 3; sq a ]) ]) (Expr.product [ Expr.pow d (n 3); rr ])) ]
    let term2 =
        Expr.product
            [ Expr.exp (Expr.product [ n -2; b; rr ])
              Expr.sum
                  [ Expr.divide (Expr.product [ b; pow4 a ]) (sq d)
                    Expr.divide (Expr.product [ pow4 a; Expr.subtract (sq a) (Expr.product [ n 3; sq b ]) ]) (Expr.product [ Expr.pow d (n 3); rr ]) ] ]
    Expr.sum [ Expr.reciprocal rr; Expr.negate term1; Expr.negate term2 ]

[<Fact>]
let ``Slater Coulomb integral derivative is exact and compact`` () =
    let a, b = Expr.symbol "a", Expr.symbol "b"
    let j = slaterCoulomb a b r
    let dj = Differentiate.withRespectTo "r" j
    let p = Map [ "a", 1.2; "b", 0.8; "r", 1.7 ]
    let f v = Evaluate.at (Map.add "r" v p) j
    Assert.True(close 1e-9 1e-12 (Evaluate.at p dj) (richardson f 1.7))
    // Far apart the integral is the point-charge 1/R.
    Assert.True(close 1e-10 0.0 (Evaluate.at (Map [ "a", 1.2; "b", 0.8; "r", 40.0 ]) j) (1.0 / 40.0))
    Assert.True(Expr.dagSize dj < 3 * Expr.dagSize j, sprintf "derivative DAG %d vs function DAG %d" (Expr.dagSize dj) (Expr.dagSize j))

/// Zhou–Johnson–Wadley EAM pair function, density and embedding (Phys. Rev. B 69, 144113 (2004)).
module Zjw =
    let p name = Expr.symbol name
    let re, fe, rhoe = p "re", p "fe", p "rhoe"
    let alpha, beta, A, B, kappa, lambda = p "alpha", p "beta", p "A", p "B", p "kappa", p "lambda"
    let ratio = Expr.divide r re
    let shifted (k: Expr) = Expr.pow (Expr.subtract ratio k) (n 20)
    let phi =
        Expr.subtract
            (Expr.divide (Expr.product [ A; Expr.exp (Expr.product [ Expr.minusOne; alpha; Expr.subtract ratio Expr.one ]) ]) (Expr.sum [ Expr.one; shifted kappa ]))
            (Expr.divide (Expr.product [ B; Expr.exp (Expr.product [ Expr.minusOne; beta; Expr.subtract ratio Expr.one ]) ]) (Expr.sum [ Expr.one; shifted lambda ]))
    let density = Expr.divide (Expr.product [ fe; Expr.exp (Expr.product [ Expr.minusOne; beta; Expr.subtract ratio Expr.one ]) ]) (Expr.sum [ Expr.one; shifted lambda ])
    let rho = p "rho"
    let fe0, fe1, fe2, fe3, eta = p "Fe0", p "Fe1", p "Fe2", p "Fe3", p "eta"
    let rhon, rhoo = Expr.product [ Expr.ofFloat 0.85; rhoe ], Expr.product [ Expr.ofFloat 1.15; rhoe ]
    // The middle branch of the piecewise embedding function, and the outer one, joined by select.
    let middle = Expr.sum [ fe0; Expr.product [ fe1; Expr.subtract (Expr.divide rho rhoe) Expr.one ]; Expr.product [ fe2; sq (Expr.subtract (Expr.divide rho rhoe) Expr.one) ]; Expr.product [ fe3; Expr.pow (Expr.subtract (Expr.divide rho rhoe) Expr.one) (n 3) ] ]
    let outer = Expr.product [ fe0; Expr.subtract Expr.one (Expr.log (Expr.pow (Expr.divide rho rhoo) eta)); Expr.pow (Expr.divide rho rhoo) eta ]
    let embedding = Expr.select (Expr.compare Less rho rhoo) middle outer
    // Cu parameters of the published table.
    let cu =
        Map [ "re", 2.556162; "fe", 1.554485; "rhoe", 21.175871; "alpha", 7.669911; "beta", 4.090619; "A", 0.327584; "B", 0.468735
              "kappa", 0.431307; "lambda", 0.86214; "Fe0", -2.19; "Fe1", 0.0; "Fe2", 0.56183; "Fe3", -2.100595; "eta", 0.3103 ]

[<Fact>]
let ``Zhou-Johnson-Wadley functions differentiate exactly`` () =
    for name, e, var, at in [ "phi", Zjw.phi, "r", 2.4; "density", Zjw.density, "r", 2.9; "embedding (middle)", Zjw.embedding, "rho", 20.0; "embedding (outer)", Zjw.embedding, "rho", 30.0 ] do
        let d = Differentiate.withRespectTo var e
        let p = Map.add var at Zjw.cu
        let f v = Evaluate.at (Map.add var v p) e
        let got, want = Evaluate.at p d, richardson f at
        Assert.True(close 1e-8 1e-10 got want, sprintf "%s: %.17g vs %.17g" name got want)
        Assert.True(Expr.dagSize d < 3 * Expr.dagSize e + 10, sprintf "%s: derivative DAG %d vs %d" name (Expr.dagSize d) (Expr.dagSize e))
