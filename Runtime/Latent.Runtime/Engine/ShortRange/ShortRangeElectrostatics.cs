using System.Runtime.CompilerServices;

namespace Latent.Runtime.Engine.ShortRange;

/// <summary>
/// The electrostatics between states, Σ_{i&lt;j} Σ_αβ w_iα w_jβ C_αβ(r_ij) (docs/model.md §2), in its
/// short-range part: each kernel's C_αβ has the point-charge tail k_e q_α q_β / r taken out, which the
/// long-range sum adds back (docs/model.md §7). Per pair it is a bilinear form in the two atoms' weights;
/// this is that form, its share per atom, its part of ε (docs/model.md §3) and its r-slope (docs/model.md §4).
/// </summary>
internal sealed class ShortRangeElectrostatics
{
    private readonly PairKernelCache cache;
    private readonly AtomStates atoms;

    /// <summary>The short-range electrostatics of the cached pairs between the atoms' states.</summary>
    public ShortRangeElectrostatics(PairKernelCache cache, AtomStates atoms)
    {
        this.cache = cache;
        this.atoms = atoms;
    }

    /// <summary>Σ_αβ w_Aα C_αβ w_Bβ of pair p: for each α of A the sum over B's states, then over α.</summary>
    public double Energy(double[] weights, int p)
    {
        var (layout, o, outputs) = (cache.Layout[p], cache.OutputStart[p], cache.Outputs);
        var a0 = atoms.Offset[cache.AtomA[p]];
        var b0 = atoms.Offset[cache.AtomB[p]];
        var sum = 0.0;
        for (var a = 0; a < layout.StateCountA; a++)
        {
            var row = 0.0;
            for (var b = 0; b < layout.StateCountB; b++)
                row += weights[b0 + b] * outputs[o + layout.Electrostatics(a, b)];
            sum += weights[a0 + a] * row;
        }
        return sum;
    }

    /// <summary>d/dr of <see cref="Energy"/> at fixed weights: the same sums over the r-derivatives of C_αβ.</summary>
    public double Slope(double[] weights, int p)
    {
        var (layout, o, outputs) = (cache.Layout[p], cache.OutputStart[p], cache.Outputs);
        var a0 = atoms.Offset[cache.AtomA[p]];
        var b0 = atoms.Offset[cache.AtomB[p]];
        var sum = 0.0;
        for (var a = 0; a < layout.StateCountA; a++)
        {
            var row = 0.0;
            for (var b = 0; b < layout.StateCountB; b++)
                row += weights[b0 + b] * outputs[o + layout.Derivative(layout.Electrostatics(a, b))];
            sum += weights[a0 + a] * row;
        }
        return sum;
    }

    /// <summary>Adds half of every pair's <see cref="Energy"/> to each of its two atoms, in pair order.</summary>
    public void AddHalves(double[] weights, double[] electrostaticEnergy)
    {
        var (atomA, atomB) = (cache.AtomA, cache.AtomB);
        for (var p = 0; p < cache.Count; p++)
        {
            var c = Energy(weights, p);
            electrostaticEnergy[atomA[p]] += 0.5 * c;
            electrostaticEnergy[atomB[p]] += 0.5 * c;
        }
    }

    /// <summary>
    /// <paramref name="epsilon"/> + Σ_β w_Bβ C_αβ of pair p, added term by term in β order: what pair p
    /// adds to ε of state α of its atom A.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double AddToStateOfA(double epsilon, double[] weights, int p, int alpha)
    {
        var (layout, o, outputs) = (cache.Layout[p], cache.OutputStart[p], cache.Outputs);
        var b0 = atoms.Offset[cache.AtomB[p]];
        for (var b = 0; b < layout.StateCountB; b++)
            epsilon += weights[b0 + b] * outputs[o + layout.Electrostatics(alpha, b)];
        return epsilon;
    }

    /// <summary>
    /// <paramref name="epsilon"/> + Σ_α w_Aα C_αβ of pair p, added term by term in α order: what pair p
    /// adds to ε of state β of its atom B.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double AddToStateOfB(double epsilon, double[] weights, int p, int beta)
    {
        var (layout, o, outputs) = (cache.Layout[p], cache.OutputStart[p], cache.Outputs);
        var a0 = atoms.Offset[cache.AtomA[p]];
        for (var a = 0; a < layout.StateCountA; a++)
            epsilon += weights[a0 + a] * outputs[o + layout.Electrostatics(a, beta)];
        return epsilon;
    }
}
