using System.CommandLine;
using System.Text.Json.Nodes;
using Latent.Cli.Input;
using Latent.Cli.Output;
using Latent.Symbolic;
using Microsoft.FSharp.Collections;

namespace Latent.Cli.Commands;

/// <summary><c>latent sym cse</c>: all statements lowered together into one straight-line program,
/// each shared subexpression computed once.</summary>
public static class SymCseCommand
{
    public static Command Create()
    {
        var formula = new Argument<string>("program")
        {
            Description = "Statements separated by ';' or newlines. Each is an output: 'name = expr' under its name, "
                + "the others as out1, out2, ...; definitions are substituted into later statements.",
        };
        var json = CommonOptions.Json();

        var command = new Command("cse", "Eliminate common subexpressions: print one straight-line program computing every statement.")
        {
            formula, json,
        };
        command.SetAction(parse => Run(parse.GetValue(formula)!, parse.GetValue(json), parse.InvocationConfiguration.Output));
        return command;
    }

    private static int Run(string text, bool json, TextWriter stdout)
    {
        var statements = FormulaText.ParseProgram(text);
        var program = StraightLine.build(ListModule.OfSeq(NameOutputs(statements)));
        var formatted = StraightLine.format(program);
        if (!json)
        {
            stdout.Write(formatted.Replace("\n", Environment.NewLine));
            return ExitCodes.Success;
        }

        // The text form is one line of inputs, one per instruction, one per output, in that order.
        var lines = formatted.TrimEnd('\n').Split('\n');
        var instructionCount = program.Instructions.Length;
        var outputs = new JsonArray();
        foreach (var line in lines.Skip(1 + instructionCount))
        {
            var equals = line.IndexOf(" = ", StringComparison.Ordinal);
            outputs.Add(new JsonObject { ["name"] = line[..equals], ["value"] = line[(equals + 3)..] });
        }

        var stats = StraightLine.stats(program);
        var calls = new JsonObject();
        foreach (var call in stats.Calls)
        {
            calls[StraightLine.funcName(call.Key)] = call.Value;
        }

        JsonOutput.Write(stdout, new JsonObject
        {
            ["inputs"] = new JsonArray(program.Inputs.Select(i => (JsonNode?)JsonValue.Create(i)).ToArray()),
            ["instructions"] = new JsonArray(lines.Skip(1).Take(instructionCount).Select(l => (JsonNode?)JsonValue.Create(l)).ToArray()),
            ["outputs"] = outputs,
            ["counts"] = new JsonObject
            {
                ["instructions"] = stats.Instructions,
                ["additions"] = stats.Additions,
                ["subtractions"] = stats.Subtractions,
                ["multiplications"] = stats.Multiplications,
                ["divisions"] = stats.Divisions,
                ["negations"] = stats.Negations,
                ["squareRoots"] = stats.SquareRoots,
                ["powers"] = stats.Powers,
                ["comparisons"] = stats.Comparisons,
                ["selects"] = stats.Selects,
                ["calls"] = calls,
            },
        });
        return ExitCodes.Success;
    }

    /// <summary>Definitions keep their names (the parser refuses a name defined twice); other
    /// statements become out1, out2, ... skipping names the program already defines.</summary>
    private static List<Tuple<string, Expr>> NameOutputs(IReadOnlyList<Statement> statements)
    {
        var taken = statements.Where(s => s.Name is not null).Select(s => s.Name!.Value).ToHashSet(StringComparer.Ordinal);
        var outputs = new List<Tuple<string, Expr>>();
        var next = 1;
        foreach (var statement in statements)
        {
            var name = statement.Name?.Value;
            if (name is null)
            {
                while (taken.Contains("out" + next))
                {
                    next++;
                }

                name = "out" + next++;
            }

            outputs.Add(Tuple.Create(name, statement.Body));
        }

        return outputs;
    }
}
