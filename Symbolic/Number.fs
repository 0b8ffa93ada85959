namespace Latent.Symbolic

open System
open System.Globalization
open System.Numerics

/// A numeric literal: an exact rational where exact arithmetic is possible (integers, 1/2, 8499/625),
/// a double otherwise. Keeping rationals exact makes derivatives print as x^(1/2) rather than
/// x^0.49999999999999994 and lets the simplifier recognise 0 and 1 without tolerances.
[<CustomEquality; CustomComparison>]
type Number =
    /// Numerator and positive denominator, coprime.
    | Exact of numerator: BigInteger * denominator: BigInteger
    /// A finite double that is not an integer of magnitude below 2^53 (those are always Exact).
    | Real of float

    member this.ToDouble() =
        match this with
        | Real v -> v
        | Exact(n, d) when d.IsOne -> float n
        | Exact(n, d) -> Number.RatioToDouble(n, d)

    override this.Equals(other) =
        match other with
        | :? Number as o ->
            match this, o with
            | Exact(a, b), Exact(c, d) -> a = c && b = d
            | Real a, Real b -> a.Equals b
            | _ -> false
        | _ -> false

    override this.GetHashCode() =
        match this with
        | Exact(n, d) -> n.GetHashCode() * 31 + d.GetHashCode()
        | Real v -> v.GetHashCode() * 17 + 1

    interface IComparable with
        member this.CompareTo(other) =
            match other with
            | :? Number as o ->
                match this, o with
                | Exact(a, b), Exact(c, d) -> compare (a * d) (c * b)
                | Real a, Real b -> compare a b
                | _ ->
                    // Order by value; an exact and a real of equal double value still need a fixed order.
                    let c = compare (this.ToDouble()) (o.ToDouble())
                    if c <> 0 then c else (match this with Exact _ -> -1 | Real _ -> 1)
            | _ -> invalidArg "other" "not a Number"

    override this.ToString() =
        match this with
        | Exact(n, d) when d.IsOne -> n.ToString(CultureInfo.InvariantCulture)
        | Exact(n, d) -> n.ToString(CultureInfo.InvariantCulture) + "/" + d.ToString(CultureInfo.InvariantCulture)
        | Real v -> Number.FormatReal v

    /// n/d as a double without overflowing when n and d themselves exceed the double range.
    static member RatioToDouble(n: BigInteger, d: BigInteger) : float =
        let bits (x: BigInteger) = if x.IsZero then 0 else int (BigInteger.Log(BigInteger.Abs x, 2.0)) + 1
        let sn, sd = max 0 (bits n - 80), max 0 (bits d - 80)
        if sn = 0 && sd = 0 then float n / float d
        else
            // Keep ~80 leading bits of each, divide, then scale by the dropped powers of two.
            let ratio = float (n >>> sn) / float (d >>> sd)
            let k = sn - sd
            ratio * Math.Pow(2.0, float (k / 2)) * Math.Pow(2.0, float (k - k / 2))

    /// Shortest round-trip text of a double, always with a '.' or exponent so it reads back as a Real.
    static member FormatReal(v: float) =
        let s = v.ToString("R", CultureInfo.InvariantCulture)
        if s.Contains "." || s.Contains "E" || s.Contains "N" || s.Contains "I" then s else s + ".0"

/// Arithmetic on Numbers. Results that would need more than MaxBits bits stay exact no longer: they
/// become doubles, so that constant folding can never blow up.
[<RequireQualifiedAccess>]
module Number =
    let private maxBits = 256.0

    let zero = Exact(BigInteger.Zero, BigInteger.One)
    let one = Exact(BigInteger.One, BigInteger.One)
    let minusOne = Exact(BigInteger.MinusOne, BigInteger.One)

    let private tooBig (n: BigInteger) = not n.IsZero && BigInteger.Log(BigInteger.Abs n, 2.0) > maxBits

    /// A double as a Number: integers below 2^53 in magnitude become exact, so 2.0 and 2 are one value.
    let ofFloat (v: float) =
        if Double.IsNaN v || Double.IsInfinity v then Real v
        elif Math.Floor v = v && abs v < 9007199254740992.0 then Exact(BigInteger v, BigInteger.One)
        else Real v

    /// An exact rational n/d (d ≠ 0), normalised; falls back to a double when it is too large.
    let rational (n: BigInteger) (d: BigInteger) =
        if d.IsZero then invalidArg "d" "zero denominator"
        let g = BigInteger.GreatestCommonDivisor(n, d)
        let g = if d.Sign < 0 then -g else g
        let n, d = n / g, d / g
        if tooBig n || tooBig d then ofFloat ((Exact(n, d)).ToDouble()) else Exact(n, d)

    let ofInt (i: int) = Exact(BigInteger i, BigInteger.One)

    let isExact = function Exact _ -> true | Real _ -> false
    let isZero = function Exact(n, _) -> n.IsZero | Real v -> v = 0.0
    let isOne = function Exact(n, d) -> n.IsOne && d.IsOne | Real v -> v = 1.0
    let isMinusOne = function Exact(n, d) -> n = BigInteger.MinusOne && d.IsOne | Real v -> v = -1.0
    let isInteger = function Exact(_, d) -> d.IsOne | Real _ -> false
    let isNegative = function Exact(n, _) -> n.Sign < 0 | Real v -> v < 0.0
    let isFinite (x: Number) = let v = x.ToDouble() in not (Double.IsNaN v || Double.IsInfinity v)
    let toFloat (x: Number) = x.ToDouble()

    let add a b =
        match a, b with
        | Exact(n1, d1), Exact(n2, d2) -> rational (n1 * d2 + n2 * d1) (d1 * d2)
        | _ -> ofFloat (toFloat a + toFloat b)

    let mul a b =
        match a, b with
        | Exact(n1, d1), Exact(n2, d2) -> rational (n1 * n2) (d1 * d2)
        | _ -> ofFloat (toFloat a * toFloat b)

    let neg = function Exact(n, d) -> Exact(-n, d) | Real v -> Real -v

    /// 1/a, or None for a = 0.
    let tryInverse a =
        match a with
        | Exact(n, _) when n.IsZero -> None
        | Exact(n, d) -> Some(rational d n)
        | Real v -> Some(ofFloat (1.0 / v))

    let private intRoot (x: BigInteger) (k: int) : BigInteger option =
        // Exact k-th root of a non-negative integer, if there is one.
        if x.Sign < 0 then None
        elif x.IsZero || x.IsOne then Some x
        else
            let guess = BigInteger(Math.Round(Math.Exp(BigInteger.Log x / float k)))
            [ guess - BigInteger.One; guess; guess + BigInteger.One ]
            |> List.tryFind (fun g -> g.Sign >= 0 && BigInteger.Pow(g, k) = x)

    /// a^b folded to a Number when the result is exactly representable (or when either side is a
    /// double and the result is finite); None means "leave the power symbolic".
    let tryPow (a: Number) (b: Number) : Number option =
        match a, b with
        | _, Exact(n, _) when n.IsZero -> Some one
        | Exact(n, d), Exact(p, q) when q.IsOne ->
            if n.IsZero && p.Sign < 0 then None
            elif BigInteger.Abs p > BigInteger 4096 then None
            else
                let e = int (BigInteger.Abs p)
                let nn, dd = BigInteger.Pow(n, e), BigInteger.Pow(d, e)
                let r = if p.Sign >= 0 then rational nn dd else rational dd nn
                // Beyond the double range the power stays symbolic rather than becoming infinity.
                if isFinite r && (isZero r = n.IsZero) then Some r else None
        | Exact(n, d), Exact(p, q) when q <= BigInteger 16 && n.Sign > 0 && BigInteger.Abs p <= BigInteger 64 ->
            // Rational exponent: exact only when both n and d are perfect q-th powers (4^(1/2) = 2).
            match intRoot n (int q), intRoot d (int q) with
            | Some rn, Some rd ->
                let e = int (BigInteger.Abs p)
                let nn, dd = BigInteger.Pow(rn, e), BigInteger.Pow(rd, e)
                Some(if p.Sign >= 0 then rational nn dd else rational dd nn)
            | _ -> None
        | Exact _, Exact _ -> None
        | _ ->
            let r = Math.Pow(toFloat a, toFloat b)
            if Double.IsNaN r || Double.IsInfinity r then None else Some(ofFloat r)

    /// Parses an integer or decimal literal written in invariant culture: digits without '.' or
    /// exponent are exact integers, anything else is read as a double.
    let tryParse (s: string) : Number option =
        if s.Length > 0 && s |> Seq.forall Char.IsDigit then Some(Exact(BigInteger.Parse(s, CultureInfo.InvariantCulture), BigInteger.One))
        else
            match Double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture) with
            | true, v when not (Double.IsInfinity v) -> Some(ofFloat v)
            | _ -> None
