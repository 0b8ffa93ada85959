using Latent.Cli.Bench;
using Latent.Cli.Bench.Kernels;

namespace Latent.Cli.Tests;

/// <summary>The kernel table of <c>latent bench</c> runs end to end: both pairs, every implementation, sensible numbers.</summary>
public sealed class KernelBenchTests
{
    [Fact]
    public void TableHasEveryImplementationOfBothPairsWithConsistentRates()
    {
        // One short repetition: this checks that the table is built, not how fast anything is.
        var rows = KernelBench.Run(new BenchSettings(Quick: true, Threads: [1], Repetitions: 1, MinSeconds: 0.001));

        string[] implementations = ["generated scalar", "generated SIMD", "interpreter", "hand-written"];
        Assert.Equal(8, rows.Count);
        Assert.Equal(new[] { "Cu–Cu (Cu)", "Na–Cl (NaCl)" }, rows.Select(r => r.Pair).Distinct());
        foreach (var pair in rows.GroupBy(r => r.Pair))
            Assert.Equal(implementations, pair.Select(r => r.Implementation));
        foreach (var row in rows)
        {
            Assert.True(double.IsFinite(row.NanosecondsPerPair) && row.NanosecondsPerPair > 0, row.ToString());
            Assert.Equal(1e9 / row.NanosecondsPerPair, row.PairsPerSecond, 1e-9 * row.PairsPerSecond);
            Assert.False(string.IsNullOrWhiteSpace(row.Note));
        }
        // The interpreter allocates and dispatches per instruction: it is never near compiled code.
        foreach (var pair in rows.GroupBy(r => r.Pair))
            Assert.True(pair.Single(r => r.Implementation == "interpreter").NanosecondsPerPair > pair.Single(r => r.Implementation == "generated scalar").NanosecondsPerPair);
    }
}
