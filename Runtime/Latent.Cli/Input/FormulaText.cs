using Latent.Cli.Output;
using Latent.Symbolic;

namespace Latent.Cli.Input;

/// <summary>Formula text as users give it: one expression, or a program of statements whose
/// definitions are substituted into later statements. Parse errors become located user errors.</summary>
public static class FormulaText
{
    /// <summary>All statements of a program, definitions already substituted.</summary>
    public static IReadOnlyList<Statement> ParseProgram(string text, string? sourceName = null)
    {
        var result = Parser.parseProgram(text);
        if (result.IsError)
        {
            var error = result.ErrorValue;
            throw new UserError(error.Message, new SourceLocation(text, error.Position.Line, error.Position.Column, sourceName));
        }

        var statements = result.ResultValue.ToList();
        if (statements.Count == 0)
        {
            throw new UserError(sourceName is null ? "no formula given" : $"{sourceName}: no formula in the file");
        }

        return statements;
    }

    /// <summary>The expression a command works on: the last statement of the program.</summary>
    public static Expr ParseTarget(string text, string? sourceName = null) => ParseProgram(text, sourceName)[^1].Body;
}
