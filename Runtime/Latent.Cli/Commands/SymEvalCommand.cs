using System.CommandLine;
using System.Text.Json.Nodes;
using Latent.Cli.Input;
using Latent.Cli.Output;
using Latent.Symbolic;
using Microsoft.FSharp.Collections;

namespace Latent.Cli.Commands;

/// <summary><c>latent sym eval</c>: the value of a formula at given symbol values, in double precision.</summary>
public static class SymEvalCommand
{
    public static Command Create()
    {
        var formula = CommonOptions.Formula();
        var at = new Option<string[]>("--at")
        {
            Description = "Symbol values, e.g. --at r=1.5,z=2 (may be repeated).",
            DefaultValueFactory = _ => [],
        };
        var json = CommonOptions.Json();

        var command = new Command("eval", "Evaluate a formula at given symbol values. "
            + "For a program, the last statement is evaluated.")
        {
            formula, at, json,
        };
        command.SetAction(parse => Run(
            parse.GetValue(formula)!,
            parse.GetValue(at) ?? [],
            parse.GetValue(json),
            parse.InvocationConfiguration.Output));
        return command;
    }

    private static int Run(string text, string[] atTexts, bool json, TextWriter stdout)
    {
        var values = Assignments.Parse(atTexts);
        var target = FormulaText.ParseTarget(text);

        var missing = target.FreeSymbols.Where(s => !values.ContainsKey(s)).ToList();
        if (missing.Count > 0)
        {
            // A formula of thousands of symbols names the first few, not all of them.
            var names = string.Join(", ", missing.Take(10).Select(s => $"'{s}'")) + (missing.Count > 10 ? $" and {missing.Count - 10} more" : "");
            throw new UserError($"no value given for symbol {names} (give it with --at {missing[0]}=...)");
        }

        foreach (var name in values.Keys)
        {
            if (ExprModule.constantNames.Contains(name))
            {
                throw new UserError($"--at: '{name}' is a constant and cannot be given a value");
            }

            if (!target.FreeSymbols.Contains(name))
            {
                // Usually a misspelt symbol; silently ignoring it would hide that.
                throw new UserError($"--at: the formula has no symbol '{name}'");
            }
        }

        var map = MapModule.OfSeq(values.Select(kv => Tuple.Create(kv.Key, kv.Value)));
        var value = Evaluate.at(map, target);
        if (!double.IsFinite(value))
        {
            // Never a result: say which part of the formula is not defined at these values.
            var (part, partValue) = Evaluate.firstNonFinite(map, target).Value;
            var at = string.Join(", ", values.Select(kv => $"{kv.Key}={Numbers.Format(kv.Value)}"));
            var why = ReferenceEquals(part, target) ? $" (it is {Numbers.Format(value)})" : $": {Infix.print(part)} is {Numbers.Format(partValue)}";
            throw new UserError($"the formula has no finite value at {(at.Length > 0 ? at : "these values")}{why}");
        }
        if (json)
        {
            JsonOutput.Write(stdout, new JsonObject { ["value"] = JsonOutput.Number(value) });
        }
        else
        {
            stdout.WriteLine(Numbers.Format(value));
        }

        return ExitCodes.Success;
    }
}
