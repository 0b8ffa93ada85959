using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Latent.Cli.Input;
using Latent.Cli.Output;
using Latent.Symbolic;

namespace Latent.Cli.Commands;

/// <summary><c>latent sym diff</c>: the derivative of a formula, printed compact (or canonical).</summary>
public static class SymDiffCommand
{
    public static Command Create()
    {
        var formula = CommonOptions.Formula();
        var wrt = new Option<string>("--wrt")
        {
            Description = "The variable to differentiate with respect to.",
            Required = true,
        };
        var order = new Option<int>("--order")
        {
            Description = "How many times to differentiate.",
            DefaultValueFactory = _ => 1,
            // A custom parser rather than a validator: it reports non-numbers as usage errors too.
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
                {
                    result.AddError($"--order must be a whole number, 1 or more (got '{text}')");
                }
                else if (n > MaxOrder)
                {
                    result.AddError($"--order is at most {MaxOrder} (got {n}): each order differentiates the whole previous derivative, "
                        + "so the work grows with the order times the derivative's size");
                }

                return n;
            },
        };
        var canonical = CommonOptions.Canonical();
        var json = CommonOptions.Json();

        var command = new Command("diff", "Differentiate a formula and print the simplified derivative. "
            + "For a program, the last statement is differentiated.")
        {
            formula, wrt, order, canonical, json,
        };
        command.SetAction(parse => Run(
            parse.GetValue(formula)!,
            parse.GetValue(wrt)!,
            parse.GetValue(order),
            parse.GetValue(canonical),
            parse.GetValue(json),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>Highest --order: far past what any kernel needs (the second), low enough to answer in seconds.</summary>
    public const int MaxOrder = 100;

    /// <summary>Most distinct subexpressions a derivative may reach: beyond it, printing alone takes minutes.</summary>
    public const int MaxNodes = 200_000;

    private static int Run(string text, string variable, int order, bool canonical, bool json, TextWriter stdout, TextWriter stderr)
    {
        // A name as the formula language spells one (letters, digits and _, not starting with a digit); anything
        // else can never be a symbol of the formula, so "its derivative is 0" would answer a question not asked.
        if (variable.Length == 0 || !(char.IsAsciiLetter(variable[0]) || variable[0] == '_') || !variable.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new UserError($"--wrt: '{variable}' is not a name (letters, digits and _, not starting with a digit)");
        }

        if (ExprModule.constantNames.Contains(variable))
        {
            throw new UserError($"--wrt: '{variable}' is a constant, not a variable");
        }

        var target = FormulaText.ParseTarget(text);
        if (!target.FreeSymbols.Contains(variable))
        {
            // Not an error (the derivative is a correct 0), but usually a typo such as R for r.
            stderr.WriteLine($"latent: warning: the formula does not depend on '{variable}', so its derivative is 0");
        }

        var derivative = target;
        for (var k = 1; k <= order && !ExprModule.isZero(derivative); k++)
        {
            derivative = Differentiate.withRespectTo(variable, derivative);
            var size = ExprModule.dagSize(derivative);
            if (size > MaxNodes)
            {
                throw new UserError($"the derivative of order {k} has {size} distinct subexpressions, past the limit of {MaxNodes}: "
                    + "a derivative that large cannot be printed or read; ask for a lower --order");
            }
        }

        var infix = Infix.print(canonical ? derivative : Simplify.compact(derivative));
        if (json)
        {
            JsonOutput.Write(stdout, new JsonObject { ["derivative"] = infix });
        }
        else
        {
            stdout.WriteLine(infix);
        }

        return ExitCodes.Success;
    }
}
