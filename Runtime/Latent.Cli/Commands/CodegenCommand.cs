using System.CommandLine;
using System.Text.Json.Nodes;
using Latent.Cli.Output;
using Latent.Emit.Cpp;
using Latent.Runtime.Potentials;

namespace Latent.Cli.Commands;

/// <summary><c>latent codegen</c>: writes the code generated for a potential. C# (the default) is
/// exactly what the build-time generator compiles for shipped potentials and what run-time
/// compilation compiles for any other file; C++ (<c>--lang cpp</c>) is the header and source the LAMMPS
/// pair style compiles, with the contract header they include.</summary>
public static class CodegenCommand
{
    public static Command Create()
    {
        var potential = new Argument<string>("potential")
        {
            Description = "A shipped potential's name (e.g. NaCl, any case) or the path of a potential file.",
        };
        var output = new Option<string>("--output", "-o")
        {
            Description = "Directory to write the generated files into (created if missing).",
            Required = true,
        };
        var language = new Option<string>("--lang")
        {
            Description = "csharp (the .NET engine's kernels) or cpp (the kernels and description for the LAMMPS pair style).",
            DefaultValueFactory = _ => CSharp,
        };
        language.AcceptOnlyFromAmong(CSharp, Cpp);
        var json = CommonOptions.Json();
        var command = new Command("codegen", "Write the C# or C++ kernels generated for a potential.")
        {
            potential, output, language, json,
        };
        command.SetAction(parse => Run(parse.GetValue(potential)!, parse.GetValue(output)!, parse.GetValue(language)!, parse.GetValue(json), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    private const string CSharp = "csharp";
    private const string Cpp = "cpp";

    private static int Run(string nameOrPath, string directory, string language, bool json, TextWriter stdout, TextWriter stderr)
    {
        PotentialSource source;
        IReadOnlyList<Latent.Emit.GeneratedSource> files;
        try
        {
            source = PotentialSource.Resolve(nameOrPath);
            files = language == Cpp
                ? [.. CppPotentialEmitter.Emit(PotentialLoader.BuildKernelSet(source), source.Sha256), CppPotentialEmitter.ContractHeader]
                : PotentialLoader.Generate(source);
        }
        catch (PotentialLoadException error)
        {
            return PotentialErrorReporter.Report(error, stderr);
        }

        if (File.Exists(directory))
        {
            throw new UserError($"'{directory}' is a file; --output needs a directory");
        }

        var written = new List<(string Path, int Lines)>();
        foreach (var file in files)
        {
            var path = Path.Combine(directory, file.HintName);
            AtomicFile.WriteAllText(path, file.Text);
            written.Add((path, file.Text.Count(c => c == '\n')));
        }

        if (json)
        {
            JsonOutput.Write(stdout, new JsonObject
            {
                ["potential"] = source.Name,
                ["language"] = language,
                ["sourceHash"] = source.Sha256,
                ["files"] = new JsonArray(written.Select(w => (JsonNode?)new JsonObject { ["path"] = w.Path, ["lines"] = w.Lines }).ToArray()),
            });
        }
        else
        {
            stdout.WriteLine($"{source.Name}: {written.Count} files, {written.Sum(w => w.Lines)} lines of {(language == Cpp ? "C++" : "C#")} in {directory}");
            foreach (var (path, lines) in written)
            {
                stdout.WriteLine($"  {Path.GetFileName(path),-32} {lines,6} lines");
            }
        }

        return ExitCodes.Success;
    }
}
