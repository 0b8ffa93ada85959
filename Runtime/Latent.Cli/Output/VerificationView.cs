using System.Text.Json.Nodes;
using Latent.Runtime.Verification;

namespace Latent.Cli.Output;

/// <summary>A verification report for people (a table per property and pair, then every failure with
/// its shrunk case and how to replay it) and for scripts (JSON with every property).</summary>
public sealed class VerificationView(VerificationReport report, string nameOrPath)
{
    public JsonObject ToJson() => new()
    {
        ["potential"] = report.Potential,
        ["seed"] = report.Seed,
        ["cases"] = report.Cases,
        ["passed"] = report.Passed,
        ["properties"] = new JsonArray(report.Properties.Select(p => (JsonNode?)Property(p)).ToArray()),
    };

    private static JsonObject Property(PropertyResult p) => new()
    {
        ["name"] = p.Name,
        ["pair"] = p.Pair,
        ["term"] = p.Term,
        ["parameter"] = p.Parameter,
        ["cases"] = p.Cases,
        ["status"] = Status(p.Status),
        ["passed"] = p.Passed,
        ["note"] = p.Note,
        ["counterexample"] = p.Counterexample is { } c ? Counterexample(c) : null,
    };

    private static JsonObject Counterexample(Counterexample c) => new()
    {
        ["potential"] = c.Potential,
        ["pair"] = c.Pair,
        ["states"] = c.States,
        ["term"] = c.Term,
        ["output"] = c.Output,
        ["variable"] = c.Variable,
        ["at"] = JsonOutput.Number(c.At),
        ["reference"] = JsonOutput.Number(c.Reference),
        ["generated"] = JsonOutput.Number(c.Generated),
        ["difference"] = JsonOutput.Number(c.Difference),
        ["case"] = c.Case,
    };

    private static string Status(PropertyStatus s) => s switch
    {
        PropertyStatus.Passed => "passed",
        PropertyStatus.Failed => "failed",
        _ => "n/a",
    };

    public void WriteText(TextWriter output, bool terminal)
    {
        output.WriteLine($"{report.Potential}: seed {report.Seed}, {report.Cases} cases per kernel property");
        var table = new TextTable()
            .Column("property", rightAligned: false)
            .Column("pair", rightAligned: false)
            .Column("checks")
            .Column("cases")
            .Column("result", rightAligned: false);
        foreach (var group in report.Properties.GroupBy(p => (p.Name, p.Pair)))
        {
            var failed = group.Count(p => !p.Passed);
            var notApplicable = group.FirstOrDefault(p => p.Status == PropertyStatus.NotApplicable);
            var result = failed > 0 ? $"FAILED ({failed})"
                : notApplicable is not null ? $"n/a ({notApplicable.Note})"
                : "passed";
            table.Row(group.Key.Name, group.Key.Pair, group.Count().ToString(), group.Sum(p => p.Cases).ToString(), result);
        }
        table.Write(output, terminal);

        var failures = report.Failures.ToList();
        output.WriteLine();
        if (failures.Count == 0)
        {
            output.WriteLine($"all {report.Properties.Count} properties hold");
            return;
        }

        output.WriteLine($"{failures.Count} of {report.Properties.Count} properties failed:");
        foreach (var p in failures)
        {
            var parameter = p.Parameter is null ? "" : $" (parameter {p.Parameter})";
            output.WriteLine($"  {p.Name} {p.Pair} {p.Term}{parameter}");
            if (p.Counterexample is { } c)
            {
                if (c.States is not null)
                {
                    output.WriteLine($"    states {c.States}");
                }

                output.WriteLine(c.Case is null ? $"    at {c.Variable} = {Numbers.Format(c.At)}" : $"    {c.Case}");
                if (c.Output.Length > 0)
                {
                    output.WriteLine($"    {c.Output}: generated {Numbers.Format(c.Generated)}, reference {Numbers.Format(c.Reference)}, difference {Numbers.Short(c.Difference, 3)}");
                }
            }

            if (p.Note is not null)
            {
                output.WriteLine($"    {p.Note}");
            }
        }

        output.WriteLine();
        output.WriteLine($"replay: latent verify {nameOrPath} --cases {report.Cases} --seed {report.Seed}");
    }
}
