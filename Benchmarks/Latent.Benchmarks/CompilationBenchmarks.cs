using BenchmarkDotNet.Attributes;
using Latent.Runtime.Compilation;
using Latent.Symbolic.Kernels;

namespace Latent.Benchmarks;

/// <summary>
/// Run-time compilation of NaCl.toml inside one benchmark process. Roslyn is warm here (BenchmarkDotNet
/// runs warm-up iterations first), so "compile" is the steady-state cost of a further compilation, not
/// the first compile of a process; that one, and whole-process cold and cached loads, are measured by the
/// <c>cold</c> command (<see cref="ColdStart"/>). Every compile uses a new cache directory and a new
/// loader, every cached load a new loader on a filled directory, and every loaded context is unloaded.
/// </summary>
[MemoryDiagnoser]
public class CompilationBenchmarks
{
    private string root = "";
    private string filledCache = "";
    private string text = "";
    private KernelSet set = null!;
    private IReadOnlyList<(string Path, string Text)> sources = [];

    [GlobalSetup]
    public void Setup()
    {
        root = Path.Combine(Path.GetTempPath(), "latent-bench", Guid.NewGuid().ToString("N"));
        text = NaClPair.Text();
        set = NaClPair.Kernels(text);
        sources = NaClPair.Sources(text, set, ColdStart.Namespace);
        filledCache = Path.Combine(root, "filled");
        using var first = new KernelLoader(new CompiledAssemblyCache(filledCache)).Load(set.Name, sources, ColdStart.ExtraKey);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (Directory.Exists(root))
            Directory.Delete(root, recursive: true);
    }

    [Benchmark(Description = "read + build kernels (Symbolic)")]
    public int Symbolic() => NaClPair.Kernels(text).Pairs.Length;

    [Benchmark(Description = "emit C# (PotentialEmitter)")]
    public int Emit() => NaClPair.Sources(text, set, ColdStart.Namespace).Count;

    [Benchmark(Description = "compile + cache write + load (warm Roslyn)")]
    public bool Compile()
    {
        var cache = new CompiledAssemblyCache(Path.Combine(root, Guid.NewGuid().ToString("N")));
        using var kernels = new KernelLoader(cache).Load(set.Name, sources, ColdStart.ExtraKey);
        return kernels.FromCache;
    }

    [Benchmark(Description = "cached load (new loader, filled cache)")]
    public bool CachedLoad()
    {
        using var kernels = new KernelLoader(new CompiledAssemblyCache(filledCache)).Load(set.Name, sources, ColdStart.ExtraKey);
        if (!kernels.FromCache)
            throw new InvalidOperationException("expected a cache hit");
        return kernels.FromCache;
    }
}
