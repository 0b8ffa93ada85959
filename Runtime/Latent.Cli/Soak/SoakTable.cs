using System.Text;
using Latent.Cli.Output;

namespace Latent.Cli.Soak;

/// <summary>
/// One table of a soak's report, written the two ways the report goes out: aligned text on stdout
/// (<see cref="TextTable"/>, box-drawn at a terminal) and a plain Markdown table in the reliability page.
/// </summary>
internal sealed class SoakTable
{
    private readonly List<string[]> rows = [];
    private readonly int textColumns;

    /// <summary>A table under <paramref name="title"/>: its first <paramref name="textColumns"/> columns are text (left-aligned), the others numbers.</summary>
    public SoakTable(string title, int textColumns, params string[] headers)
    {
        Title = title;
        this.textColumns = textColumns;
        Headers = headers;
    }

    /// <summary>The line above the table.</summary>
    public string Title { get; }

    /// <summary>Column headers.</summary>
    public IReadOnlyList<string> Headers { get; }

    /// <summary>A note below the table, or null.</summary>
    public string? Note { get; set; }

    /// <summary>The rows so far.</summary>
    public IReadOnlyList<string[]> Rows => rows;

    /// <summary>Adds a row of as many cells as there are headers.</summary>
    public SoakTable Row(params string[] cells)
    {
        if (cells.Length != Headers.Count)
            throw new ArgumentException($"a row of {cells.Length} cells for {Headers.Count} columns", nameof(cells));
        rows.Add(cells);
        return this;
    }

    /// <summary>As text: the title, the table, the note.</summary>
    public void WriteText(TextWriter output, bool terminal)
    {
        output.WriteLine(Title);
        var table = new TextTable();
        for (var k = 0; k < Headers.Count; k++)
            table.Column(Headers[k], rightAligned: k >= textColumns);
        foreach (var row in rows)
            table.Row(row);
        table.Write(output, terminal);
        if (Note is not null)
            output.WriteLine(Note);
        output.WriteLine();
    }

    /// <summary>As Markdown: the title in bold, a pipe table (numbers right-aligned), the note; lines end in <paramref name="newline"/>.</summary>
    public void WriteMarkdown(StringBuilder page, string newline)
    {
        page.Append("**").Append(Title).Append("**").Append(newline).Append(newline);
        page.Append("| ").Append(string.Join(" | ", Headers.Select(Cell))).Append(" |").Append(newline);
        page.Append('|').Append(string.Join('|', Headers.Select((_, k) => k < textColumns ? "---" : "---:"))).Append('|').Append(newline);
        foreach (var row in rows)
            page.Append("| ").Append(string.Join(" | ", row.Select(Cell))).Append(" |").Append(newline);
        page.Append(newline);
        if (Note is not null)
            page.Append(Note).Append(newline).Append(newline);
    }

    // A '|' inside a cell (mean |q|) would end it.
    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
