namespace Latent.Symbolic.Components

open System
open Latent.Symbolic

/// One Slater 1s shell of a state's valence density: `Electrons` electrons with density
/// Electrons·ζ³/π·exp(−2ζr), ζ = `Exponent` in 1/Å. The exponent is an expression so that it may
/// depend on fitted parameters; `ExponentValue` is its value at the current parameters.
type SlaterShell =
    { Electrons: float
      Exponent: Expr
      ExponentValue: float }

    static member Fixed(electrons: float, exponent: float) =
        { Electrons = electrons; Exponent = Expr.ofFloat exponent; ExponentValue = exponent }

/// Electrostatics of Slater 1s charge distributions (docs/model.md §6), as expressions in the distance.
/// The generator knows every exponent's value, so it picks the form that is exact for each pair
/// of exponents instead of leaving that choice to the running code.
[<RequireQualifiedAccess>]
module SlaterCoulomb =
    /// Below this relative difference of two distinct exponents the unequal-exponent closed form
    /// has lost too many digits (its error grows like ε/δ³); such pairs are refused rather than
    /// evaluated wrongly.
    let nearEqualLimit = 1e-2

    /// ζ from an ionisation energy or electron affinity I (eV) by the asymptotic-decay condition
    /// d ln n/dr → −2·sqrt(2I) (atomic units): ζ = sqrt(2·I/Ha)/a0 in 1/Å.
    let exponentFromEnergy (energy: float) = Math.Sqrt(2.0 * energy / PhysicalConstants.Hartree) / PhysicalConstants.Bohr

    let private n (i: int) = Expr.ofInt i
    let private num (v: float) = Expr.ofFloat v
    let private sq (e: Expr) = Expr.pow e (n 2)
    let private expOf (a: Expr) (r: Expr) = Expr.exp (Expr.product [ n -2; a; r ])

    /// V_a(R) − 1/R = −e^{−2aR}(a + 1/R): the part of the potential that decays, without the tail
    /// whose subtraction would cancel digits at long range.
    let potentialShortRange (a: Expr) (r: Expr) : Expr =
        Expr.negate (Expr.product [ expOf a r; Expr.sum [ a; Expr.reciprocal r ] ])

    /// Potential of a unit-normalised 1s density of exponent a at distance R (in 1/length):
    /// V_a(R) = 1/R − e^{−2aR}(a + 1/R), which is a at R = 0.
    let potential (a: Expr) (r: Expr) : Expr = Expr.sum [ Expr.reciprocal r; potentialShortRange a r ]

    /// J − 1/R for equal exponents: −e^{−2ζR}(1/R + 11ζ/8 + 3ζ²R/4 + ζ³R²/6).
    let private equalExponentsShortRange (z: Expr) (r: Expr) =
        Expr.negate
            (Expr.product
                [ expOf z r
                  Expr.sum
                      [ Expr.reciprocal r
                        Expr.product [ Expr.rational 11 8; z ]
                        Expr.product [ Expr.rational 3 4; Expr.pow z (n 2); r ]
                        Expr.product [ Expr.rational 1 6; Expr.pow z (n 3); Expr.pow r (n 2) ] ] ])

    /// J = 1/R − e^{−2ζR}(1/R + 11ζ/8 + 3ζ²R/4 + ζ³R²/6)
    let private equalExponents (z: Expr) (r: Expr) = Expr.sum [ Expr.reciprocal r; equalExponentsShortRange z r ]

    /// J = 1/R − e^{−2aR}(a b⁴/d² − b⁴(b² − 3a²)/(d³R)) − e^{−2bR}(b a⁴/d² + a⁴(a² − 3b²)/(d³R)), d = a² − b²
    let private unequalExponents (a: Expr) (b: Expr) (r: Expr) =
        let d = Expr.subtract (sq a) (sq b)
        let a4, b4 = Expr.pow a (n 4), Expr.pow b (n 4)
        let over (x: Expr) (y: Expr) = Expr.divide x y
        let termA =
            Expr.product
                [ expOf a r
                  Expr.subtract (over (Expr.product [ a; b4 ]) (sq d)) (over (Expr.product [ b4; Expr.subtract (sq b) (Expr.product [ n 3; sq a ]) ]) (Expr.product [ Expr.pow d (n 3); r ])) ]
        let termB =
            Expr.product
                [ expOf b r
                  Expr.sum [ over (Expr.product [ b; a4 ]) (sq d); over (Expr.product [ a4; Expr.subtract (sq a) (Expr.product [ n 3; sq b ]) ]) (Expr.product [ Expr.pow d (n 3); r ]) ] ]
        Expr.sum [ Expr.reciprocal r; Expr.negate termA; Expr.negate termB ]

    /// J − 1/R for distinct exponents: the two decaying exponential terms of the unequal form.
    let private unequalExponentsShortRange (a: Expr) (b: Expr) (r: Expr) =
        Expr.subtract (unequalExponents a b r) (Expr.reciprocal r)

    /// Coulomb energy of two unit-normalised 1s densities at distance R. Identical exponent
    /// expressions use the equal-exponent form; distinct ones the unequal form, unless their values
    /// are so close that it would lose its digits: then an error naming both values.
    let private chooseForm (equal: Expr -> Expr -> Expr) (unequal: Expr -> Expr -> Expr -> Expr) (a: SlaterShell) (b: SlaterShell) (r: Expr) : Result<Expr, string> =
        if a.Exponent = b.Exponent then Ok(equal a.Exponent r)
        else
            let rel = abs (a.ExponentValue - b.ExponentValue) / max a.ExponentValue b.ExponentValue
            if rel < nearEqualLimit then
                Error(
                    sprintf
                        "Slater exponents %s and %s differ by only %.2g%%: neither the equal- nor the unequal-exponent form is accurate there; make them equal or move them apart"
                        (a.ExponentValue.ToString("R", Globalization.CultureInfo.InvariantCulture))
                        (b.ExponentValue.ToString("R", Globalization.CultureInfo.InvariantCulture))
                        (100.0 * rel)
                )
            else Ok(unequal a.Exponent b.Exponent r)

    let twoCentre (a: SlaterShell) (b: SlaterShell) (r: Expr) : Result<Expr, string> = chooseForm equalExponents unequalExponents a b r

    /// J − 1/R, chosen like `twoCentre`.
    let twoCentreShortRange (a: SlaterShell) (b: SlaterShell) (r: Expr) : Result<Expr, string> =
        chooseForm equalExponentsShortRange unequalExponentsShortRange a b r

    /// Total electrons of a shell list.
    let electrons (shells: SlaterShell list) = shells |> List.sumBy (fun s -> s.Electrons)

    /// k_e[core − Z_A Σ_b N_b V_b − Z_B Σ_a N_a V_a + Σ_a Σ_b N_a N_b J_ab] for given forms of V and J.
    let private assemble
        (potentialOf: Expr -> Expr -> Expr)
        (pairOf: SlaterShell -> SlaterShell -> Expr -> Result<Expr, string>)
        (core: Expr list)
        (zA: float)
        (shellsA: SlaterShell list)
        (zB: float)
        (shellsB: SlaterShell list)
        (r: Expr)
        : Result<Expr, string> =
        let attraction (z: float) (shells: SlaterShell list) =
            shells |> List.map (fun s -> Expr.product [ num (-z * s.Electrons); potentialOf s.Exponent r ])
        let pairs =
            [ for sa in shellsA do
                  for sb in shellsB do
                      yield pairOf sa sb r |> Result.map (fun j -> Expr.product [ num (sa.Electrons * sb.Electrons); j ]) ]
        match pairs |> List.tryPick (function Error e -> Some e | Ok _ -> None) with
        | Some e -> Error e
        | None ->
            let electronElectron = pairs |> List.choose (function Ok j -> Some j | Error _ -> None)
            let inside = Expr.sum (core @ attraction zA shellsB @ attraction zB shellsA @ electronElectron)
            Ok(Expr.product [ num PhysicalConstants.CoulombConstant; inside ])

    /// Coulomb energy (eV) between the charge distributions (Z_A at a nucleus minus the shells of
    /// state α) and (Z_B minus the shells of β) at distance R (Å):
    /// C = k_e[Z_A Z_B/R − Z_A Σ_b N_b V_b − Z_B Σ_a N_a V_a + Σ_a Σ_b N_a N_b J_ab].
    let stateCoulomb (zA: float) (shellsA: SlaterShell list) (zB: float) (shellsB: SlaterShell list) (r: Expr) : Result<Expr, string> =
        assemble potential twoCentre [ Expr.product [ num (zA * zB); Expr.reciprocal r ] ] zA shellsA zB shellsB r

    /// C_αβ − k_e q_α q_β / R, written so that no long-range terms cancel: with V = 1/R + V̄ and
    /// J = 1/R + J̄, the 1/R parts add up to exactly q_α q_β/R, leaving
    /// k_e[−Z_A Σ_b N_b V̄_b − Z_B Σ_a N_a V̄_a + Σ_a Σ_b N_a N_b J̄_ab], which decays exponentially.
    let stateCoulombShortRange (zA: float) (shellsA: SlaterShell list) (zB: float) (shellsB: SlaterShell list) (r: Expr) : Result<Expr, string> =
        assemble potentialShortRange twoCentreShortRange [] zA shellsA zB shellsB r

    /// The point-charge limit k_e q_α q_β / R that C tends to far apart.
    let pointCharge (qA: float) (qB: float) (r: Expr) =
        Expr.product [ num (PhysicalConstants.CoulombConstant * qA * qB); Expr.reciprocal r ]
