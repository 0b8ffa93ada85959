namespace Latent.Cli.Bench.Kernels;

/// <summary>
/// The Cu–Cu pair of potentials/Cu.toml written by hand, as an expert would without the generator: the
/// same 4 terms and r-derivatives in the same layout as the generated <c>Pair_Cu_Cu</c> (values [0..3],
/// derivatives [4..7]). Physics (docs/model.md §2, Cu.toml): Johnson's EAM pair term
/// φ = φ_e e^{−γ(r/r_e − 1)} and host density f = e^{−β(r/r_e − 1)} (one neutral state, so the density
/// B gives at A and the one A gives at B are the same number), each times the quintic switch on
/// [2.9, 3.4] Å; the electrostatics between point charges of neutral atoms is zero. The reference for
/// "at least as fast as hand-written" in <c>latent bench</c> and the BenchmarkDotNet benchmarks.
/// </summary>
internal static class HandWrittenCu
{
    /// <summary>Length of the span <see cref="Pair"/> writes.</summary>
    public const int OutputCount = 8;

    // [parameters] and [model] of Cu.toml.
    private const double LatticeConstant = 3.615;
    private const double PhiE = 0.0989375;
    private const double Gamma = 12.3432;
    private const double Beta = 4.09767;
    private const double Cutoff = 3.4;
    private const double SwitchWidth = 0.5;
    private const double SwitchStart = Cutoff - SwitchWidth;

    // r_e = a/√2, the nearest-neighbour distance; the exponents' slopes per Å.
    // Static readonly: tier-1 JIT code treats them as constants.
    private static readonly double InverseRe = Math.Sqrt(2.0) / LatticeConstant;
    private static readonly double GammaPerRe = Gamma * InverseRe;
    private static readonly double BetaPerRe = Beta * InverseRe;

    /// <summary>All 4 terms and their r-derivatives at distance <paramref name="r"/> (Å).</summary>
    public static void Pair(double r, Span<double> values)
    {
        var x = r * InverseRe - 1.0;
        var phi = PhiE * Math.Exp(-Gamma * x);
        var f = Math.Exp(-Beta * x);

        // Quintic switch 1 − 10t³ + 15t⁴ − 6t⁵ = (1 − t)³(1 + 3t + 6t²), factored so it keeps its relative
        // accuracy as it goes to zero; branch-free through the clamp (min/max).
        var t = Math.Max(0.0, Math.Min(1.0, (r - SwitchStart) * (1.0 / SwitchWidth)));
        var u = 1.0 - t;
        var u2 = u * u;
        var s = u2 * u * (1.0 + t * (3.0 + 6.0 * t));
        var ds = -30.0 / SwitchWidth * (t * t) * u2;

        var fs = f * s;
        var dfs = f * (ds - BetaPerRe * s);

        // Highest index first: one bounds check covers every store.
        values[7] = dfs;
        values[6] = dfs;
        values[5] = phi * (ds - GammaPerRe * s);
        values[4] = 0.0;
        values[3] = fs;
        values[2] = fs;
        values[1] = phi * s;
        values[0] = 0.0;
    }
}
