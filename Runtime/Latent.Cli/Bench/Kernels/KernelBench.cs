using System.Globalization;

namespace Latent.Cli.Bench.Kernels;

/// <summary>
/// The kernel table of <c>latent bench</c>: pairs per second of the generated scalar and Vector256
/// kernels, the straight-line interpreter and a hand-written kernel, for the Cu–Cu pair of Cu.toml and
/// the Na–Cl pair of NaCl.toml. The goals it reports against (docs/performance.md): the generated scalar
/// kernel at least as fast as the hand-written one, and the SIMD kernel at least 2.5× the scalar one per
/// distance.
/// </summary>
internal static class KernelBench
{
    /// <summary>Relative disagreement of the implementations' sums beyond which nothing is timed.</summary>
    private const double Agreement = 1e-9;

    /// <summary>Times every implementation on both pairs; four rows per pair, in a fixed order.</summary>
    public static IReadOnlyList<KernelBenchRow> Run(BenchSettings settings)
    {
        var pairs = new[]
        {
            BenchedPair.Shipped("Cu", "Cu", "Cu", HandWrittenCu.Pair, HandWrittenCu.OutputCount),
            BenchedPair.Shipped("NaCl", "Na", "Cl", HandWrittenNaCl.Pair, HandWrittenNaCl.OutputCount),
        };
        var rows = new List<KernelBenchRow>();
        foreach (var pair in pairs)
            rows.AddRange(Rows(pair, settings));
        return rows;
    }

    private static IEnumerable<KernelBenchRow> Rows(BenchedPair pair, BenchSettings settings)
    {
        RequireAgreement(pair);
        var times = KernelTimer.NanosecondsPerEvaluation(
            new Func<int, double>[] { pair.ScalarPasses, pair.VectorPasses, pair.InterpreterPasses, pair.HandWrittenPasses },
            pair.Count, settings);
        var (scalar, vector, interpreter, handWritten) = (times[0], times[1], times[2], times[3]);
        return new[]
        {
            Row(pair, "generated scalar", scalar, $"PairKernel.Scalar; {Ratio(scalar / handWritten)} the hand-written time"),
            Row(pair, "generated SIMD", vector, $"PairKernel.Vector, 4 distances per Vector256 call, time per distance; {Ratio(scalar / vector)} faster than scalar"),
            Row(pair, "interpreter", interpreter, $"StraightLine.evaluate on the same program; {Ratio(interpreter / scalar)} the generated scalar time"),
            Row(pair, "hand-written", handWritten, "C# written by hand for the same outputs, through the same delegate type"),
        };
    }

    /// <summary>
    /// One pass of each implementation must give the same sum: a table that timed different computations
    /// would mean nothing. (Exact agreement of every output is tested; this only guards the run.)
    /// </summary>
    private static void RequireAgreement(BenchedPair pair)
    {
        var reference = pair.ScalarPasses(1);
        foreach (var (name, sum) in new[]
                 {
                     ("generated SIMD", pair.VectorPasses(1)),
                     ("interpreter", pair.InterpreterPasses(1)),
                     ("hand-written", pair.HandWrittenPasses(1)),
                 })
            if (!(Math.Abs(sum - reference) <= Agreement * Math.Abs(reference)))
                throw new InvalidOperationException(
                    $"{pair.Label}: the {name} kernel sums dφ/dr to {sum:R}, the generated scalar kernel to {reference:R}; not timing different computations");
    }

    private static KernelBenchRow Row(BenchedPair pair, string implementation, double nanoseconds, string note) =>
        new(pair.Label, implementation, nanoseconds, 1e9 / nanoseconds, note);

    private static string Ratio(double x) => x.ToString("0.00", CultureInfo.InvariantCulture) + "×";
}
