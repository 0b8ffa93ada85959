using System.Reflection;
using System.Runtime.Loader;

namespace Latent.Runtime.Compilation;

/// <summary>
/// A collectible load context holding one compiled kernel assembly, named after the potential.
/// Dependencies that are shared with the host (Latent.Runtime, Latent.Symbolic, MathNet.Numerics and
/// any other given assembly) resolve to the host's already-loaded assemblies, so a kernel interface
/// defined in Latent.Runtime is the same type on both sides and kernels cast to it.
/// </summary>
public sealed class CollectibleKernelContext : AssemblyLoadContext
{
    private readonly Dictionary<string, Assembly> shared;

    /// <summary>Creates an empty context; <paramref name="sharedAssemblies"/> are resolved to themselves.</summary>
    public CollectibleKernelContext(string name, IEnumerable<Assembly> sharedAssemblies)
        : base(name, isCollectible: true)
    {
        shared = new Dictionary<string, Assembly>(StringComparer.OrdinalIgnoreCase);
        foreach (var assembly in sharedAssemblies)
        {
            shared.TryAdd(assembly.GetName().Name!, assembly);
        }
    }

    /// <summary>Loads an assembly image (as produced by <see cref="SourceCompiler"/>) into this context.</summary>
    /// <exception cref="BadImageFormatException">The bytes are not a valid assembly.</exception>
    public Assembly LoadImage(byte[] image)
    {
        using var stream = new MemoryStream(image, writable: false);
        return LoadFromStream(stream);
    }

    /// <inheritdoc />
    protected override Assembly? Load(AssemblyName assemblyName)
    {
        // Null defers to the default context, which is where framework assemblies come from anyway.
        return assemblyName.Name is { } simple && shared.TryGetValue(simple, out var assembly) ? assembly : null;
    }
}
