using System.CommandLine;
using System.Text.Json.Nodes;
using Latent.Cli.Output;
using Latent.Runtime.Potentials;

namespace Latent.Cli.Commands;

/// <summary><c>latent codegen</c>: writes the C# generated for a potential, for inspection. The
/// text is exactly what the build-time generator compiles for shipped potentials and what run-time
/// compilation compiles for any other file.</summary>
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
        var json = CommonOptions.Json();
        var command = new Command("codegen", "Write the C# kernels generated for a potential.")
        {
            potential, output, json,
        };
        command.SetAction(parse => Run(parse.GetValue(potential)!, parse.GetValue(output)!, parse.GetValue(json), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string nameOrPath, string directory, bool json, TextWriter stdout, TextWriter stderr)
    {
        PotentialSource source;
        IReadOnlyList<Latent.Emit.GeneratedSource> files;
        try
        {
            source = PotentialSource.Resolve(nameOrPath);
            files = PotentialLoader.Generate(source);
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
                ["sourceHash"] = source.Sha256,
                ["files"] = new JsonArray(written.Select(w => (JsonNode?)new JsonObject { ["path"] = w.Path, ["lines"] = w.Lines }).ToArray()),
            });
        }
        else
        {
            stdout.WriteLine($"{source.Name}: {written.Count} files, {written.Sum(w => w.Lines)} lines of C# in {directory}");
            foreach (var (path, lines) in written)
            {
                stdout.WriteLine($"  {Path.GetFileName(path),-32} {lines,6} lines");
            }
        }

        return ExitCodes.Success;
    }
}
