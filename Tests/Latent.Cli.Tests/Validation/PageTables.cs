using System.Globalization;
using System.Text.RegularExpressions;

namespace Latent.Cli.Tests.Validation;

/// <summary>The tables of a Markdown page as printed: each under its bold title line, as rows of cell texts (header and
/// separator dropped), and the numbers printed in a cell.</summary>
internal static partial class PageTables
{
    /// <summary>Title → rows, in page order.</summary>
    public static IReadOnlyDictionary<string, List<string[]>> Parse(string page)
    {
        var tables = new Dictionary<string, List<string[]>>(StringComparer.Ordinal);
        var lines = page.ReplaceLineEndings("\n").Split('\n');
        for (var k = 0; k < lines.Length; k++)
        {
            var line = lines[k].Trim();
            if (!(line.Length > 4 && line.StartsWith("**", StringComparison.Ordinal) && line.EndsWith("**", StringComparison.Ordinal)))
                continue;
            var title = line[2..^2];
            var rows = new List<string[]>();
            var at = k + 1;
            while (at < lines.Length && lines[at].Trim().Length == 0)
                at++;
            // Header and separator, then rows until the table ends.
            for (var row = at + 2; row < lines.Length && lines[row].StartsWith('|'); row++)
                rows.Add(Cells(lines[row]));
            Assert.False(tables.ContainsKey(title), $"two tables titled '{title}' on the page");
            tables[title] = rows;
        }

        return tables;
    }

    /// <summary>A row's cells: split at unescaped pipes, trimmed, with "\|" read back as "|".</summary>
    public static string[] Cells(string row) =>
        Pipe().Split(row.Trim().Trim('|')).Select(c => c.Trim().Replace("\\|", "|", StringComparison.Ordinal)).ToArray();

    /// <summary>The first number printed in a cell ("2.3609 Å" → 2.3609, "-14.79" → −14.79, "+26.00" → 26).</summary>
    public static double Number(string cell)
    {
        var match = Decimal().Match(cell);
        Assert.True(match.Success, $"no number in the cell '{cell}'");
        return double.Parse(match.Value, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"(?<!\\)\|")]
    private static partial Regex Pipe();

    [GeneratedRegex(@"[-+]?\d+(?:\.\d+)?")]
    private static partial Regex Decimal();
}
