using System.Runtime.CompilerServices;

namespace Latent.Runtime.Engine.ShortRange;

/// <summary>
/// The electrostatics between states, Σ_{i&lt;j} Σ_αβ w_iα w_jβ C_αβ(r_ij) (docs/model.md §2), in its
/// short-range part: each kernel's C_αβ has the point-charge tail k_e q_α q_β / r taken out, which the
/// long-range sum adds back (docs/model.md §7). Per pair it is a bilinear form in the two atoms' weights;
/// this is that form, its part of ε (docs/model.md §3) and its r-slope (docs/model.md §4).
/// </summary>
internal static class ShortRangeElectrostatics
{
    /// <summary>Σ_αβ w_Aα C_αβ w_Bβ of the pair: for each α of A the sum over B's states, then over α.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Energy(double[] weights, in CachedPair pair) => Bilinear(weights, pair, derivative: false);

    /// <summary>d/dr of <see cref="Energy"/> at fixed weights: the same sums over the r-derivatives of C_αβ.</summary>
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

    /// <summary>
    /// <paramref name="epsilon"/> + Σ_β w_Bβ C_αβ, added term by term in β order: what the pair adds to
    /// ε of state α of its atom A through the electrostatics.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double AddToStateOfA(double epsilon, double[] weights, in CachedPair pair, int alpha)
    {
        var layout = pair.Layout;
        for (var b = 0; b < layout.StateCountB; b++)
            epsilon += weights[pair.WeightsB + b] * pair.Output(layout.Electrostatics(alpha, b));
        return epsilon;
    }

    /// <summary>
    /// <paramref name="epsilon"/> + Σ_α w_Aα C_αβ, added term by term in α order: what the pair adds to
    /// ε of state β of its atom B through the electrostatics.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double AddToStateOfB(double epsilon, double[] weights, in CachedPair pair, int beta)
    {
        var layout = pair.Layout;
        for (var a = 0; a < layout.StateCountA; a++)
            epsilon += weights[pair.WeightsA + a] * pair.Output(layout.Electrostatics(a, beta));
        return epsilon;
    }
}
