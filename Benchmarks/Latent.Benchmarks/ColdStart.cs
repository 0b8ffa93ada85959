using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Latent.Emit;
using Latent.Runtime.Compilation;
using Latent.Runtime.Kernels;

namespace Latent.Benchmarks;

/// <summary>
/// Run-time compilation of NaCl.toml as a user meets it: one new process per measurement, which reads
/// the file, builds and emits the kernels, loads them through <see cref="KernelLoader"/> with the cache
/// in <c>LATENT_CACHE_DIR</c>, and evaluates the Na–Cl pair once. "Cold" runs get an empty cache
/// directory (Roslyn is loaded and JIT-compiled in that process: the honest first-compile cost);
/// "cached" runs reuse the directory a cold run filled. The parent times each child's whole life
/// (wall clock, including .NET start-up) and collects the child's own phase timings.
/// </summary>
internal static class ColdStart
{
    /// <summary>Namespace of run-time compiled kernels: apart from the build-time NaClKernels in Latent.Runtime.</summary>
    public const string Namespace = "Latent.Potentials.Runtime";

    /// <summary>The loader's extra cache key: the emitter version, as the runtime will pass it.</summary>
    public const string ExtraKey = "latent-emit/" + PotentialEmitter.Version;

    /// <summary>What a child reports, in milliseconds.</summary>
    public sealed record Phases(
        bool FromCache,
        double Symbolic,
        double Emit,
        double Load,
        double RoslynCompile,
        double ImageLoad,
        double FirstCall,
        double Main);

    /// <summary>The child: one load of NaCl, phase timings as one JSON line on stdout.</summary>
    public static int Child()
    {
        var main = Stopwatch.StartNew();
        var clock = Stopwatch.StartNew();
        var text = NaClPair.Text();
        var set = NaClPair.Kernels(text);
        var symbolic = clock.Elapsed.TotalMilliseconds;

        clock.Restart();
        var sources = NaClPair.Sources(text, set, Namespace);
        var emit = clock.Elapsed.TotalMilliseconds;

        clock.Restart();
        // The default cache: LATENT_CACHE_DIR, set by the parent.
        using var kernels = new KernelLoader().Load(set.Name, sources, ExtraKey);
        var load = clock.Elapsed.TotalMilliseconds;

        clock.Restart();
        var create = kernels.GetKernelType(PotentialEmitter.ClassName(set.Name)).GetMethod("Create", BindingFlags.Public | BindingFlags.Static)
            ?? throw new InvalidOperationException("no Create method");
        var potential = (PotentialKernels)create.Invoke(null, null)!;
        var values = new double[NaClPair.Outputs];
        potential.Pair(potential.ElementIndex("Na"), potential.ElementIndex("Cl")).Scalar(2.3609, values);
        if (!double.IsFinite(values[0]))
            throw new InvalidOperationException("the loaded kernel returned " + values[0]);
        var firstCall = clock.Elapsed.TotalMilliseconds;

        var phases = new Phases(kernels.FromCache, symbolic, emit, load, kernels.CompileMilliseconds, kernels.LoadMilliseconds, firstCall, main.Elapsed.TotalMilliseconds);
        Console.WriteLine(JsonSerializer.Serialize(phases));
        return 0;
    }

    /// <summary>The <c>cold</c> command: <paramref name="runs"/> cold and cached children, alternating.</summary>
    public static int Command(int runs)
    {
        var root = Path.Combine(Path.GetTempPath(), "latent-cold", Guid.NewGuid().ToString("N"));
        var cold = new List<(double Wall, Phases Phases)>();
        var cached = new List<(double Wall, Phases Phases)>();
        try
        {
            // One unmeasured child first: the OS file cache then holds the .NET and Roslyn binaries, as it
            // would for anyone who has run a .NET program recently.
            RunChild(Path.Combine(root, "warm-files"));
            for (var i = 0; i < runs; i++)
            {
                var dir = Path.Combine(root, i.ToString(CultureInfo.InvariantCulture));
                var first = RunChild(dir);
                if (first.Phases.FromCache)
                    throw new InvalidOperationException("a fresh cache directory gave a cache hit");
                cold.Add(first);
                var second = RunChild(dir);
                if (!second.Phases.FromCache)
                    throw new InvalidOperationException("the second load missed the cache");
                cached.Add(second);
            }
        }
        finally
        {
            if (Directory.Exists(root))
                Directory.Delete(root, recursive: true);
        }

        Console.WriteLine($"NaCl.toml, run-time compilation in a new process; {runs} runs each; median [min – max] ms");
        Console.WriteLine();
        Console.WriteLine("| phase | cold (empty cache) | cached |");
        Console.WriteLine("|---|---:|---:|");
        Row("whole process (wall clock, incl. .NET start-up)", r => r.Wall);
        Row("Main: everything below", r => r.Phases.Main);
        Row("read + build kernels (Symbolic)", r => r.Phases.Symbolic);
        Row("emit C#", r => r.Phases.Emit);
        Row("KernelLoader.Load", r => r.Phases.Load);
        Row("  of which Roslyn compile (CompileMilliseconds)", r => r.Phases.RoslynCompile);
        Row("  of which read/verify/load image (LoadMilliseconds)", r => r.Phases.ImageLoad);
        Row("Create() + first Na–Cl call (JIT of the kernel)", r => r.Phases.FirstCall);
        return 0;

        void Row(string name, Func<(double Wall, Phases Phases), double> pick) =>
            Console.WriteLine($"| {name} | {Summary(cold.Select(pick))} | {Summary(cached.Select(pick))} |");
    }

    private static string Summary(IEnumerable<double> samples)
    {
        var sorted = samples.OrderBy(x => x).ToArray();
        var median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : 0.5 * (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]);
        return string.Create(CultureInfo.InvariantCulture, $"{median:F1} [{sorted[0]:F1} – {sorted[^1]:F1}]");
    }

    private static (double Wall, Phases Phases) RunChild(string cacheDirectory)
    {
        var info = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        info.FileName = host;
        // Under `dotnet Latent.Benchmarks.dll` the host is dotnet and needs the assembly; the apphost does not.
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            info.ArgumentList.Add(typeof(ColdStart).Assembly.Location);
        info.ArgumentList.Add(Program.ChildCommand);
        info.Environment[CompiledAssemblyCache.DirectoryVariable] = cacheDirectory;

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + host);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        var wall = clock.Elapsed.TotalMilliseconds;
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"child failed ({process.ExitCode}): {stderr.Result}{stdout.Result}");
        var line = stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last();
        return (wall, JsonSerializer.Deserialize<Phases>(line) ?? throw new InvalidOperationException("no report from child"));
    }
}
