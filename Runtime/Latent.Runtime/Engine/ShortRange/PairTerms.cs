using System.Runtime.CompilerServices;

namespace Latent.Runtime.Engine.ShortRange;

/// <summary>
/// The pair term Σ_{i&lt;j} φ_AB(r_ij) of the energy (docs/model.md §2), read from the cached kernels: its
/// value and r-slope per pair. It does not depend on the weights.
/// </summary>
internal static class PairTerms
{
    /// <summary>φ of the pair.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Value(in CachedPair pair) => pair.Output(pair.Layout.PairPotential);

    /// <summary>dφ/dr of the pair (docs/model.md §4).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Slope(in CachedPair pair) => pair.Output(pair.Layout.Derivative(pair.Layout.PairPotential));
}
