namespace Latent.Runtime.Structures;

/// <summary>
/// One line of a structure file split into whitespace-separated fields, each with its 1-based column, and
/// the text after a '#' (LAMMPS's comments) kept apart, so readers can name the field at fault.
/// </summary>
internal sealed class TextLine
{
    private TextLine(string file, int number, string text, List<string> fields, List<int> columns, string? comment, int commentColumn)
    {
        File = file;
        Number = number;
        Text = text;
        Fields = fields;
        Columns = columns;
        Comment = comment;
        CommentColumn = commentColumn;
    }

    public string File { get; }

    /// <summary>1-based line number.</summary>
    public int Number { get; }

    /// <summary>The whole line as read.</summary>
    public string Text { get; }

    /// <summary>The fields before any comment.</summary>
    public List<string> Fields { get; }

    /// <summary>1-based column of each field.</summary>
    public List<int> Columns { get; }

    /// <summary>The text after '#', trimmed, or null when the line has no comment (or comments are not split off).</summary>
    public string? Comment { get; }

    /// <summary>1-based column of the first character of <see cref="Comment"/>'s text.</summary>
    public int CommentColumn { get; }

    public bool IsBlank => Fields.Count == 0;

    /// <summary>The column just past the line's last field: where a missing field would start.</summary>
    public int EndColumn => Fields.Count == 0 ? 1 : Columns[^1] + Fields[^1].Length;

    /// <summary>Splits a line; with <paramref name="hashComments"/> the text from the first '#' on is the comment.</summary>
    public static TextLine Split(string file, int number, string text, bool hashComments)
    {
        var end = text.Length;
        string? comment = null;
        var commentColumn = 0;
        var hash = hashComments ? text.IndexOf('#') : -1;
        if (hash >= 0)
        {
            end = hash;
            var start = hash + 1;
            while (start < text.Length && char.IsWhiteSpace(text[start]))
                start++;
            comment = text[start..].TrimEnd();
            commentColumn = start + 1;
        }

        var fields = new List<string>();
        var columns = new List<int>();
        var i = 0;
        while (i < end)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            var first = i;
            while (i < end && !char.IsWhiteSpace(text[i]))
                i++;
            fields.Add(text[first..i]);
            columns.Add(first + 1);
        }

        return new TextLine(file, number, text, fields, columns, comment, commentColumn);
    }

    /// <summary>An error at field <paramref name="field"/> (or at the end of the line when the field is missing).</summary>
    public StructureFileException Error(int field, string reason) =>
        new(File, Number, field < Columns.Count ? Columns[field] : EndColumn, reason);

    /// <summary>An error about the line as a whole.</summary>
    public StructureFileException Error(string reason) =>
        new(File, Number, Columns.Count > 0 ? Columns[0] : 1, reason);
}
