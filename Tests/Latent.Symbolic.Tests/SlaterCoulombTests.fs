/// The Slater-density electrostatics component against direct quadrature and the reference numbers of docs/model.md §6.
module Latent.Symbolic.Tests.SlaterCoulombTests

open System
open Xunit
open MathNet.Numerics.Integration
open Latent.Symbolic
open Latent.Symbolic.Components
open Latent.Symbolic.Tests.Numerics

let R = Expr.symbol "R"
let valueAt (e: Expr) (r: float) = Evaluate.at (Map [ "R", r ]) e
let unwrap = function Ok e -> e | Error (m: string) -> failwith m
let shell (electrons: float) (exponent: float) = SlaterShell.Fixed(electrons, exponent)
let twoCentre a b = SlaterCoulomb.twoCentre (shell 1.0 a) (shell 1.0 b) R

/// Unit-normalised 1s density.
let density (a: float) (r: float) = a * a * a / Math.PI * Math.Exp(-2.0 * a * r)

let integrate (f: float -> float) (lo: float) (hi: float) =
    DoubleExponentialTransformation.Integrate(Func<float, float> f, lo, hi, 1e-13)

/// Potential of a density by shells: (1/R)∫₀^R 4πr²n dr + ∫_R^∞ 4πr n dr.
let potentialByQuadrature (a: float) (rr: float) =
    let inner = integrate (fun r -> 4.0 * Math.PI * r * r * density a r) 0.0 rr
    let outer = integrate (fun r -> 4.0 * Math.PI * r * density a r) rr (rr + 60.0 / a)
    inner / rr + outer

/// J_ab(R) = ∫ 4πr² n_a(r) ⟨V_b⟩(r) dr with the angular average (1/(2rR))∫_{|r−R|}^{r+R} s V_b(s) ds.
let coulombByQuadrature (a: float) (b: float) (rr: float) =
    let averaged r =
        let s0, s1 = abs (r - rr), r + rr
        // ∫ s V_b(s) ds from V_b(s) = 1/s − e^{−2bs}(b + 1/s): s + e^{−2bs}(s/2 + 3/(4b)).
        let prim s = s + Math.Exp(-2.0 * b * s) * (s / 2.0 + 3.0 / (4.0 * b))
        (prim s1 - prim s0) / (2.0 * r * rr)
    integrate (fun r -> 4.0 * Math.PI * r * r * density a r * averaged r) 1e-12 (rr + 60.0 / a)

[<Theory>]
[<InlineData(0.7, 0.3)>]
[<InlineData(1.2, 1.7)>]
[<InlineData(2.5, 4.0)>]
let ``potential of a 1s density matches quadrature`` (a: float, rr: float) =
    let got = valueAt (SlaterCoulomb.potential (Expr.ofFloat a) R) rr
    Assert.True(close 1e-11 0.0 got (potentialByQuadrature a rr), sprintf "%.17g vs %.17g" got (potentialByQuadrature a rr))

[<Theory>]
[<InlineData(1.2, 1.2, 1.7)>]
[<InlineData(1.2, 0.8, 1.7)>]
[<InlineData(0.6, 2.3, 0.9)>]
[<InlineData(1.5, 1.5, 4.0)>]
[<InlineData(0.97, 2.05, 2.36)>]
let ``two-centre Coulomb integral matches quadrature`` (a: float, b: float, rr: float) =
    let got = valueAt (unwrap (twoCentre a b)) rr
    let want = coulombByQuadrature a b rr
    Assert.True(close 1e-10 0.0 got want, sprintf "%.17g vs %.17g" got want)

[<Fact>]
let ``reference value of the equal-exponent integral`` () =
    // a = b = 1.2, R = 1.7 gives 0.50528 (docs/model.md §6).
    Assert.Equal(0.50528, valueAt (unwrap (twoCentre 1.2 1.2)) 1.7, 5)

[<Fact>]
let ``nearly equal exponents are refused, not evaluated wrongly`` () =
    match twoCentre 1.2 1.2000001 with
    | Error message -> Assert.Contains("1.2000001", message)
    | Ok _ -> failwith "expected the near-equal exponents to be refused"

[<Fact>]
let ``integrals are symmetric in the exponents`` () =
    let j1 = unwrap (twoCentre 0.8 1.9)
    let j2 = unwrap (twoCentre 1.9 0.8)
    for rr in [ 0.5; 1.0; 2.5; 7.0 ] do
        Assert.True(close 1e-13 1e-15 (valueAt j1 rr) (valueAt j2 rr))

/// Exponents that depend on a parameter keep it symbolic, so parameter gradients flow through.
[<Fact>]
let ``parameter-dependent exponents give exact parameter derivatives`` () =
    let zeta = Expr.symbol "zeta"
    let a = { Electrons = 1.0; Exponent = zeta; ExponentValue = 1.3 }
    let b = shell 1.0 0.7
    let j = unwrap (SlaterCoulomb.twoCentre a b R)
    let dj = Differentiate.withRespectTo "zeta" j
    let at z = Evaluate.at (Map [ "R", 2.1; "zeta", z ]) j
    Assert.True(close 1e-9 1e-12 (Evaluate.at (Map [ "R", 2.1; "zeta", 1.3 ]) dj) (richardson at 1.3))

[<Fact>]
let ``exponent from the asymptotic-decay condition`` () =
    // Hydrogen: I = 0.5 Ha gives ζ = 1/a0.
    Assert.Equal(1.0 / PhysicalConstants.Bohr, SlaterCoulomb.exponentFromEnergy (PhysicalConstants.Hartree / 2.0), 12)

/// Na⁺ at 2.36 Å from Cl⁻: docs/model.md §6 lists −4.48 eV with one diffuse shell, −5.89 eV with shells
/// (1 electron from EA, 1 from IP₁, 6 from IP₂) and −6.10 eV for point charges.
[<Fact>]
let ``Na+ Cl- electrostatics: shells against one diffuse shell and point charges`` () =
    let ea, ip1, ip2 = 3.6127, 12.9676, 23.8136
    let shell electrons energy = shell electrons (SlaterCoulomb.exponentFromEnergy energy)
    let shells = [ shell 1.0 ea; shell 1.0 ip1; shell 6.0 ip2 ]
    let diffuse = [ shell 8.0 ea ]
    let at e = valueAt (unwrap e) 2.36
    Assert.Equal(-5.89, at (SlaterCoulomb.stateCoulomb 1.0 [] 7.0 shells R), 2)
    Assert.Equal(-4.48, at (SlaterCoulomb.stateCoulomb 1.0 [] 7.0 diffuse R), 2)
    Assert.Equal(-6.10, valueAt (SlaterCoulomb.pointCharge 1.0 -1.0 R) 2.36, 2)

[<Fact>]
let ``state Coulomb energy tends to the point-charge limit far apart`` () =
    let ip = SlaterCoulomb.exponentFromEnergy
    let na = [ shell 1.0 (ip 0.5479); shell 1.0 (ip 5.1391) ] // Na⁻
    let cl = [ shell 1.0 (ip 12.9676); shell 5.0 (ip 23.8136) ] // Cl⁺
    let c = unwrap (SlaterCoulomb.stateCoulomb 1.0 na 7.0 cl R)
    let tail = SlaterCoulomb.pointCharge -1.0 1.0 R
    Assert.True(close 1e-9 0.0 (valueAt c 80.0) (valueAt tail 80.0))
    // Symmetry C^{AB}_{αβ}(r) = C^{BA}_{βα}(r).
    let swapped = unwrap (SlaterCoulomb.stateCoulomb 7.0 cl 1.0 na R)
    for rr in [ 1.0; 2.36; 6.0 ] do
        Assert.True(close 1e-13 1e-15 (valueAt c rr) (valueAt swapped rr))

/// The short-range part C − k_e q q/R is built from decaying terms only. Na⁺ (no valence electrons)
/// with Cl⁺ (6 electrons in one shell of exponent a) has ΔC = 6 k_e e^{−2aR}(a + 1/R) exactly; at
/// 9 Å and beyond, computing C and subtracting the tail would leave no correct digit.
[<Fact>]
let ``short-range electrostatics keeps full relative precision far apart`` () =
    let a = SlaterCoulomb.exponentFromEnergy 23.8136
    let shortRange = unwrap (SlaterCoulomb.stateCoulombShortRange 1.0 [] 7.0 [ shell 6.0 a ] R)
    for rr in [ 2.0; 9.0; 15.0; 25.0 ] do
        let want = 6.0 * PhysicalConstants.CoulombConstant * Math.Exp(-2.0 * a * rr) * (a + 1.0 / rr)
        Assert.True(close 1e-13 0.0 (valueAt shortRange rr) want, sprintf "at %g: %.17g vs %.17g" rr (valueAt shortRange rr) want)

[<Fact>]
let ``short-range electrostatics is the full one minus the point-charge tail`` () =
    let ip = SlaterCoulomb.exponentFromEnergy
    let na = [ shell 1.0 (ip 0.5479); shell 1.0 (ip 5.1391) ]
    let cl = [ shell 1.0 (ip 12.9676); shell 6.0 (ip 23.8136) ]
    let full = unwrap (SlaterCoulomb.stateCoulomb 1.0 na 7.0 cl R)
    let shortRange = unwrap (SlaterCoulomb.stateCoulombShortRange 1.0 na 7.0 cl R)
    let tail = SlaterCoulomb.pointCharge -1.0 0.0 R
    for rr in [ 1.2; 2.36; 4.0 ] do
        Assert.True(close 1e-11 1e-12 (valueAt shortRange rr) (valueAt full rr - valueAt tail rr))
