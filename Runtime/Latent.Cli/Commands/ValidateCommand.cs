using System.CommandLine;
using Latent.Cli.Output;
using Latent.Cli.Validate;

namespace Latent.Cli.Commands;

/// <summary>
/// <c>latent validate</c>: measures every shipped potential against experiment (the fit's own measurements, plus
/// relaxed defects and surfaces), pulls its dimer apart, draws its isolated atoms' E(q) against the exact line and its
/// crystals' energy against volume, and writes it all into the validation page's marked section and PNG plots.
/// </summary>
public static class ValidateCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out", "-o")
        {
            Description = $"The page whose lines between {MarkedSection.Validate.Begin} and {MarkedSection.Validate.End} the command replaces.",
            DefaultValueFactory = _ => Path.Combine("docs", "validation.md"),
        };
        var plots = new Option<string>("--plots")
        {
            Description = "Folder the PNG plots are written to (the page links them relative to itself).",
            DefaultValueFactory = _ => Path.Combine("docs", "validation"),
        };
        var potentialsFolder = new Option<string>("--potentials")
        {
            Description = "Folder of the potential files, where the targets file a [fitted] record names is found.",
            DefaultValueFactory = _ => "potentials",
        };
        var json = CommonOptions.Json();
        var threads = CommonOptions.Threads();
        var command = new Command("validate", "Compare the shipped potentials with experiment and regenerate the validation page (docs/validation.md) and its plots.")
        {
            output, plots, potentialsFolder, json, threads,
        };
        command.SetAction(parse => Run(parse.GetValue(output)!, parse.GetValue(plots)!, parse.GetValue(potentialsFolder)!, parse.GetValue(json),
            CommonOptions.CheckThreads(parse.GetValue(threads)), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string output, string plots, string potentialsFolder, bool json, int? threads, TextWriter stdout, TextWriter stderr)
    {
        // The page is checked before the work, so a run does not end in a missing marker.
        MarkedSection.Read(output, "--out", MarkedSection.Validate);
        if (File.Exists(plots))
            throw new UserError($"--plots {plots} is a file; give the folder the PNG plots go in");
        var experiment = ExperimentalData.Shipped;
        var potentials = ShippedPotentials.All;
        var results = LiveProgress.Run(stderr, show: !json, ValidationRun.Steps(potentials),
            report => ValidationRun.Run(potentials, experiment, potentialsFolder, report, threads));
        var written = ValidationPlots.WriteAll(results, experiment, plots);
        // Read again: the page may have been edited while the potentials were measured.
        var page = MarkedSection.Read(output, "--out", MarkedSection.Validate);
        var link = Path.GetRelativePath(Path.GetDirectoryName(Path.GetFullPath(output))!, Path.GetFullPath(plots)).Replace('\\', '/');
        page.Write(ValidationPage.Section(results, experiment, link == "." ? "" : link, page.Newline));

        if (json)
        {
            JsonOutput.Write(stdout, ValidationJson.Of(results, output, written));
        }
        else
        {
            var terminal = Terminal.IsStdout(stdout);
            foreach (var table in ValidationTables.All(results, experiment))
                table.WriteText(stdout, terminal);
            stdout.WriteLine($"wrote the validation section of {output} and {written.Count} plots in {plots}");
        }

        var missed = results.SelectMany(p => p.Missed.Select(r => $"{p.Name} {r.Definition.Label}")).ToArray();
        if (missed.Length == 0)
            return ExitCodes.Success;
        stderr.WriteLine($"latent: {missed.Length} goal(s) missed: {string.Join("; ", missed)}");
        return ExitCodes.NotConverged;
    }
}
