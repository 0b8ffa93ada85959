using System.CommandLine;
using Latent.Cli.Output;
using Latent.Cli.Soak;
using Latent.Runtime.Dynamics.Watchdog;

namespace Latent.Cli.Commands;

/// <summary>
/// <c>latent soak</c>: a long charge-transfer MD run of rock-salt NaCl at 1 000 K (Langevin to bring it to
/// temperature, then NVE) that reports what the reliability guarantees did — the conserved quantity's drift,
/// solver iterations, full searches and branch switches, charges, closest approach, the watchdog — on stdout
/// and in its section of the reliability page (docs/reliability.md).
/// </summary>
public static class SoakCommand
{
    public static Command Create()
    {
        var quick = new Option<bool>("--quick")
        {
            Description = $"A short soak ({SoakSettings.QuickRepeat} cell, {SoakSettings.QuickEquilibrate} + {SoakSettings.QuickSteps} steps) unless the sizes are given: a check that it runs, not figures to quote.",
        };
        var repeat = new Option<int?>("--repeat") { Description = $"Conventional cells (8 atoms) along each axis (default {SoakSettings.DefaultRepeat}: {8 * SoakSettings.DefaultRepeat * SoakSettings.DefaultRepeat * SoakSettings.DefaultRepeat} atoms)." };
        var equilibrate = new Option<int?>("--equilibrate") { Description = $"Langevin steps at {SoakSettings.Temperature} K before the NVE run (default {SoakSettings.DefaultEquilibrate})." };
        var steps = new Option<int?>("--steps") { Description = $"NVE steps (default {SoakSettings.DefaultSteps})." };
        var seed = new Option<long>("--seed") { Description = "Seed of the starting velocities and of the thermostat's noise.", DefaultValueFactory = _ => 1 };
        var threads = CommonOptions.Threads();
        // One thread unless asked: the reliability page's timings are then comparable from machine to machine.
        threads.Description = $"Threads the calculator may use (default: ${CommonOptions.ThreadsVariable}, else 1).";
        var maxDrift = new Option<double>("--max-drift")
        {
            Description = "The watchdog stops a phase when its conserved energy has moved more than this many eV/atom from the phase's start (0: never).",
            DefaultValueFactory = _ => WatchdogOptions.DefaultMaxDrift,
        };
        var output = new Option<string>("--out", "-o")
        {
            Description = $"The page whose lines between {MarkedSection.Soak.Begin} and {MarkedSection.Soak.End} the soak replaces.",
            DefaultValueFactory = _ => Path.Combine("docs", "reliability.md"),
        };
        var json = CommonOptions.Json();
        var command = new Command("soak", "Run rock-salt NaCl at 1 000 K for a long NVE run with charge transfer and report drift, solver iterations, branch switches and the watchdog, in the reliability page.")
        {
            quick, repeat, equilibrate, steps, seed, threads, maxDrift, output, json,
        };
        command.SetAction(parse =>
        {
            var q = parse.GetValue(quick);
            var settings = new SoakSettings(
                parse.GetValue(repeat) ?? (q ? SoakSettings.QuickRepeat : SoakSettings.DefaultRepeat),
                parse.GetValue(equilibrate) ?? (q ? SoakSettings.QuickEquilibrate : SoakSettings.DefaultEquilibrate),
                parse.GetValue(steps) ?? (q ? SoakSettings.QuickSteps : SoakSettings.DefaultSteps),
                parse.GetValue(seed),
                CommonOptions.CheckThreads(parse.GetValue(threads)) ?? 1,
                MaxDrift(parse.GetValue(maxDrift)),
                q);
            return Run(settings, parse.GetValue(output)!, parse.GetValue(json), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        });
        return command;
    }

    private static int Run(SoakSettings settings, string output, bool json, TextWriter stdout, TextWriter stderr)
    {
        Check(settings);
        // The page is checked before the run, so a soak of hours does not end in a missing marker.
        MarkedSection.Read(output, "--out", MarkedSection.Soak);
        var total = settings.EquilibrateSteps + settings.Steps;
        var results = LiveProgress.Run(stderr, show: !json, total, report => SoakRun.Run(settings, report));
        // Read again: the page may have been edited while the soak ran.
        var page = MarkedSection.Read(output, "--out", MarkedSection.Soak);
        page.Write(ReliabilitySection.Write(results, page.Newline));
        if (json)
        {
            JsonOutput.Write(stdout, results.ToJson(output));
        }
        else
        {
            SoakReport.WriteText(stdout, results, Terminal.IsStdout(stdout));
            stdout.WriteLine($"wrote the soak's section of {output}");
        }

        if (results.Stopped is { } stopped)
        {
            stderr.WriteLine($"latent: error: the soak's {stopped.Phase.Name} phase stopped at {stopped.Stop.Message}; the figures up to its last good step are reported and in {output}");
            return ExitCodes.DynamicsStopped;
        }

        return ExitCodes.Success;
    }

    /// <summary>The watchdog's limit from --max-drift: 0 is never (infinity), as <c>latent md</c> takes it.</summary>
    private static double MaxDrift(double value) =>
        !(value >= 0) || double.IsInfinity(value)
            ? throw new UserError($"--max-drift must be 0 (off) or a positive number of eV/atom (got {Numbers.Format(value)})")
            : value > 0 ? value : double.PositiveInfinity;

    private static void Check(SoakSettings s)
    {
        if (s.Repeat < 1)
            throw new UserError($"--repeat must be 1 or more cells (got {s.Repeat})");
        if (s.Repeat > 20)
            throw new UserError($"--repeat {s.Repeat} is {(long)8 * s.Repeat * s.Repeat * s.Repeat:N0} atoms; a soak is a long run of a small crystal, so give at most 20 (64 000 atoms)");
        if (s.EquilibrateSteps < 0)
            throw new UserError($"--equilibrate must be 0 or more steps (got {s.EquilibrateSteps})");
        if (s.Steps < 1)
            throw new UserError($"--steps must be 1 or more (got {s.Steps})");
        if (s.Threads < 1 || s.Threads > Environment.ProcessorCount)
            throw new UserError($"--threads {s.Threads}: this machine has {Environment.ProcessorCount} cores; give a count from 1 to {Environment.ProcessorCount}");
    }
}
