namespace Latent.Cli.Bench.Lammps;

/// <summary>
/// Times one LAMMPS case the way <see cref="BenchSettings"/> asks of every figure on the page: at each
/// thread count, enough steps that one run's loop takes at least <see cref="BenchSettings.MinSeconds"/>,
/// then <see cref="BenchSettings.Repetitions"/> runs, of which the median time is reported.
/// </summary>
internal static class LammpsMeasurement
{
    /// <summary>Most steps a run is stretched to, so a very fast case cannot make the bench run for hours.</summary>
    public const int MaxSteps = 100_000;

    /// <summary>
    /// One timing per thread count of <paramref name="settings"/>: <paramref name="run"/>(threads, steps) is called
    /// with <paramref name="steps"/> first, with more if that loop was shorter than the settings' minimum,
    /// then repeated; the run of median µs/atom-step is returned (its note says how many runs there were).
    /// </summary>
    public static IReadOnlyList<LammpsTiming> Measure(BenchSettings settings, int steps, Func<int, int, LammpsTiming> run)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        var timings = new List<LammpsTiming>();
        foreach (var threads in settings.Threads)
        {
            var first = run(threads, steps);
            var seconds = first.MicrosecondsPerAtomStep * 1e-6 * first.Atoms * first.Steps;
            var runs = new List<LammpsTiming>();
            var timedSteps = steps;
            if (seconds < settings.MinSeconds)
            {
                // 20 % over the minimum, so run-to-run noise does not leave a repetition just short of it.
                var scale = seconds > 0 ? 1.2 * settings.MinSeconds / seconds : 10;
                timedSteps = (int)Math.Min(MaxSteps, Math.Ceiling(steps * scale));
            }
            else
            {
                runs.Add(first);
            }

            while (runs.Count < settings.Repetitions)
                runs.Add(run(threads, timedSteps));
            var median = runs.OrderBy(t => t.MicrosecondsPerAtomStep).ElementAt(runs.Count / 2);
            timings.Add(median with { Note = $"{median.Note}; median of {runs.Count} runs" });
        }

        return timings;
    }
}
