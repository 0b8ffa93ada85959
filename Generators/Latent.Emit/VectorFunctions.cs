namespace Latent.Emit;

/// <summary>How the SIMD kernel computes exp, log, sin and cos.</summary>
public enum VectorFunctions
{
    /// <summary>
    /// The .NET vector implementations (<c>Vector256.Exp</c>, <c>Log</c>, <c>Sin</c>, <c>Cos</c>): fast,
    /// within a few ulps of <c>Math</c>, so SIMD results can differ from scalar ones in the last bits.
    /// </summary>
    Native,

    /// <summary>
    /// <c>Math.Exp</c> etc. on each lane: SIMD results agree bitwise with the scalar kernel, at the
    /// cost of four scalar calls per function.
    /// </summary>
    LaneWise,
}
