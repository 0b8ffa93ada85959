using System.Globalization;
using System.Text.Json.Nodes;
using Latent.Cli.Output;
using Latent.Runtime.Fitting;
using Latent.Runtime.Fitting.Targets;

namespace Latent.Cli.Fit;

/// <summary><c>latent fit</c>'s final tables (parameters; target, value, deviation, tolerance, weight, residual) and their JSON form.</summary>
public static class FitReport
{
    /// <summary>Writes the parameter and target tables.</summary>
    public static void WriteText(TextWriter output, FitProblem problem, FitResult result, string? written)
    {
        var terminal = Terminal.IsStdout(output);
        var targets = problem.Targets;
        output.WriteLine($"fit of {problem.Potential.Model.Name} to {targets.Path}: {targets.Targets.Count} targets, {problem.ResidualCount} residuals, {result.Parameters.Count} parameters");
        output.WriteLine($"gradients: {(result.Method == GradientMethod.Analytic ? "analytic (parameter-gradient kernels and the implicit-function theorem)" : "central differences in every parameter (asked for in [fit])")}");
        output.WriteLine($"{(result.Converged ? "converged" : "NOT converged")}: {result.ExitReason}, after {result.Iterations} iterations ({result.Evaluations} evaluations, start {result.StartIndex} of {targets.Settings.Starts}); cost {Format(result.Initial.Cost)} -> {Format(result.Final.Cost)}");
        if (result.Rejections.Count > 0)
            output.WriteLine($"{result.Rejections.Count} trial steps rejected (first: {result.Rejections[0]})");
        output.WriteLine();

        var parameters = new TextTable().Column("parameter", false).Column("start").Column("fitted").Column("change").Column("bounds", false);
        for (var j = 0; j < result.Parameters.Count; j++)
        {
            var change = result.Start[j] == 0 ? "" : $"{Numbers.Signed((result.Best[j] / result.Start[j] - 1) * 100, 2)}%";
            parameters.Row(result.Parameters[j], Format(result.Start[j]), Format(result.Best[j]), change, $"[{Format(problem.Lower[j])}, {Format(problem.Upper[j])}]");
        }

        parameters.Write(output, terminal);
        output.WriteLine();

        var table = new TextTable().Column("target", false).Column("unit", false).Column("wanted").Column("fitted").Column("deviation").Column("tolerance").Column("met", false).Column("weight").Column("residual");
        var row = 0;
        for (var t = 0; t < targets.Targets.Count; t++)
        {
            var target = targets.Targets[t];
            var values = result.Final.Values[t];
            var deviation = FitResult.Deviation(target, values);
            var residual = Math.Sqrt(Enumerable.Range(row, target.Count).Sum(k => result.Final.Residuals[k] * result.Final.Residuals[k]));
            row += target.Count;
            var met = target.Tolerance is { } tol ? deviation <= tol ? "yes" : "NO" : "";
            var wanted = target.Count == 1 ? Format(target.Values[0]) : $"{target.Count} values";
            var fitted = target.Count == 1 ? Format(values[0]) : $"max |dev| {Format(deviation)}";
            var signed = target.Count == 1 ? values[0] - target.Values[0] : deviation;
            var relative = target.Count == 1 && target.Values[0] != 0 ? $" ({Numbers.Signed(signed / Math.Abs(target.Values[0]) * 100, 2)}%)" : "";
            table.Row(target.Label, target.Property.Quantity.Canonical, wanted, fitted, Format(signed) + relative, target.ToleranceText ?? "", met, Format(target.Weight), Format(residual));
        }

        table.Write(output, terminal);
        var broken = result.Constraints.Count(c => c.Outcome.IsFailed);
        var passed = result.Constraints.Count(c => c.Outcome.IsPassed);
        output.WriteLine();
        var allowed = result.Constraints.Where(c => c.Outcome.IsFailed).Select(c => c.Name).Distinct().ToArray();
        output.WriteLine(broken == 0
            ? $"exact conditions at the fitted values: {passed} passed, 0 failed"
            : $"exact conditions at the fitted values: {passed} passed, {broken} failed, all of them in the targets file's allow_broken ({string.Join(", ", allowed)})");
        if (written is not null)
            output.WriteLine($"wrote {written}");
    }

    /// <summary>The same as JSON.</summary>
    public static JsonObject Json(FitProblem problem, FitResult result, string? written)
    {
        var targets = problem.Targets;
        var parameters = new JsonArray();
        for (var j = 0; j < result.Parameters.Count; j++)
        {
            parameters.Add(new JsonObject
            {
                ["name"] = result.Parameters[j],
                ["start"] = JsonOutput.Number(result.Start[j]),
                ["fitted"] = JsonOutput.Number(result.Best[j]),
                ["lower"] = JsonOutput.Number(problem.Lower[j]),
                ["upper"] = JsonOutput.Number(problem.Upper[j]),
            });
        }

        var rows = new JsonArray();
        for (var t = 0; t < targets.Targets.Count; t++)
        {
            var target = targets.Targets[t];
            var deviation = FitResult.Deviation(target, result.Final.Values[t]);
            rows.Add(new JsonObject
            {
                ["label"] = target.Label,
                ["structure"] = target.Structure.Name,
                ["property"] = target.Property.Name,
                ["unit"] = target.Property.Quantity.Canonical,
                ["target"] = new JsonArray(target.Values.Select(v => (JsonNode?)JsonOutput.Number(v)).ToArray()),
                ["value"] = new JsonArray(result.Final.Values[t].Select(v => (JsonNode?)JsonOutput.Number(v)).ToArray()),
                ["initial"] = new JsonArray(result.Initial.Values[t].Select(v => (JsonNode?)JsonOutput.Number(v)).ToArray()),
                ["deviation"] = JsonOutput.Number(deviation),
                ["tolerance"] = target.Tolerance is { } tol ? JsonOutput.Number(tol) : null,
                ["met"] = target.Tolerance is { } t2 ? deviation <= t2 : null,
                ["weight"] = JsonOutput.Number(target.Weight),
            });
        }

        return new JsonObject
        {
            ["potential"] = problem.Potential.Model.Name,
            ["targets_file"] = targets.Path,
            ["targets_sha256"] = targets.Sha256,
            ["gradients"] = result.Method == GradientMethod.Analytic ? "analytic" : "central-differences",
            ["converged"] = result.Converged,
            ["reason"] = result.ExitReason,
            ["iterations"] = result.Iterations,
            ["evaluations"] = result.Evaluations,
            ["rejected_steps"] = result.Rejections.Count,
            ["start_index"] = result.StartIndex,
            ["cost_initial"] = JsonOutput.Number(result.Initial.Cost),
            ["cost"] = JsonOutput.Number(result.Final.Cost),
            ["parameters"] = parameters,
            ["targets"] = rows,
            ["constraints_failed"] = result.Constraints.Count(c => c.Outcome.IsFailed),
            ["written"] = written,
        };
    }

    private static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
