using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

namespace Latent.Benchmarks;

/// <summary>
/// Entry point. Without a command, BenchmarkDotNet with its own options (e.g. <c>--filter '*'</c>);
/// <c>--quick</c> selects a short job for a small machine. Commands: <c>verify</c> (do all
/// implementations agree?), <c>cold [runs]</c> (whole-process run-time compilation, cold and cached).
/// </summary>
internal static class Program
{
    /// <summary>The command a <see cref="ColdStart"/> child runs.</summary>
    public const string ChildCommand = "cold-child";

    public static int Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "verify":
                return Verification.Command();
            case "cold":
                return ColdStart.Command(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5);
            case ChildCommand:
                return ColdStart.Child();
        }

        var quick = args.Contains("--quick");
        IConfig config = DefaultConfig.Instance;
        if (quick)
        {
            // One process per benchmark, 3 warm-up and 5 measured iterations of about 0.25 s: a full run
            // of both classes takes a few minutes on 2 cores; the default job is several times longer.
            config = config.AddJob(Job.Default
                .WithLaunchCount(1)
                .WithWarmupCount(3)
                .WithIterationCount(5)
                .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(250))
                .WithId("Quick"));
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args.Where(a => a != "--quick").ToArray(), config);
        return 0;
    }
}
