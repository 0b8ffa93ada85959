using Spectre.Console;

namespace Latent.Cli.Output;

/// <summary>A table of text cells, drawn with Spectre.Console at a terminal and as plain
/// space-aligned columns everywhere else (one header line, one line per row, no decoration).</summary>
public sealed class TextTable
{
    private readonly List<(string Header, bool RightAligned)> columns = [];
    private readonly List<string[]> rows = [];

    /// <summary>Adds a column; numbers read best right-aligned.</summary>
    public TextTable Column(string header, bool rightAligned = true)
    {
        columns.Add((header, rightAligned));
        return this;
    }

    public void Row(params string[] cells)
    {
        if (cells.Length != columns.Count)
        {
            throw new ArgumentException($"a row of {cells.Length} cells for {columns.Count} columns", nameof(cells));
        }

        rows.Add(cells);
    }

    public void Write(TextWriter output, bool terminal)
    {
        if (terminal)
        {
            WriteSpectre(output);
        }
        else
        {
            WritePlain(output);
        }
    }

    private void WritePlain(TextWriter output)
    {
        var widths = columns.Select((c, k) => rows.Select(r => r[k].Length).Append(c.Header.Length).Max()).ToArray();
        string Line(IReadOnlyList<string> cells) =>
            string.Join("  ", cells.Select((cell, k) => columns[k].RightAligned ? cell.PadLeft(widths[k]) : cell.PadRight(widths[k]))).TrimEnd();

        output.WriteLine(Line(columns.Select(c => c.Header).ToArray()));
        foreach (var row in rows)
        {
            output.WriteLine(Line(row));
        }
    }

    private void WriteSpectre(TextWriter output)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var (header, right) in columns)
        {
            var column = new TableColumn(Markup.Escape(header));
            table.AddColumn(right ? column.RightAligned() : column.LeftAligned());
        }

        foreach (var row in rows)
        {
            table.AddRow(row.Select(Markup.Escape).ToArray());
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        console.Write(table);
    }
}
