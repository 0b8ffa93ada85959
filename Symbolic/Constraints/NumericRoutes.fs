namespace Latent.Symbolic.Constraints

open System
open MathNet.Numerics

/// The numeric fallbacks of the checker, for formulas the symbolic routes cannot settle:
/// adaptive Gauss–Kronrod quadrature, Richardson extrapolation for limits, and dense sampling
/// refined by a bracketed one-dimensional minimiser for extrema.
[<RequireQualifiedAccess>]
module NumericRoutes =
    /// ∫_lo^hi f (hi may be +∞, for integrands that decay).
    let integrate (f: float -> float) (lo: float) (hi: float) : float =
        Integrate.GaussKronrod(Func<float, float> f, lo, hi, 1e-12, 30, 61)

    /// Neville's polynomial extrapolation of values y(h) to h = 0 (Richardson's idea with unknown
    /// orders): the last entry of the tableau, and the change from the one before as its error.
    let private extrapolate (points: (float * float) list) : float * float =
        let hs = points |> List.map fst |> Array.ofList
        let ys = points |> List.map snd |> Array.ofList
        let n = hs.Length
        let p = Array.copy ys
        let mutable previous = p.[n - 1]
        let mutable estimate = p.[n - 1]
        for m in 1 .. n - 1 do
            for i in 0 .. n - 1 - m do
                p.[i] <- (hs.[i + m] * p.[i] - hs.[i] * p.[i + 1]) / (hs.[i + m] - hs.[i])
            previous <- estimate
            estimate <- p.[0]
        estimate, abs (estimate - previous)

    /// lim_{x→∞} f: f at x = 2, 4, ..., 512 extrapolated in h = 1/x. Points where f underflows to
    /// 0/0 are dropped; the last five finite ones are used.
    let limitAtInfinity (f: float -> float) : float =
        let points = [ for j in 1..9 -> let x = Math.Pow(2.0, float j) in 1.0 / x, f x ] |> List.filter (fun (_, y) -> Finite.is y)
        match points with
        | [] -> nan
        | _ ->
            let last = points |> List.skip (max 0 (points.Length - 5))
            fst (extrapolate last)

    /// lim_{x→c⁺} f, extrapolated in h from f(c + h), h = 0.1·2^−j.
    let limitAt (f: float -> float) (c: float) : float =
        let points = [ for j in 0..8 -> let h = 0.1 * Math.Pow(2.0, -float j) in h, f (c + h) ] |> List.filter (fun (_, y) -> Finite.is y)
        match points with
        | [] -> nan
        | _ -> fst (extrapolate (points |> List.skip (max 0 (points.Length - 5))))

    /// Points covering [lo, hi] densely: uniform over the first 30 length units, then geometric
    /// out to 10⁴ (or hi), so tails are sampled without millions of points.
    let samples (lo: float) (hi: float) : float list =
        let nearEnd = min hi (lo + 30.0)
        let near = [ for i in 0..3000 -> lo + (nearEnd - lo) * float i / 3000.0 ]
        let far =
            if hi <= nearEnd then []
            else
                let farEnd = min hi 1e4
                [ for i in 1..400 -> nearEnd * Math.Pow(farEnd / nearEnd, float i / 400.0) ]
        near @ far

    /// The minimum of f on [lo, hi]: the smallest sample, refined between its neighbours by
    /// MathNet's bracketed scalar minimiser. Non-finite samples are returned as found (a minimum of
    /// NaN fails any inequality, which is the honest answer).
    let minimum (f: float -> float) (lo: float) (hi: float) : float * float =
        let xs = samples lo hi |> Array.ofList
        let ys = xs |> Array.map f
        match ys |> Array.tryFindIndex (fun y -> not (Finite.is y)) with
        | Some i -> xs.[i], ys.[i]
        | None ->
            let i = ys |> Array.mapi (fun i y -> i, y) |> Array.minBy snd |> fst
            let left, right = xs.[max 0 (i - 1)], xs.[min (xs.Length - 1) (i + 1)]
            if right > left then
                try
                    let x = FindMinimum.OfScalarFunctionConstrained(Func<float, float> f, left, right, 1e-10, 200)
                    let y = f x
                    if y < ys.[i] then x, y else xs.[i], ys.[i]
                with _ -> xs.[i], ys.[i]
            else xs.[i], ys.[i]
