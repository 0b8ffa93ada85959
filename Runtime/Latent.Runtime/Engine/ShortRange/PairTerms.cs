namespace Latent.Runtime.Engine.ShortRange;

/// <summary>
/// The pair term Σ_{i&lt;j} φ_AB(r_ij) of the energy (docs/model.md §2), read from the cached kernels:
/// its share per atom and its r-slope per pair. It does not depend on the weights.
/// </summary>
internal sealed class PairTerms
{
    private readonly PairKernelCache cache;

    /// <summary>The pair terms of the cached pairs.</summary>
    public PairTerms(PairKernelCache cache) => this.cache = cache;

    /// <summary>Adds ½ φ of every pair to each of its two atoms, in pair order (a self-image pair gives its atom both halves).</summary>
    public void AddHalves(double[] pairEnergy)
    {
        var (atomA, atomB, layout, start, outputs) = (cache.AtomA, cache.AtomB, cache.Layout, cache.OutputStart, cache.Outputs);
        for (var p = 0; p < cache.Count; p++)
        {
            var phi = outputs[start[p] + layout[p].PairPotential];
            pairEnergy[atomA[p]] += 0.5 * phi;
            pairEnergy[atomB[p]] += 0.5 * phi;
        }
    }

    /// <summary>dφ/dr of pair p (docs/model.md §4).</summary>
    public double Slope(int p)
    {
        var layout = cache.Layout[p];
        return cache.Outputs[cache.OutputStart[p] + layout.Derivative(layout.PairPotential)];
    }
}
