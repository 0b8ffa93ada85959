using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace Latent.Runtime.Compilation;

/// <summary>
/// A compiled kernel assembly loaded into its own collectible context, with where it came from and how
/// long that took. Disposing unloads the context; the memory goes once no kernel object or delegate
/// from it is still referenced.
/// </summary>
public sealed class LoadedKernels : IDisposable
{
    private int unloaded;

    internal LoadedKernels(
        string name,
        Assembly assembly,
        CollectibleKernelContext context,
        string cacheKey,
        bool fromCache,
        double compileMilliseconds,
        double loadMilliseconds,
        IReadOnlyList<KernelDiagnostic> warnings,
        IReadOnlyList<string> cacheMessages)
    {
        Name = name;
        Assembly = assembly;
        Context = context;
        CacheKey = cacheKey;
        FromCache = fromCache;
        CompileMilliseconds = compileMilliseconds;
        LoadMilliseconds = loadMilliseconds;
        Warnings = warnings;
        CacheMessages = cacheMessages;
    }

    /// <summary>The kernel set's name as given to <see cref="KernelLoader"/> (the potential's name).</summary>
    public string Name { get; }

    /// <summary>The loaded assembly.</summary>
    public Assembly Assembly { get; }

    /// <summary>The collectible context holding <see cref="Assembly"/>.</summary>
    public CollectibleKernelContext Context { get; }

    /// <summary>The cache key (SHA-256 hex) of this compilation.</summary>
    public string CacheKey { get; }

    /// <summary>True when the image came from the on-disk cache and Roslyn was not run.</summary>
    public bool FromCache { get; }

    /// <summary>Roslyn parse, bind and emit time; 0 on a cache hit.</summary>
    public double CompileMilliseconds { get; }

    /// <summary>Reading the cache entry (when there was one) plus loading the image into the context.</summary>
    public double LoadMilliseconds { get; }

    /// <summary>Compiler warnings about the sources (empty on a cache hit: they were reported when compiled).</summary>
    public IReadOnlyList<KernelDiagnostic> Warnings { get; }

    /// <summary>Why the cache was not used or not updated (corrupt entry, unwritable directory); empty when all went well.</summary>
    public IReadOnlyList<string> CacheMessages { get; }

    /// <summary>
    /// Finds a type by full name, or by simple name when that is unique (nested types use '+').
    /// Throws with the list of available types when there is no such type.
    /// </summary>
    public Type GetKernelType(string name)
    {
        if (TryGetKernelType(name, out var type))
        {
            return type;
        }

        var available = string.Join(", ", Assembly.GetTypes().Select(t => t.FullName).Order(StringComparer.Ordinal));
        throw new KeyNotFoundException($"The compiled kernels of '{Name}' have no type '{name}'. Available: {available}.");
    }

    /// <summary>Like <see cref="GetKernelType"/> without throwing when the type is missing.</summary>
    /// <exception cref="AmbiguousMatchException">The simple name matches several types.</exception>
    public bool TryGetKernelType(string name, [NotNullWhen(true)] out Type? type)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var types = Assembly.GetTypes();
        type = types.FirstOrDefault(t => t.FullName == name);
        if (type is not null)
        {
            return true;
        }

        var bySimpleName = types.Where(t => t.Name == name).ToList();
        if (bySimpleName.Count > 1)
        {
            throw new AmbiguousMatchException(
                $"'{name}' names several types in the kernels of '{Name}': " +
                string.Join(", ", bySimpleName.Select(t => t.FullName)) + ". Use the full name.");
        }

        type = bySimpleName.SingleOrDefault();
        return type is not null;
    }

    /// <summary>Starts unloading the context (idempotent).</summary>
    public void Unload()
    {
        if (Interlocked.Exchange(ref unloaded, 1) == 0)
        {
            Context.Unload();
        }
    }

    /// <summary>Same as <see cref="Unload"/>.</summary>
    public void Dispose() => Unload();
}
