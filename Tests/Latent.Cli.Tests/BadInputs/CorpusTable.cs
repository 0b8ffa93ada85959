using System.Text;

namespace Latent.Cli.Tests.BadInputs;

/// <summary>The corpus as the Markdown table docs/reliability.md shows between its corpus markers.</summary>
public static class CorpusTable
{
    public const string Begin = "<!-- corpus:begin -->";
    public const string End = "<!-- corpus:end -->";

    public static string Render(IEnumerable<BadInputCase> cases)
    {
        var text = new StringBuilder();
        text.Append("| case | command line | exit | the error line holds |\n");
        text.Append("|---|---|---|---|\n");
        foreach (var c in cases)
        {
            var command = c.CommandLine.Length == 0 ? "latent" : "latent " + c.CommandLine;
            text.Append($"| {c.Id} | {Code(command)} | {c.ExitCode} | {Code(c.Message)} |\n");
        }

        return text.ToString();
    }

    /// <summary>A code span that survives backticks and pipes inside it.</summary>
    private static string Code(string text)
    {
        var escaped = text.Replace("|", "\\|", StringComparison.Ordinal);
        return escaped.Contains('`', StringComparison.Ordinal) ? $"`` {escaped} ``" : $"`{escaped}`";
    }
}
