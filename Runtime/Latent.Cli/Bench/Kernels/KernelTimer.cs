using System.Diagnostics;

namespace Latent.Cli.Bench.Kernels;

/// <summary>
/// The timing loop of the kernel table (no BenchmarkDotNet in the tool): grows the number of passes
/// until one repetition lasts <see cref="BenchSettings.MinSeconds"/> (which also warms the code up to
/// its final JIT tier), runs once more untimed, then times <see cref="BenchSettings.Repetitions"/>
/// repetitions and takes the median, which a shared machine disturbs far less than the mean.
/// </summary>
internal static class KernelTimer
{
    // Where each run's sum goes: a field the JIT must assume is read, so no pass is dead code.
    private static double sink;

    /// <summary>Median nanoseconds per evaluation of <paramref name="run"/>, which does <paramref name="evaluationsPerPass"/> evaluations per pass.</summary>
    /// <param name="run">Runs the given number of passes and returns a sum over their outputs.</param>
    /// <param name="evaluationsPerPass">Evaluations (distances) in one pass.</param>
    /// <param name="settings">Repetitions and least time per repetition.</param>
    public static double NanosecondsPerEvaluation(Func<int, double> run, int evaluationsPerPass, BenchSettings settings)
    {
        var passes = 1;
        while (true)
        {
            var seconds = Time(run, passes);
            if (seconds >= settings.MinSeconds)
                break;
            // Aim a little past the target so the next try usually ends the search; at most 10× per step.
            var factor = seconds > 0 ? Math.Min(10.0, 1.2 * settings.MinSeconds / seconds) : 10.0;
            passes = Math.Max(passes + 1, (int)Math.Ceiling(passes * factor));
        }
        Time(run, passes);

        var times = new double[settings.Repetitions];
        for (var i = 0; i < times.Length; i++)
            times[i] = Time(run, passes);
        Array.Sort(times);
        var median = times.Length % 2 == 1 ? times[times.Length / 2] : 0.5 * (times[times.Length / 2 - 1] + times[times.Length / 2]);
        return median * 1e9 / ((double)passes * evaluationsPerPass);
    }

    private static double Time(Func<int, double> run, int passes)
    {
        var start = Stopwatch.GetTimestamp();
        sink += run(passes);
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }
}
