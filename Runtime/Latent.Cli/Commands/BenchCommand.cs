using System.CommandLine;
using Latent.Cli.Bench;
using Latent.Cli.Output;

namespace Latent.Cli.Commands;

/// <summary>
/// <c>latent bench</c>: measures the kernels and full MD steps on this machine, beside LAMMPS when it is
/// installed, and writes the performance page (docs/performance.md) from that one run.
/// </summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var quick = new Option<bool>("--quick")
        {
            Description = "Fewer repetitions and only the smallest crystals: a check that every part runs, not figures to quote.",
        };
        var threads = new Option<int[]>("--threads")
        {
            Description = $"Thread counts to measure the steps with (default: ${CommonOptions.ThreadsVariable} alone, else 1 and the number of cores, at most 2 on this page's tables).",
            AllowMultipleArgumentsPerToken = true,
        };
        var output = new Option<string>("--out", "-o")
        {
            Description = "Where to write the page.",
            DefaultValueFactory = _ => Path.Combine("docs", "performance.md"),
        };
        var json = CommonOptions.Json();
        var command = new Command("bench", "Measure kernels and MD steps (beside LAMMPS when `lmp` is on PATH) and write the performance page.")
        {
            quick, threads, output, json,
        };
        command.SetAction(parse => Run(
            parse.GetValue(quick), parse.GetValue(threads), parse.GetValue(output)!, parse.GetValue(json),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(bool quick, int[]? threads, string output, bool json, TextWriter stdout, TextWriter stderr)
    {
        int[] counts = threads is { Length: > 0 } ? threads
            : CommonOptions.CheckThreads(null) is { } variable ? [variable]
            : [1, Math.Min(2, Environment.ProcessorCount)];
        foreach (var t in counts)
        {
            if (t < 1 || t > Environment.ProcessorCount)
                throw new UserError($"--threads {t}: this machine has {Environment.ProcessorCount} cores; give counts from 1 to {Environment.ProcessorCount}");
        }
        var settings = BenchSettings.Create(quick, counts.Distinct().Order().ToArray());
        var results = BenchRun.Run(settings, stderr);
        var page = PerformancePage.Write(results);
        var directory = Path.GetDirectoryName(Path.GetFullPath(output));
        if (directory is not null)
            Directory.CreateDirectory(directory);
        AtomicFile.WriteAllText(output, page);
        if (json)
            JsonOutput.Write(stdout, results.ToJson());
        else
            stdout.WriteLine($"wrote {output}");
        return ExitCodes.Success;
    }
}
