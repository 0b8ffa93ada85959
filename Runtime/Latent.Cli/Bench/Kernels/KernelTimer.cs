namespace Latent.Cli.Bench.Kernels;

/// <summary>
/// The timing loop of the kernel table (no BenchmarkDotNet in the tool). For each implementation, grows
/// the number of passes until one repetition lasts <see cref="BenchSettings.MinSeconds"/> (which also
/// warms the code up) and runs once more untimed; then times <see cref="BenchSettings.Repetitions"/>
/// rounds in which every implementation runs once, in turn, and takes each one's median. Taking turns
/// puts the implementations under the same load whenever other processes come and go, so their ratios,
/// which the goals are about, hold even when the absolute times drift. Times are on <see cref="ThreadClock"/>.
/// </summary>
internal static class KernelTimer
{
    // Where each run's sum goes: a field the JIT must assume is read, so no pass is dead code.
    private static double sink;

    /// <summary>Median nanoseconds per evaluation of each of <paramref name="runs"/>, in their order.</summary>
    /// <param name="runs">Each runs the given number of passes and returns a sum over their outputs.</param>
    /// <param name="evaluationsPerPass">Evaluations (distances) in one pass, the same for every run.</param>
    /// <param name="settings">Repetitions and least time per repetition.</param>
    public static double[] NanosecondsPerEvaluation(IReadOnlyList<Func<int, double>> runs, int evaluationsPerPass, BenchSettings settings)
    {
        var passes = runs.Select(run => Calibrate(run, settings.MinSeconds)).ToArray();
        var times = new double[runs.Count][];
        for (var k = 0; k < runs.Count; k++)
            times[k] = new double[settings.Repetitions];
        for (var i = 0; i < settings.Repetitions; i++)
            for (var k = 0; k < runs.Count; k++)
                times[k][i] = Time(runs[k], passes[k]) * 1e9 / ((double)passes[k] * evaluationsPerPass);
        return times.Select(Median).ToArray();
    }

    /// <summary>Passes for one repetition of at least <paramref name="minSeconds"/>; runs them once more untimed.</summary>
    private static int Calibrate(Func<int, double> run, double minSeconds)
    {
        var passes = 1;
        while (true)
        {
            var seconds = Time(run, passes);
            if (seconds >= minSeconds)
                break;
            // Aim a little past the target so the next try usually ends the search; at most 10× per step.
            var factor = seconds > 0 ? Math.Min(10.0, 1.2 * minSeconds / seconds) : 10.0;
            passes = Math.Max(passes + 1, (int)Math.Ceiling(passes * factor));
        }
        Time(run, passes);
        return passes;
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : 0.5 * (sorted[middle - 1] + sorted[middle]);
    }

    private static double Time(Func<int, double> run, int passes)
    {
        var start = ThreadClock.Seconds();
        sink += run(passes);
        return ThreadClock.Seconds() - start;
    }
}
