using System.CommandLine;
using System.Text.Json.Nodes;
using Latent.Cli.Output;
using Latent.Runtime.Constraints;
using Latent.Symbolic.Constraints;

namespace Latent.Cli.Commands;

/// <summary>
/// <c>latent check</c>: proves or refutes every constraint of a potential file (the library
/// conditions it switches on and its own), each at every instance of its scope, and says by which
/// route: symbolic, numeric, by construction, or the engine.
/// </summary>
public static class CheckCommand
{
    public static Command Create()
    {
        var potential = new Argument<string>("potential")
        {
            Description = "A shipped potential's name (e.g. NaCl, any case) or the path of a potential file.",
        };
        var json = CommonOptions.Json();
        var threads = CommonOptions.Threads();
        threads.Description = $"Threads each engine solve may use (default: ${CommonOptions.ThreadsVariable}, else every core); the checks run one after another. Results do not depend on it.";
        var command = new Command("check",
            "Check a potential's constraints: exit 0 when all hold, 1 when any fails, 2 when the file cannot be used.")
        {
            potential, json, threads,
        };
        command.SetAction(parse => Run(parse.GetValue(potential)!, parse.GetValue(json), CommonOptions.CheckThreads(parse.GetValue(threads)), parse.InvocationConfiguration.Output));
        return command;
    }

    private static int Run(string potential, bool json, int? threads, TextWriter stdout)
    {
        var results = ConstraintRun.Check(potential, threads);
        var passed = results.All(r => r.Passed);
        if (json)
        {
            JsonOutput.Write(stdout, Json(passed, results));
        }
        else
        {
            WriteText(stdout, potential, results);
        }

        return passed ? ExitCodes.Success : ExitCodes.ConstraintFailed;
    }

    private static JsonObject Json(bool passed, IReadOnlyList<ConstraintResult> results) => new()
    {
        ["passed"] = passed,
        ["constraints"] = new JsonArray(results.Select(r => (JsonNode?)new JsonObject
        {
            ["name"] = r.Name,
            ["instance"] = r.Instance,
            ["kind"] = r.Kind,
            ["route"] = r.Route,
            ["value"] = JsonOutput.Number(r.Value),
            ["target"] = JsonOutput.Number(r.Target),
            ["residual"] = JsonOutput.Number(r.Residual),
            ["tolerance"] = JsonOutput.Number(r.Tolerance),
            ["passed"] = r.Passed,
            ["applicable"] = !r.Outcome.IsNotApplicable,
            ["message"] = r.Message,
        }).ToArray()),
    };

    private static string Cell(double value) => double.IsNaN(value) ? "–" : Numbers.Short(value, 8);

    private static string Status(ConstraintResult r) => r.Outcome.IsPassed ? "pass" : r.Outcome.IsFailed ? "FAIL" : "n/a";

    private static void WriteText(TextWriter stdout, string potential, IReadOnlyList<ConstraintResult> results)
    {
        var table = new TextTable()
            .Column("constraint", rightAligned: false)
            .Column("instance", rightAligned: false)
            .Column("kind", rightAligned: false)
            .Column("route", rightAligned: false)
            .Column("value")
            .Column("target")
            .Column("residual")
            .Column("tolerance")
            .Column("result", rightAligned: false);
        foreach (var r in results)
        {
            table.Row(r.Name, r.Instance, r.Kind, r.Route, Cell(r.Value), Cell(r.Target),
                r.Outcome.IsNotApplicable ? "–" : Numbers.Short(r.Residual, 3), Numbers.Short(r.Tolerance, 3), Status(r));
        }

        table.Write(stdout, Terminal.IsStdout(stdout));
        var failed = results.Where(r => r.Outcome.IsFailed).ToArray();
        var notApplicable = results.Count(r => r.Outcome.IsNotApplicable);
        var names = results.Select(r => r.Name).Distinct().Count();
        stdout.WriteLine();
        stdout.WriteLine($"{potential}: {names} constraints at {results.Count} instances: {results.Count - failed.Length - notApplicable} passed, "
            + $"{failed.Length} failed, {notApplicable} not applicable");
        foreach (var r in failed)
        {
            stdout.WriteLine($"FAIL {r.Name}: {r.Message}");
        }
    }
}
