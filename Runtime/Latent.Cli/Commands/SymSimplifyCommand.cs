using System.CommandLine;
using System.Text.Json.Nodes;
using Latent.Cli.Input;
using Latent.Cli.Output;
using Latent.Symbolic;

namespace Latent.Cli.Commands;

/// <summary><c>latent sym simplify</c>: the canonical form of a formula. Expressions are simplified
/// as they are built, so parsing and printing is all it takes.</summary>
public static class SymSimplifyCommand
{
    public static Command Create()
    {
        var formula = CommonOptions.Formula();
        var latex = new Option<bool>("--latex")
        {
            Description = "Also print the LaTeX form (on a second line, or as \"latex\" in JSON).",
        };
        var json = CommonOptions.Json();

        var command = new Command("simplify", "Print the canonical (simplified) form of a formula. "
            + "For a program, the last statement is printed.")
        {
            formula, latex, json,
        };
        command.SetAction(parse => Run(
            parse.GetValue(formula)!,
            parse.GetValue(latex),
            parse.GetValue(json),
            parse.InvocationConfiguration.Output));
        return command;
    }

    private static int Run(string text, bool latex, bool json, TextWriter stdout)
    {
        var target = FormulaText.ParseTarget(text);
        var infix = Infix.print(target);
        var latexText = latex ? Latex.print(target) : null;
        if (json)
        {
            var result = new JsonObject { ["expression"] = infix };
            if (latexText is not null)
            {
                result["latex"] = latexText;
            }

            JsonOutput.Write(stdout, result);
        }
        else
        {
            stdout.WriteLine(infix);
            if (latexText is not null)
            {
                stdout.WriteLine(latexText);
            }
        }

        return ExitCodes.Success;
    }
}
