namespace Latent.Symbolic.Constraints

open System

/// Integrals in closed form: ∫ c·x^k·e^{−a·x} dx for integer k ≥ 0, term by term over a sum. Slater
/// densities times 4πr² are such sums, so normalisation is proved exactly:
/// ∫₀^∞ 4πr²·N·ζ³/π·e^{−2ζr} dr = N.
[<RequireQualifiedAccess>]
module KnownIntegrals =
    let private factorial (n: int) = Seq.fold (*) 1.0 (seq { 1.0 .. float n })

    /// Antiderivative of x^k·e^{−a·x} at x (x = ∞ allowed when a > 0).
    let private antiderivative (k: int) (a: float) (x: float) : float =
        if a = 0.0 then Math.Pow(x, float (k + 1)) / float (k + 1)
        elif Double.IsPositiveInfinity x then 0.0
        else
            // −e^{−ax} Σ_{j=0}^{k} k!/j! · x^j / a^{k−j+1}
            let sum = seq { 0..k } |> Seq.sumBy (fun j -> factorial k / factorial j * Math.Pow(x, float j) / Math.Pow(a, float (k - j + 1)))
            -Math.Exp(-a * x) * sum

    /// ∫_lo^hi of a sum of monomials, or None when a term is not of the table's form (or diverges).
    let integrate (terms: Lead list) (lo: float) (hi: float) : float option =
        let fits (l: Lead) =
            l.Power >= 0.0 && l.Power = Math.Round l.Power && (l.Rate > 0.0 || not (Double.IsInfinity hi))
        if terms |> List.forall fits then
            Some(terms |> List.sumBy (fun l -> l.Coefficient * (antiderivative (int l.Power) l.Rate hi - antiderivative (int l.Power) l.Rate lo)))
        else None
