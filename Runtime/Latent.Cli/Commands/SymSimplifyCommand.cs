using System.CommandLine;
using System.Text.Json.Nodes;
using Latent.Cli.Input;
using Latent.Cli.Output;
using Latent.Symbolic;

namespace Latent.Cli.Commands;

/// <summary><c>latent sym simplify</c>: a formula in its compact display form, or with
/// <c>--canonical</c> its canonical form (expressions are simplified as they are built, so that is
/// parsing and printing).</summary>
public static class SymSimplifyCommand
{
    public static Command Create()
    {
        var formula = CommonOptions.Formula();
        var latex = new Option<bool>("--latex")
        {
            Description = "Also print the LaTeX form (on a second line, or as \"latex\" in JSON).",
        };
        var canonical = CommonOptions.Canonical();
        var json = CommonOptions.Json();

        var command = new Command("simplify", "Print a formula simplified: compact, or canonical with --canonical. "
            + "For a program, the last statement is printed.")
        {
            formula, latex, canonical, json,
        };
        command.SetAction(parse => Run(
            parse.GetValue(formula)!,
            parse.GetValue(latex),
            parse.GetValue(canonical),
            parse.GetValue(json),
            parse.InvocationConfiguration.Output));
        return command;
    }

    private static int Run(string text, bool latex, bool canonical, bool json, TextWriter stdout)
    {
        var parsed = FormulaText.ParseTarget(text);
        var target = canonical ? parsed : Simplify.compact(parsed);
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
