using System.Runtime.CompilerServices;

namespace Latent.Runtime.Engine.ShortRange;

/// <summary>
/// The electrostatics between states, Σ_{i&lt;j} Σ_αβ w_iα w_jβ C_αβ(r_ij) (docs/model.md §2), in its
/// short-range part: each kernel's C_αβ has the point-charge tail k_e q_α q_β / r taken out, which the
/// long-range sum adds back (docs/model.md §7). Per pair it is a bilinear form in the two atoms' weights;
/// this is that form's r-slope (docs/model.md §4); its value and its part of ε (docs/model.md §3) are
/// summed per atom by <see cref="StateCouplings"/>.
/// </summary>
internal static class ShortRangeElectrostatics
{
    /// <summary>d/dr of Σ_αβ w_Aα C_αβ w_Bβ at fixed weights: for each α of A the sum over B's states of the r-derivatives, then over α.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Slope(double[] weights, in CachedPair pair) => Bilinear(weights, pair, derivative: true);

    /// <summary>Σ_α w_Aα (Σ_β w_Bβ K_αβ) with K the values C_αβ or, with <paramref name="derivative"/>, their r-derivatives.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Bilinear(double[] weights, in CachedPair pair, bool derivative)
    {
        var layout = pair.Layout;
        var sum = 0.0;
        for (var a = 0; a < layout.StateCountA; a++)
        {
            var row = 0.0;
            for (var b = 0; b < layout.StateCountB; b++)
            {
                var k = layout.Electrostatics(a, b);
                row += weights[pair.WeightsB + b] * pair.Output(derivative ? layout.Derivative(k) : k);
            }
            sum += weights[pair.WeightsA + a] * row;
        }
        return sum;
    }
}
