using System.Runtime.CompilerServices;
using PairLayout = Latent.Symbolic.Kernels.PairLayout;

namespace Latent.Runtime.Engine.ShortRange;

/// <summary>
/// One short-range pair as the cache holds it: its atoms A and B (A has the kernel's first element),
/// where their states start in a weight vector, its kernel's layout and its outputs. A value taken per
/// pair, so the loops over the pair's states read locals instead of going back to the cache.
/// </summary>
/// <param name="AtomA">The atom with the kernel's first element.</param>
/// <param name="AtomB">The other atom (A again for a periodic self-image).</param>
/// <param name="WeightsA">Where A's states start in a weight vector.</param>
/// <param name="WeightsB">Where B's states start in a weight vector.</param>
/// <param name="Layout">Which output holds what.</param>
/// <param name="Outputs">The cache's flat outputs.</param>
/// <param name="Start">Where this pair's outputs start in <paramref name="Outputs"/>.</param>
internal readonly record struct CachedPair(int AtomA, int AtomB, int WeightsA, int WeightsB, PairLayout Layout, double[] Outputs, int Start)
{
    /// <summary>Output k of the pair's kernel, k from <see cref="Layout"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Output(int k) => Outputs[Start + k];
}
