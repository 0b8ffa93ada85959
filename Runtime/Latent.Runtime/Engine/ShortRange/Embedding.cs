using System.Runtime.CompilerServices;
using Latent.Runtime.Kernels;
using EmbeddingLayout = Latent.Symbolic.Kernels.EmbeddingLayout;

namespace Latent.Runtime.Engine.ShortRange;

/// <summary>
/// The embedding energy Σ_i F_A(ρ̄_i) (docs/model.md §2), with the host density ρ̄_i = Σ_{j≠i} Σ_β w_jβ f_β(r_ij)
/// summed from the cached kernels over each atom's incident pairs in pair order. <see cref="Evaluate"/>
/// fills ρ̄, F, F′ and F″ per atom at some weights; through F′ there the densities enter ε
/// (docs/model.md §3: <see cref="StateOfA"/>, <see cref="StateOfB"/>) and a pair's r-slope
/// (docs/model.md §4: <see cref="AddToSlope"/>).
/// </summary>
internal sealed class Embedding
{
    private readonly PotentialKernels potential;
    private readonly AtomStates atoms;
    private readonly PairKernelCache cache;
    private readonly ParallelOptions parallel;
    private readonly Action<int> densityBody;
    // The weights the density loop works on (the loop body is bound once, see ParallelLoop).
    private double[] loopWeights = [];
    private bool loopHasDensities;
    // Whether every atom holds F at ρ̄ = 0 (kept while no pair gives a density).
    private bool atZero;

    /// <summary>The embedding of the atoms in the cached pairs' densities.</summary>
    public Embedding(PotentialKernels potential, AtomStates atoms, PairKernelCache cache, ParallelOptions parallel)
    {
        this.potential = potential;
        this.atoms = atoms;
        this.cache = cache;
        this.parallel = parallel;
        var n = atoms.AtomCount;
        HostDensity = new double[n];
        Energy = new double[n];
        Slope = new double[n];
        Curvature = new double[n];
        densityBody = DensityAt;
    }

    /// <summary>ρ̄_i at the weights of the last <see cref="Evaluate"/>.</summary>
    public double[] HostDensity { get; }

    /// <summary>F(ρ̄_i), atom i's embedding energy.</summary>
    public double[] Energy { get; }

    /// <summary>F′(ρ̄_i).</summary>
    public double[] Slope { get; }

    /// <summary>F″(ρ̄_i).</summary>
    public double[] Curvature { get; }

    /// <summary>
    /// Fills ρ̄, F, F′ and F″ of every atom at the weights. Without densities (no pair gives any, see
    /// <see cref="StateCouplings.HasDensities"/>) every ρ̄ is zero whatever the weights, so F at zero is
    /// evaluated once per configuration and kept.
    /// </summary>
    public void Evaluate(double[] weights, bool hasDensities)
    {
        if (!hasDensities && atZero)
            return;
        loopWeights = weights;
        loopHasDensities = hasDensities;
        ParallelLoop.For(parallel, atoms.AtomCount, densityBody);
        atZero = !hasDensities;
    }

    /// <summary>Forgets F at zero density (the configuration changed: it may have densities now).</summary>
    public void Invalidate() => atZero = false;

    private void DensityAt(int i)
    {
        var weights = loopWeights;
        var (incidence, first, end) = (cache.Incidence, cache.IncidenceStart[i], cache.IncidenceStart[i + 1]);
        var rho = 0.0;
        for (var k = first; loopHasDensities && k < end; k++)
        {
            var pair = cache.Pair(incidence[k]);
            // The density at A comes from B's states, and vice versa; each side summed over states first.
            if (pair.AtomA == i)
                rho += DensityAtA(weights, pair, derivative: false);
            if (pair.AtomB == i)
                rho += DensityAtB(weights, pair, derivative: false);
        }
        HostDensity[i] = rho;
        Span<double> f = stackalloc double[EmbeddingLayout.OutputCount];
        potential.Embeddings[atoms.Element[i]].Scalar(rho, f);
        Energy[i] = f[EmbeddingLayout.Value];
        Slope[i] = f[EmbeddingLayout.Slope];
        Curvature[i] = f[EmbeddingLayout.Curvature];
    }

    /// <summary>
    /// F′(ρ̄_B) f_α(r), given <paramref name="slopeAtB"/> = F′(ρ̄_B) from <see cref="Slope"/>: what the pair adds
    /// to ε of state α of its atom A through the density that state gives at B.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double StateOfA(double slopeAtB, in CachedPair pair, int alpha) =>
        slopeAtB * pair.Output(pair.Layout.DensityAtB(alpha));

    /// <summary>
    /// F′(ρ̄_A) f_β(r), given <paramref name="slopeAtA"/> = F′(ρ̄_A) from <see cref="Slope"/>: what the pair adds
    /// to ε of state β of its atom B through the density that state gives at A.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double StateOfB(double slopeAtA, in CachedPair pair, int beta) =>
        slopeAtA * pair.Output(pair.Layout.DensityAtA(beta));

    /// <summary>
    /// <paramref name="slope"/> + F′(ρ̄_A) Σ_β w_Bβ f′_β(r) + F′(ρ̄_B) Σ_α w_Aα f′_α(r), in that order: the pair's
    /// embedding part of dE/dr added to what the caller has summed so far.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double AddToSlope(double slope, double[] weights, in CachedPair pair) =>
        slope + Slope[pair.AtomA] * DensityAtA(weights, pair, derivative: true) + Slope[pair.AtomB] * DensityAtB(weights, pair, derivative: true);

    /// <summary>Σ_β w_Bβ f_β(r): the density B's states give at A, or with <paramref name="derivative"/> its r-derivative.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double DensityAtA(double[] weights, in CachedPair pair, bool derivative)
    {
        var layout = pair.Layout;
        var sum = 0.0;
        for (var b = 0; b < layout.StateCountB; b++)
        {
            var k = layout.DensityAtA(b);
            sum += weights[pair.WeightsB + b] * pair.Output(derivative ? layout.Derivative(k) : k);
        }
        return sum;
    }

    /// <summary>Σ_α w_Aα f_α(r): the density A's states give at B, or with <paramref name="derivative"/> its r-derivative.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double DensityAtB(double[] weights, in CachedPair pair, bool derivative)
    {
        var layout = pair.Layout;
        var sum = 0.0;
        for (var a = 0; a < layout.StateCountA; a++)
        {
            var k = layout.DensityAtB(a);
            sum += weights[pair.WeightsA + a] * pair.Output(derivative ? layout.Derivative(k) : k);
        }
        return sum;
    }
}
