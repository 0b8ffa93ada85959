namespace Latent.Cli.Bench;

/// <summary>
/// How long and on how many threads <c>latent bench</c> measures. Quick runs the same tables with fewer
/// repetitions and the largest sizes left out, for a check that every part still runs; the page says
/// which was used.
/// </summary>
/// <param name="Quick">Fewer repetitions, small sizes only.</param>
/// <param name="Threads">Thread counts to measure steps with, in order (1 and 2 by default).</param>
/// <param name="Repetitions">Timed repetitions per figure; the median is reported.</param>
/// <param name="MinSeconds">Least time one repetition should take, so timer resolution does not matter.</param>
internal sealed record BenchSettings(bool Quick, IReadOnlyList<int> Threads, int Repetitions, double MinSeconds)
{
    /// <summary>The settings of a full run or a quick one.</summary>
    public static BenchSettings Create(bool quick, IReadOnlyList<int> threads) =>
        quick ? new BenchSettings(true, threads, 3, 0.05) : new BenchSettings(false, threads, 5, 0.5);
}
