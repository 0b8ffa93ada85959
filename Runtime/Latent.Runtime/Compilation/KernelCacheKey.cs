using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace Latent.Runtime.Compilation;

/// <summary>
/// The cache key of a compiled kernel assembly: SHA-256 (lower-case hex) over everything that
/// changes the compiled bytes or their meaning.
/// </summary>
public static class KernelCacheKey
{
    // Bump when the key layout or the compiler settings in SourceCompiler change.
    private const string Layout = "latent-kernel-cache/1";

    /// <summary>Latent.Runtime's informational version, the Roslyn version and the .NET runtime version.</summary>
    public static string ToolVersion { get; } =
        $"Latent.Runtime {SourceCompiler.InformationalVersion(typeof(KernelCacheKey).Assembly)}; " +
        $"Roslyn {SourceCompiler.RoslynVersion}; .NET {Environment.Version}";

    /// <summary>
    /// Computes the key from the assembly name, the sources (paths and texts, in order), the explicitly
    /// referenced assemblies and a caller-supplied <paramref name="extraKey"/> (such as the emitter version).
    /// </summary>
    /// <remarks>
    /// References enter with their full name and module version id: builds here are deterministic, so the
    /// MVID changes exactly when an assembly's content does. That keeps a development build of
    /// Latent.Runtime with a changed kernel interface from reusing kernels compiled against the old one,
    /// which the informational version alone would not notice between commits.
    /// </remarks>
    public static string Compute(
        string assemblyName,
        IReadOnlyList<(string Path, string Text)> sources,
        IEnumerable<Assembly> references,
        string extraKey)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string field)
        {
            // Length-prefixed so that no two different field lists hash the same bytes.
            var bytes = Encoding.UTF8.GetBytes(field);
            hash.AppendData(BitConverter.GetBytes((long)bytes.Length));
            hash.AppendData(bytes);
        }

        Add(Layout);
        Add(ToolVersion);
        Add(assemblyName);
        Add(extraKey);
        foreach (var reference in references.OrderBy(a => a.FullName, StringComparer.Ordinal))
        {
            Add(reference.FullName ?? "");
            Add(reference.ManifestModule.ModuleVersionId.ToString("N"));
        }

        Add(sources.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (path, text) in sources)
        {
            Add(path);
            Add(text);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
