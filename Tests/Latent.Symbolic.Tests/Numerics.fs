/// Numerical references the symbolic results are checked against.
module Latent.Symbolic.Tests.Numerics

open System

/// Central difference with Richardson extrapolation over four halvings of h: error O(h^8) for a
/// smooth f, so it distinguishes a right derivative from a wrong one by many orders of magnitude.
let richardsonWithStep (step: float) (f: float -> float) (x: float) : float =
    let levels = 4
    let h0 = step * max 1.0 (abs x)
    let table = Array2D.zeroCreate levels levels
    for i in 0 .. levels - 1 do
        let h = h0 / float (1 <<< i)
        table.[i, 0] <- (f (x + h) - f (x - h)) / (2.0 * h)
        for j in 1 .. i do
            let factor = Math.Pow(4.0, float j)
            table.[i, j] <- (factor * table.[i, j - 1] - table.[i - 1, j - 1]) / (factor - 1.0)
    table.[levels - 1, levels - 1]

let richardson (f: float -> float) (x: float) : float = richardsonWithStep 1e-2 f x

/// |a − b| within a relative tolerance of the larger magnitude, or an absolute one near zero.
let close (relative: float) (absolute: float) (a: float) (b: float) =
    (Double.IsNaN a && Double.IsNaN b) || a = b || abs (a - b) <= absolute + relative * max (abs a) (abs b)

/// Distance in units in the last place, for "agrees to a few ulps" checks.
let ulps (a: float) (b: float) : int64 =
    if a = b then 0L
    elif Double.IsNaN a || Double.IsNaN b || Math.Sign a <> Math.Sign b then Int64.MaxValue
    else abs (BitConverter.DoubleToInt64Bits a - BitConverter.DoubleToInt64Bits b)
