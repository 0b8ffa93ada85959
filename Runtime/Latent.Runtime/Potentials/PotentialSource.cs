using System.Reflection;
using System.Text;
using Latent.Symbolic.PotentialFile;

namespace Latent.Runtime.Potentials;

/// <summary>
/// The text of a potential, from a shipped name (case-insensitive, from any working directory: the
/// files are embedded in this assembly) or from a path.
/// </summary>
public sealed record PotentialSource(string Name, string DisplayPath, string Text, bool IsShipped)
{
    private const string ResourcePrefix = "Latent.Potentials.";
    private const string Extension = ".toml";

    /// <summary>SHA-256 of the text as UTF-8, lower-case hex: the identity build-time kernels record (see <see cref="SourceHash"/>).</summary>
    public string Sha256 => SourceHash.ofText(Text);

    /// <summary>Names of the potentials shipped with Latent, ordered.</summary>
    public static IReadOnlyList<string> ShippedNames { get; } =
        typeof(PotentialSource).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(Extension, StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..^Extension.Length])
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToArray();

    /// <summary>
    /// A shipped potential by name, or a file by path. An existing file wins over a shipped name, so
    /// a user's ./NaCl.toml is never shadowed; a name with no such file falls back to the shipped one.
    /// </summary>
    /// <exception cref="PotentialLoadException">Neither a readable file nor a shipped potential.</exception>
    public static PotentialSource Resolve(string nameOrPath)
    {
        if (File.Exists(nameOrPath))
        {
            string text;
            try
            {
                text = File.ReadAllText(nameOrPath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new PotentialLoadException($"cannot read '{nameOrPath}': {e.Message}", Array.Empty<PotentialDiagnostic>());
            }
            return new PotentialSource(Path.GetFileNameWithoutExtension(nameOrPath), nameOrPath, text, false);
        }

        var shipped = ShippedNames.FirstOrDefault(n => string.Equals(n, nameOrPath, StringComparison.OrdinalIgnoreCase));
        if (shipped is not null)
        {
            using var stream = typeof(PotentialSource).Assembly.GetManifestResourceStream(ResourcePrefix + shipped + Extension)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return new PotentialSource(shipped, $"{shipped} (shipped: potentials/{shipped}{Extension})", reader.ReadToEnd(), true);
        }

        var looksLikePath = nameOrPath.Contains('/') || nameOrPath.Contains('\\') || nameOrPath.EndsWith(Extension, StringComparison.OrdinalIgnoreCase);
        var message = looksLikePath
            ? $"no potential file at '{nameOrPath}'"
            : $"no potential named '{nameOrPath}': shipped are {string.Join(", ", ShippedNames)}; or give a path to a .toml file";
        throw new PotentialLoadException(message, Array.Empty<PotentialDiagnostic>());
    }
}
