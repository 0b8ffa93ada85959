namespace Latent.Cli.Bench.Kernels;

/// <summary>
/// The Cu–Cu pair of potentials/Cu.toml written by hand, as an expert would without the generator: the
/// same 4 terms and r-derivatives in the same layout as the generated <c>Pair_Cu_Cu</c> (values [0..3],
/// derivatives [4..7]). Physics (docs/model.md §2, Cu.toml): Zhou, Johnson and Wadley's pair term
/// φ = A e^{−α(x−1)}/(1 + (x−κ)²⁰) − B·f and host density f = e^{−β(x−1)}/(1 + (x−λ)²⁰), x = r/r_e (one
/// neutral state, so the density B gives at A and the one A gives at B are the same number), each times
/// the quintic switch on [5.15, 5.5] Å; the electrostatics between point charges of neutral atoms is zero.
/// The reference for "at least as fast as hand-written" in <c>latent bench</c> and the BenchmarkDotNet
/// benchmarks.
/// </summary>
internal static class HandWrittenCu
{
    /// <summary>Length of the span <see cref="Pair"/> writes.</summary>
    public const int OutputCount = 8;

    // [parameters] and [model] of Cu.toml, as its fit left them.
    private const double LatticeConstant = 3.615;
    private const double A = 1.0954864156011983;
    private const double B = 1.3002179166543115;
    private const double Alpha = 7.5083246477030485;
    private const double Beta = 6.225977926282114;
    private const double Kappa = 0.4821501092871736;
    private const double Lambda = 0.8467020611270968;
    private const double Cutoff = 5.5;
    private const double SwitchWidth = 0.35;
    private const double SwitchStart = Cutoff - SwitchWidth;

    // r_e = a/√2, the nearest-neighbour distance. Static readonly: tier-1 JIT code treats it as a constant.
    private static readonly double InverseRe = Math.Sqrt(2.0) / LatticeConstant;

    /// <summary>All 4 terms and their r-derivatives at distance <paramref name="r"/> (Å).</summary>
    public static void Pair(double r, Span<double> values)
    {
        var x = r * InverseRe;

        // e^{−k(x−1)}/(1 + (x−c)²⁰) and its x-derivative; the 20th and 19th powers by squaring.
        static (double Value, double Slope) Faded(double x, double k, double c)
        {
            var y = x - c;
            var y2 = y * y;
            var y4 = y2 * y2;
            var y5 = y4 * y;
            var y10 = y5 * y5;
            var denominator = 1.0 + y10 * y10;
            var value = Math.Exp(-k * (x - 1.0)) / denominator;
            return (value, -value * (k + 20.0 * y10 * y5 * y4 / denominator));
        }

        var (repulsion, dRepulsion) = Faded(x, Alpha, Kappa);
        var (f, df) = Faded(x, Beta, Lambda);
        var phi = A * repulsion - B * f;
        var dphi = (A * dRepulsion - B * df) * InverseRe;
        df *= InverseRe;

        // Quintic switch 1 − 10t³ + 15t⁴ − 6t⁵ = (1 − t)³(1 + 3t + 6t²), factored so it keeps its relative
        // accuracy as it goes to zero; branch-free through the clamp (min/max).
        var t = Math.Max(0.0, Math.Min(1.0, (r - SwitchStart) * (1.0 / SwitchWidth)));
        var u = 1.0 - t;
        var u2 = u * u;
        var s = u2 * u * (1.0 + t * (3.0 + 6.0 * t));
        var ds = -30.0 / SwitchWidth * (t * t) * u2;

        var fs = f * s;
        var dfs = df * s + f * ds;

        // Highest index first: one bounds check covers every store.
        values[7] = dfs;
        values[6] = dfs;
        values[5] = dphi * s + phi * ds;
        values[4] = 0.0;
        values[3] = fs;
        values[2] = fs;
        values[1] = phi * s;
        values[0] = 0.0;
    }
}
