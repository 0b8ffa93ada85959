using System.CommandLine;
using Latent.Cli.Fit;
using Latent.Cli.Output;
using Latent.Runtime.Fitting;
using Latent.Runtime.Fitting.Targets;
using Latent.Runtime.Potentials;

namespace Latent.Cli.Commands;

/// <summary><c>latent fit</c>: fits the parameters a potential file's [fitting] table names to the targets of a
/// targets file (docs/fitting.md), and writes the fitted potential with a [fitted] record.</summary>
public static class FitCommand
{
    public static Command Create()
    {
        var potential = new Argument<string>("potential") { Description = "Potential to fit: a shipped name (NaCl) or a .toml file." };
        var targets = new Option<string>("--targets") { Description = "Targets file (TOML, docs/fitting.md).", Required = true };
        var output = new Option<string?>("--output", "-o") { Description = "Where to write the fitted potential (default: <name>.fitted.toml in the current directory)." };
        var json = CommonOptions.Json();
        var threads = CommonOptions.Threads();
        threads.Description = $"Threads each engine solve of a target or an exact condition may use (default: ${CommonOptions.ThreadsVariable}, else every core); the structures are measured one after another. Results do not depend on it.";
        var command = new Command("fit", "Fit a potential's [fitting] parameters to experimental or reference targets (Levenberg–Marquardt, exact gradients, exact conditions kept).")
        {
            potential, targets, output, json, threads,
        };
        command.SetAction(parse => Run(
            parse.GetValue(potential)!,
            parse.GetValue(targets)!,
            parse.GetValue(output),
            parse.GetValue(json),
            CommonOptions.CheckThreads(parse.GetValue(threads)),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string potentialName, string targetsPath, string? outputPath, bool json, int? threads, TextWriter stdout, TextWriter stderr)
    {
        TargetsFile targets;
        try
        {
            targets = TargetsReader.ReadFile(targetsPath);
        }
        catch (TargetsFileException e)
        {
            throw Located(e.Text, e.Path, e.Line, e.Column, e.Message);
        }

        var source = PotentialSource.Resolve(potentialName);
        var parameterized = new ParameterizedPotential(source);
        FitProblem problem;
        try
        {
            problem = new FitProblem(parameterized, targets, ParameterResponses.Analytic) { Threads = threads };
        }
        catch (FitSetupException e)
        {
            throw e.Line is { } line ? Located(targets.Text, targets.Path, line, 1, e.Message) : new UserError(e.Message);
        }

        var path = outputPath ?? $"{parameterized.Model.Name}.fitted.toml";
        FitResult result;
        try
        {
            result = LiveProgress.Run(stderr, show: !json, 1, report => Fitter.Run(problem, new Progress(report)));
        }
        catch (FitSetupException e)
        {
            throw new UserError(e.Message);
        }

        if (!result.Converged)
        {
            Write(stdout, json, problem, result, null);
            throw new UserError($"the fit did not converge: {result.ExitReason}; nothing written (raise max_iterations in [fit], loosen the tolerances, or add starts)");
        }

        var text = FittedFile.Text(problem, result, DateTimeOffset.UtcNow, path);
        FittedFile.Validate(text, path, parameterized.Model.Name);
        AtomicFile.WriteAllText(path, text);
        Write(stdout, json, problem, result, path);
        var missed = result.Missed(targets).ToArray();
        if (missed.Length > 0)
        {
            stderr.WriteLine($"latent: {missed.Length} target(s) miss their tolerance: {string.Join(", ", missed.Select(m => m.Target.Label))}");
            return ExitCodes.NotConverged;
        }

        return ExitCodes.Success;
    }

    private static void Write(TextWriter stdout, bool json, FitProblem problem, FitResult result, string? written)
    {
        if (json)
            JsonOutput.Write(stdout, FitReport.Json(problem, result, written));
        else
            FitReport.WriteText(stdout, problem, result, written);
    }

    private static UserError Located(string text, string path, int line, int column, string message) =>
        line > 0 ? new UserError(message, new SourceLocation(text, line, Math.Max(column, 1), path)) : new UserError($"{path}: {message}");

    /// <summary>Turns the fit's evaluations into the progress bar's status line.</summary>
    private sealed class Progress(Action<double, string> report) : IProgress<FitProgress>
    {
        public void Report(FitProgress value) =>
            report(0, value.Rejected is null
                ? $"start {value.Start}/{value.Starts}, evaluation {value.Evaluation}: cost {value.Cost:G4} (best {value.BestCost:G4})"
                : $"start {value.Start}/{value.Starts}, evaluation {value.Evaluation}: step rejected");
    }
}
