using System.Globalization;
using System.Reflection;
using System.Text;
using Latent.Cli.Output;
using Latent.Emit;
using Latent.Emit.Cpp;
using Latent.Runtime.Kernels;
using Latent.Runtime.Potentials;

namespace Latent.Cli.Export;

/// <summary>
/// The directory <c>latent export lammps</c> writes: the pair style's sources, the LAMMPS header stand-ins, the
/// lmp-latent driver and the CMake project (LammpsPairStyle/ of the repository, carried in this assembly as
/// embedded resources so an installed tool can write them), the potential's generated C++ kernels, the registry
/// that lets pair_coeff name the potential, and example/in.latent filled in for the potential (docs/scale.md).
/// </summary>
public static class LammpsProject
{
    /// <summary>Where the pair style's files are among this assembly's resources (LammpsPairStyle/ in the repository).</summary>
    private const string ResourcePrefix = "LammpsPairStyle/";

    /// <summary>The example input's template (placeholders @POTENTIAL@, @ELEMENTS@, @WEIGHTS@), written as example/in.latent.</summary>
    private const string ExampleTemplate = "example/in.latent.in";

    /// <summary>
    /// Every file of the project for the potential read from <paramref name="source"/> (<paramref name="kernels"/> are
    /// its loaded kernels): its C++ kernels emitted from the same straight-line programs as the C# ones.
    /// </summary>
    public static IReadOnlyList<(string Path, string Text)> Files(PotentialSource source, PotentialKernels kernels) =>
        Files(kernels, CppPotentialEmitter.Emit(PotentialLoader.BuildKernelSet(source), source.Sha256));

    /// <summary>Every file of the project, by path relative to its directory.</summary>
    /// <param name="kernels">The potential, for its name, elements and state counts.</param>
    /// <param name="generated">The potential's C++ kernels (<see cref="CppPotentialEmitter.Emit"/>).</param>
    public static IReadOnlyList<(string Path, string Text)> Files(PotentialKernels kernels, IReadOnlyList<GeneratedSource> generated)
    {
        var files = new List<(string, string)>();
        var assembly = typeof(LammpsProject).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var path = name[ResourcePrefix.Length..];
            var text = Read(assembly, name);
            if (path == ExampleTemplate)
                files.Add(("example/in.latent", Example(text, kernels)));
            else
                files.Add((path, text));
        }

        if (!files.Any(f => f.Item1 == "src/pair_latent.cpp"))
            throw new InvalidOperationException("this build of latent carries no pair_style latent sources (the LammpsPairStyle resources are missing)");
        foreach (var source in generated)
            files.Add(($"generated/{source.HintName}", source.Text));
        files.Add(("generated/potential_registry.cpp", Registry(kernels)));
        return files;
    }

    /// <summary>
    /// Writes the project into <paramref name="directory"/> whole or not at all: into a sibling temporary directory,
    /// then renamed. A directory that holds an earlier export is replaced; any other non-empty one is refused.
    /// </summary>
    /// <exception cref="UserError">The directory is a file, or holds something other than an earlier export.</exception>
    public static void Write(string directory, IReadOnlyList<(string Path, string Text)> files)
    {
        var target = Path.GetFullPath(directory);
        if (File.Exists(target))
            throw new UserError($"'{directory}' is a file; -o names the directory to write the LAMMPS project into");
        var earlier = Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any();
        if (earlier && !File.Exists(Path.Combine(target, "src", "pair_latent.cpp")))
            throw new UserError($"'{directory}' is not empty and holds no earlier export of pair_style latent; name a new directory or empty it");

        var parent = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(parent);
        var temporary = Path.Combine(parent, $".{Path.GetFileName(target)}.partial-{Guid.NewGuid():N}");
        try
        {
            foreach (var (path, text) in files)
            {
                var full = Path.Combine(temporary, path);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.WriteAllText(full, text);
            }

            if (Directory.Exists(target))
            {
                // An earlier export (or an empty directory) is moved aside first, so the new one appears in one rename.
                var aside = Path.Combine(parent, $".{Path.GetFileName(target)}.old-{Guid.NewGuid():N}");
                Directory.Move(target, aside);
                Directory.Move(temporary, target);
                Directory.Delete(aside, recursive: true);
            }
            else
            {
                Directory.Move(temporary, target);
            }
        }
        finally
        {
            if (Directory.Exists(temporary))
                Directory.Delete(temporary, recursive: true);
        }
    }

    /// <summary>The most states of an element: how many per-atom weights (d_latent_w1 …) the pair style keeps.</summary>
    public static int WeightColumns(PotentialKernels kernels) => kernels.Elements.Max(e => e.States.Count);

    private static string Example(string template, PotentialKernels kernels)
    {
        var weights = string.Join(' ', Enumerable.Range(1, WeightColumns(kernels)).Select(k => $"d_latent_w{k}"));
        return template
            .Replace("@POTENTIAL@", kernels.Name, StringComparison.Ordinal)
            .Replace("@ELEMENTS@", string.Join(' ', kernels.Elements.Select(e => e.Symbol)), StringComparison.Ordinal)
            .Replace("@WEIGHTS@", weights, StringComparison.Ordinal);
    }

    private static string Registry(PotentialKernels kernels)
    {
        var function = CppPotentialEmitter.FunctionName(kernels.Name);
        var name = CppString(kernels.Name);
        var text = new StringBuilder();
        text.Append("// Written by `latent export lammps`: the potentials compiled into this build, for pair_coeff to name.\n");
        text.Append("#include \"potential_registry.h\"\n\n");
        text.Append(CultureInfo.InvariantCulture, $"#include \"{CppPotentialEmitter.HeaderName(kernels.Name)}\"\n\n");
        text.Append("namespace latent {\n\n");
        text.Append("const PotentialDescription *find_potential(const std::string &name) {\n");
        text.Append(CultureInfo.InvariantCulture, $"  if (name == {name}) return &generated::{function}();\n");
        text.Append("  return nullptr;\n}\n\n");
        text.Append(CultureInfo.InvariantCulture, $"std::string potential_names() {{ return {name}; }}\n\n");
        text.Append("}  // namespace latent\n");
        return text.ToString();
    }

    /// <summary>A C++ string literal of a potential's name (letters, digits, '-', '_' and '.', but escaped all the same).</summary>
    private static string CppString(string text)
    {
        var literal = new StringBuilder("\"");
        foreach (var c in text)
        {
            if (c is '"' or '\\')
                literal.Append('\\');
            literal.Append(c);
        }

        return literal.Append('"').ToString();
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
