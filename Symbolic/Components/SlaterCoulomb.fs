namespace Latent.Symbolic.Components

open System
open Latent.Symbolic

/// One Slater 1s shell of a state's valence density: `Electrons` electrons with density
/// Electrons·ζ³/π·exp(−2ζr), ζ = `Exponent` in 1/Å.
type SlaterShell = { Electrons: float; Exponent: float }

/// Electrostatics of Slater 1s charge distributions (DESIGN §6), as expressions in the distance.
/// Exponents are numbers here: the generator has folded parameters in, so it can pick the form
/// that is exact for each pair of exponents instead of leaving that choice to the running code.
[<RequireQualifiedAccess>]
module SlaterCoulomb =
    /// Exponents closer than this (relative) are treated as equal.
    let equalTolerance = 1e-12

    /// Below this relative difference the unequal-exponent closed form has lost too many digits
    /// (its error grows like ε/δ³); such pairs are refused rather than evaluated wrongly.
    let nearEqualLimit = 1e-2

    /// ζ from an ionisation energy or electron affinity I (eV) by the asymptotic-decay condition
    /// d ln n/dr → −2·sqrt(2I) (atomic units): ζ = sqrt(2·I/Ha)/a0 in 1/Å.
    let exponentFromEnergy (energy: float) = Math.Sqrt(2.0 * energy / PhysicalConstants.Hartree) / PhysicalConstants.Bohr

    /// The same relation as a formula, for derivation constraints and potential files.
    let exponentFromEnergyExpr (energy: Expr) =
        Expr.divide (Expr.sqrt (Expr.product [ Expr.ofInt 2; energy; Expr.reciprocal (Expr.symbol "Ha") ])) (Expr.symbol "a0")

    let private n (i: int) = Expr.ofInt i
    let private num (v: float) = Expr.ofFloat v

    /// Potential of a unit-normalised 1s density of exponent a at distance R (in 1/length):
    /// V_a(R) = 1/R − e^{−2aR}(a + 1/R). Finite at R = 0 (V = a); the 1/R terms cancel there
    /// analytically, which the generated code must respect (see `nuclearAttractionSeries`).
    let potential (a: float) (r: Expr) : Expr =
        Expr.subtract (Expr.reciprocal r) (Expr.product [ Expr.exp (Expr.product [ num (-2.0 * a); r ]); Expr.sum [ num a; Expr.reciprocal r ] ])

    /// Coulomb energy of two unit-normalised 1s densities with exponents a and b at distance R.
    /// Returns an error naming the exponents when they are too close for either closed form.
    let twoCentre (a: float) (b: float) (r: Expr) : Result<Expr, string> =
        let scale = max a b
        let rel = abs (a - b) / scale
        if rel <= equalTolerance then
            // J = 1/R − e^{−2ζR}(1/R + 11ζ/8 + 3ζ²R/4 + ζ³R²/6)
            let z = 0.5 * (a + b)
            Ok(
                Expr.subtract
                    (Expr.reciprocal r)
                    (Expr.product
                        [ Expr.exp (Expr.product [ num (-2.0 * z); r ])
                          Expr.sum
                              [ Expr.reciprocal r
                                num (11.0 * z / 8.0)
                                Expr.product [ num (3.0 * z * z / 4.0); r ]
                                Expr.product [ num (z * z * z / 6.0); Expr.pow r (n 2) ] ] ])
            )
        elif rel < nearEqualLimit then
            Error(sprintf "Slater exponents %.10g and %.10g differ by only %.2g%%: neither the equal- nor the unequal-exponent form is accurate there; make them equal or move them apart" a b (100.0 * rel))
        else
            // J = 1/R − e^{−2aR}(a b⁴/d² − b⁴(b² − 3a²)/(d³R)) − e^{−2bR}(b a⁴/d² + a⁴(a² − 3b²)/(d³R)), d = a² − b²
            let d = a * a - b * b
            let a4, b4 = Math.Pow(a, 4.0), Math.Pow(b, 4.0)
            let term (x: float) (c0: float) (c1: float) =
                Expr.product [ Expr.exp (Expr.product [ num (-2.0 * x); r ]); Expr.sum [ num c0; Expr.product [ num c1; Expr.reciprocal r ] ] ]
            Ok(
                Expr.sum
                    [ Expr.reciprocal r
                      Expr.negate (term a (a * b4 / (d * d)) (-(b4 * (b * b - 3.0 * a * a)) / (d * d * d)))
                      Expr.negate (term b (b * a4 / (d * d)) (a4 * (a * a - 3.0 * b * b) / (d * d * d))) ]
            )

    /// Total electrons of a shell list.
    let electrons (shells: SlaterShell list) = shells |> List.sumBy (fun s -> s.Electrons)

    /// Coulomb energy (eV) between the charge distributions (Z_A at a nucleus minus the shells of
    /// state α) and (Z_B minus the shells of β) at distance R (Å):
    /// C = k_e[Z_A Z_B/R − Z_A Σ_b N_b V_b − Z_B Σ_a N_a V_a + Σ_a Σ_b N_a N_b J_ab].
    let stateCoulomb (zA: float) (shellsA: SlaterShell list) (zB: float) (shellsB: SlaterShell list) (r: Expr) : Result<Expr, string> =
        let attraction (z: float) (shells: SlaterShell list) =
            shells |> List.map (fun s -> Expr.product [ num (-z * s.Electrons); potential s.Exponent r ])
        let pairs =
            [ for sa in shellsA do
                  for sb in shellsB do
                      yield twoCentre sa.Exponent sb.Exponent r |> Result.map (fun j -> Expr.product [ num (sa.Electrons * sb.Electrons); j ]) ]
        match pairs |> List.tryPick (function Error e -> Some e | Ok _ -> None) with
        | Some e -> Error e
        | None ->
            let electronElectron = pairs |> List.choose (function Ok j -> Some j | Error _ -> None)
            let inside =
                Expr.sum (
                    [ Expr.product [ num (zA * zB); Expr.reciprocal r ] ]
                    @ attraction zA shellsB
                    @ attraction zB shellsA
                    @ electronElectron
                )
            Ok(Expr.product [ num PhysicalConstants.CoulombConstant; inside ])

    /// The point-charge limit k_e q_α q_β / R that C tends to far apart.
    let pointCharge (qA: float) (qB: float) (r: Expr) =
        Expr.product [ num (PhysicalConstants.CoulombConstant * qA * qB); Expr.reciprocal r ]
