using System.Runtime.CompilerServices;
using Latent.Runtime.Kernels;
using EmbeddingLayout = Latent.Symbolic.Kernels.EmbeddingLayout;

namespace Latent.Runtime.Engine.ShortRange;

/// <summary>
/// The embedding energy Σ_i F_A(ρ̄_i) (docs/model.md §2), with the host density ρ̄_i = Σ_{j≠i} Σ_β w_jβ f_β(r_ij)
/// summed from the cached kernels over each atom's incident pairs in pair order. <see cref="Evaluate"/>
/// fills ρ̄, F, F′ and F″ per atom at some weights; the other members read F′ there: the density's part
/// of ε (docs/model.md §3) and of a pair's r-slope (docs/model.md §4).
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

    /// <summary>Fills ρ̄, F, F′ and F″ of every atom at the weights.</summary>
    public void Evaluate(double[] weights)
    {
        loopWeights = weights;
        ParallelLoop.For(parallel, atoms.AtomCount, densityBody);
    }

    private void DensityAt(int i)
    {
        var weights = loopWeights;
        var (incidence, atomA, atomB, layouts, start, outputs, offset) = (cache.Incidence, cache.AtomA, cache.AtomB, cache.Layout, cache.OutputStart, cache.Outputs, atoms.Offset);
        var rho = 0.0;
        for (var k = cache.IncidenceStart[i]; k < cache.IncidenceStart[i + 1]; k++)
        {
            var p = incidence[k];
            var layout = layouts[p];
            var o = start[p];
            // The density at A comes from B's states, and vice versa; each side summed over states first.
            if (atomA[p] == i)
            {
                var b0 = offset[atomB[p]];
                var fromB = 0.0;
                for (var b = 0; b < layout.StateCountB; b++)
                    fromB += weights[b0 + b] * outputs[o + layout.DensityAtA(b)];
                rho += fromB;
            }
            if (atomB[p] == i)
            {
                var a0 = offset[atomA[p]];
                var fromA = 0.0;
                for (var a = 0; a < layout.StateCountA; a++)
                    fromA += weights[a0 + a] * outputs[o + layout.DensityAtB(a)];
                rho += fromA;
            }
        }
        HostDensity[i] = rho;
        Span<double> f = stackalloc double[EmbeddingLayout.OutputCount];
        potential.Embeddings[atoms.Element[i]].Scalar(rho, f);
        Energy[i] = f[EmbeddingLayout.Value];
        Slope[i] = f[EmbeddingLayout.Slope];
        Curvature[i] = f[EmbeddingLayout.Curvature];
    }

    /// <summary>F′(ρ̄_B) f_α(r): what pair p adds to ε of state α of its atom A, through the density that state gives at B.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double StateOfA(int p, int alpha) =>
        Slope[cache.AtomB[p]] * cache.Outputs[cache.OutputStart[p] + cache.Layout[p].DensityAtB(alpha)];

    /// <summary>F′(ρ̄_A) f_β(r): what pair p adds to ε of state β of its atom B, through the density that state gives at A.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double StateOfB(int p, int beta) =>
        Slope[cache.AtomA[p]] * cache.Outputs[cache.OutputStart[p] + cache.Layout[p].DensityAtA(beta)];

    /// <summary>
    /// <paramref name="slope"/> + F′(ρ̄_A) Σ_β w_Bβ f′_β(r) + F′(ρ̄_B) Σ_α w_Aα f′_α(r), in that order: pair p's
    /// embedding part of dE/dr added to what the caller has summed so far.
    /// </summary>
    public double AddToSlope(double slope, double[] weights, int p)
    {
        var (layout, o, outputs) = (cache.Layout[p], cache.OutputStart[p], cache.Outputs);
        var (ia, ib) = (cache.AtomA[p], cache.AtomB[p]);
        var a0 = atoms.Offset[ia];
        var b0 = atoms.Offset[ib];
        var atA = 0.0;
        for (var b = 0; b < layout.StateCountB; b++)
            atA += weights[b0 + b] * outputs[o + layout.Derivative(layout.DensityAtA(b))];
        var atB = 0.0;
        for (var a = 0; a < layout.StateCountA; a++)
            atB += weights[a0 + a] * outputs[o + layout.Derivative(layout.DensityAtB(a))];
        return slope + Slope[ia] * atA + Slope[ib] * atB;
    }
}
