using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text;

namespace Latent.Runtime.Compilation;

/// <summary>
/// Turns generated kernel source into loaded code: looks the sources up in the on-disk cache, compiles
/// with Roslyn on a miss (storing the result), and loads the assembly into a fresh collectible context.
/// This is what the runtime calls for a potential file a user brings. Safe to use from several threads.
/// </summary>
public sealed class KernelLoader
{
    // One lock per cache entry within this process: threads asking for the same kernels wait for one
    // compilation instead of all running Roslyn. Other processes are covered by the atomic cache write.
    private static readonly ConcurrentDictionary<string, object> EntryLocks = new(StringComparer.Ordinal);

    /// <summary>
    /// Creates a loader. <paramref name="cache"/> defaults to the cache in
    /// <see cref="CompiledAssemblyCache.DefaultDirectory()"/>; pass <see cref="CompiledAssemblyCache.Disabled"/>
    /// for <c>--no-cache</c>. <paramref name="additionalReferences"/> are made available to the generated code
    /// and shared with it by identity (the default references are always included).
    /// </summary>
    public KernelLoader(CompiledAssemblyCache? cache = null, IEnumerable<Assembly>? additionalReferences = null)
    {
        Cache = cache ?? new CompiledAssemblyCache();
        Compiler = new SourceCompiler(additionalReferences);
    }

    /// <summary>The cache used.</summary>
    public CompiledAssemblyCache Cache { get; }

    /// <summary>The compiler used on cache misses.</summary>
    public SourceCompiler Compiler { get; }

    /// <summary>
    /// Loads the kernels <paramref name="sources"/> (file path for diagnostics, C# text) as the kernel set
    /// <paramref name="name"/>. <paramref name="extraKey"/> joins the cache key (e.g. the emitter version).
    /// </summary>
    /// <exception cref="KernelCompilationException">The sources do not compile; the diagnostics say where.</exception>
    public LoadedKernels Load(string name, IReadOnlyList<(string Path, string Text)> sources, string extraKey)
    {
        var outcome = LoadOrDiagnose(name, sources, extraKey);
        return outcome.Kernels ?? throw new KernelCompilationException(name, outcome.Diagnostics);
    }

    /// <summary>
    /// Loads kernels whose sources are a deterministic function of <paramref name="keySources"/> (for
    /// example generated from a potential file): the cache key is computed from those, and
    /// <paramref name="generate"/> runs only on a cache miss, so a hit costs no code generation.
    /// <paramref name="extraKey"/> must name everything else the generated text depends on (the emitter).
    /// </summary>
    /// <exception cref="KernelCompilationException">The generated sources do not compile.</exception>
    public LoadedKernels Load(
        string name,
        IReadOnlyList<(string Path, string Text)> keySources,
        Func<IReadOnlyList<(string Path, string Text)>> generate,
        string extraKey)
    {
        Validate(name, keySources, extraKey);
        var assemblyName = AssemblyNameFor(name);
        var key = KernelCacheKey.Compute(assemblyName, keySources, Compiler.ExplicitReferences, "generated:" + extraKey);
        var lazySources = new Lazy<IReadOnlyList<(string Path, string Text)>>(generate);
        (LoadedKernels? Kernels, IReadOnlyList<KernelDiagnostic> Diagnostics) outcome;
        if (!Cache.IsEnabled)
        {
            outcome = LoadUncached(name, assemblyName, lazySources.Value, key);
        }
        else
        {
            lock (EntryLocks.GetOrAdd(Cache.EntryPath(key), _ => new object()))
            {
                outcome = LoadCached(name, assemblyName, lazySources, key);
            }
        }

        return outcome.Kernels ?? throw new KernelCompilationException(name, outcome.Diagnostics);
    }

    /// <summary>
    /// Like <see cref="Load(string, IReadOnlyList{ValueTuple{string, string}}, string)"/>, but returns false with the diagnostics when the sources do not compile.
    /// </summary>
    public bool TryLoad(
        string name,
        IReadOnlyList<(string Path, string Text)> sources,
        string extraKey,
        [NotNullWhen(true)] out LoadedKernels? kernels,
        out IReadOnlyList<KernelDiagnostic> diagnostics)
    {
        var outcome = LoadOrDiagnose(name, sources, extraKey);
        kernels = outcome.Kernels;
        diagnostics = outcome.Diagnostics;
        return kernels is not null;
    }

    /// <summary>
    /// The assembly name used for kernel set <paramref name="name"/>: <c>Latent.Kernels.</c> followed by the
    /// name with everything but letters, digits, '_' and '.' replaced by '_'.
    /// </summary>
    public static string AssemblyNameFor(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var safe = new StringBuilder("Latent.Kernels.");
        foreach (var c in name.Trim())
        {
            safe.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' ? c : '_');
        }

        return safe.ToString();
    }

    private (LoadedKernels? Kernels, IReadOnlyList<KernelDiagnostic> Diagnostics) LoadOrDiagnose(
        string name, IReadOnlyList<(string Path, string Text)> sources, string extraKey)
    {
        Validate(name, sources, extraKey);
        var assemblyName = AssemblyNameFor(name);
        var key = KernelCacheKey.Compute(assemblyName, sources, Compiler.ExplicitReferences, extraKey);
        if (!Cache.IsEnabled)
        {
            return LoadUncached(name, assemblyName, sources, key);
        }

        lock (EntryLocks.GetOrAdd(Cache.EntryPath(key), _ => new object()))
        {
            return LoadCached(name, assemblyName, new Lazy<IReadOnlyList<(string Path, string Text)>>(sources), key);
        }
    }

    private (LoadedKernels?, IReadOnlyList<KernelDiagnostic>) LoadCached(
        string name, string assemblyName, Lazy<IReadOnlyList<(string Path, string Text)>> sources, string key)
    {
        var messages = new List<string>();
        var clock = Stopwatch.StartNew();
        var lookup = Cache.TryRead(key);
        if (lookup is { Status: CacheLookupStatus.Hit, Image: { } cached })
        {
            var context = NewContext(name);
            try
            {
                var assembly = context.LoadImage(cached);
                return (new LoadedKernels(name, assembly, context, key, fromCache: true, 0,
                    clock.Elapsed.TotalMilliseconds, [], messages), []);
            }
            catch (BadImageFormatException e)
            {
                // The checksum matched but the bytes are no assembly: written by something else. Recompile.
                context.Unload();
                messages.Add($"cache entry {Cache.EntryPath(key)} is not a loadable assembly ({e.Message}); recompiled");
            }
        }
        else if (lookup.Status == CacheLookupStatus.Invalid)
        {
            messages.Add($"{lookup.Problem}; recompiled");
        }

        var compiled = Compiler.Compile(assemblyName, sources.Value);
        if (compiled.Image is not { } image)
        {
            return (null, compiled.Diagnostics);
        }

        if (!Cache.TryWrite(key, image, out var problem))
        {
            messages.Add(problem!);
        }

        return (LoadImage(name, image, key, compiled, messages), compiled.Diagnostics);
    }

    private (LoadedKernels?, IReadOnlyList<KernelDiagnostic>) LoadUncached(
        string name, string assemblyName, IReadOnlyList<(string Path, string Text)> sources, string key)
    {
        var compiled = Compiler.Compile(assemblyName, sources);
        return compiled.Image is { } image
            ? (LoadImage(name, image, key, compiled, []), compiled.Diagnostics)
            : (null, compiled.Diagnostics);
    }

    private LoadedKernels LoadImage(
        string name, byte[] image, string key, SourceCompilationResult compiled, IReadOnlyList<string> messages)
    {
        var clock = Stopwatch.StartNew();
        var context = NewContext(name);
        var assembly = context.LoadImage(image);
        return new LoadedKernels(name, assembly, context, key, fromCache: false, compiled.ElapsedMilliseconds,
            clock.Elapsed.TotalMilliseconds, compiled.Diagnostics, messages);
    }

    private CollectibleKernelContext NewContext(string name) => new(name, Compiler.ExplicitReferences);

    private static void Validate(string name, IReadOnlyList<(string Path, string Text)> sources, string extraKey)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("A kernel set needs a non-empty name (the potential's name).", nameof(name));
        }

        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(extraKey);
        if (sources.Count == 0)
        {
            throw new ArgumentException($"No source files were given for the kernels of '{name}'.", nameof(sources));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, text) in sources)
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                throw new ArgumentException($"A source file of '{name}' has no path; diagnostics need one.", nameof(sources));
            }

            if (text is null)
            {
                throw new ArgumentException($"Source file '{path}' of '{name}' has no text.", nameof(sources));
            }

            if (!seen.Add(path))
            {
                throw new ArgumentException($"Source file '{path}' is given twice for '{name}'.", nameof(sources));
            }
        }
    }
}
