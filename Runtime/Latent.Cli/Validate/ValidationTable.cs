using System.Text;
using Latent.Cli.Output;

namespace Latent.Cli.Validate;

/// <summary>
/// One table of the validation, written the two ways it goes out: aligned text on stdout (<see cref="TextTable"/>) and
/// a Markdown table under a bold title on the page. Its first cell names its row: a test finds the row by it.
/// </summary>
internal sealed class ValidationTable
{
    private readonly List<TableCell[]> rows = [];
    private readonly string alignment;

    /// <summary>A table under <paramref name="title"/>; <paramref name="alignment"/> has an L or R per column.</summary>
    public ValidationTable(string title, string alignment, params string[] headers)
    {
        if (alignment.Length != headers.Length || alignment.Any(c => c is not ('L' or 'R')))
            throw new ArgumentException($"an L or R for each of the {headers.Length} columns, not '{alignment}'", nameof(alignment));
        Title = title;
        this.alignment = alignment;
        Headers = headers;
    }

    /// <summary>The bold line above the table.</summary>
    public string Title { get; }

    /// <summary>Column headers.</summary>
    public IReadOnlyList<string> Headers { get; }

    /// <summary>The rows.</summary>
    public IReadOnlyList<TableCell[]> Rows => rows;

    /// <summary>Adds a row of as many cells as there are headers.</summary>
    public ValidationTable Row(params TableCell[] cells)
    {
        if (cells.Length != Headers.Count)
            throw new ArgumentException($"a row of {cells.Length} cells for {Headers.Count} columns", nameof(cells));
        if (rows.Any(r => r[0].Text == cells[0].Text))
            throw new ArgumentException($"a second row named '{cells[0].Text}' in '{Title}'", nameof(cells));
        rows.Add(cells);
        return this;
    }

    /// <summary>As text: the title, the table, a blank line.</summary>
    public void WriteText(TextWriter output, bool terminal)
    {
        output.WriteLine(Title);
        var table = new TextTable();
        for (var k = 0; k < Headers.Count; k++)
            table.Column(Headers[k], rightAligned: alignment[k] == 'R');
        foreach (var row in rows)
            table.Row(row.Select(c => c.Text).ToArray());
        table.Write(output, terminal);
        output.WriteLine();
    }

    /// <summary>As Markdown: the title in bold, a blank line, the pipe table, a blank line; lines end in <paramref name="newline"/>.</summary>
    public void WriteMarkdown(StringBuilder page, string newline)
    {
        page.Append("**").Append(Title).Append("**").Append(newline).Append(newline);
        page.Append("| ").Append(string.Join(" | ", Headers.Select(Escape))).Append(" |").Append(newline);
        page.Append('|').Append(string.Join('|', alignment.Select(c => c == 'R' ? "---:" : "---"))).Append('|').Append(newline);
        foreach (var row in rows)
            page.Append("| ").Append(string.Join(" | ", row.Select(c => Escape(c.Text)))).Append(" |").Append(newline);
        page.Append(newline);
    }

    /// <summary>A '|' inside a cell (|E − line|) would end it.</summary>
    public static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
