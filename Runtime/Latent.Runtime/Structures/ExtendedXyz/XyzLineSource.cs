namespace Latent.Runtime.Structures.ExtendedXyz;

/// <summary>
/// The lines of a source with their numbers, read in blocks, knowing whether each line ended with a line
/// break: a trajectory's final line without one may have been cut short mid-number. Line breaks are \n,
/// \r\n and a lone \r, as <see cref="TextReader.ReadLine"/> takes them.
/// </summary>
internal sealed class XyzLineSource(TextReader reader, string file)
{
    private readonly char[] buffer = new char[16384];
    private readonly System.Text.StringBuilder partial = new();
    private int position, filled;
    private bool ended;

    public string File { get; } = file;

    /// <summary>1-based number of the line last returned (past the end, one beyond the last line).</summary>
    public int Line { get; private set; }

    /// <summary>Whether the line last returned ended with a line break.</summary>
    public bool Terminated { get; private set; }

    public XyzLocation Here => new(File, Line);

    public string? Next()
    {
        Line++;
        partial.Clear();
        while (true)
        {
            if (position == filled && !Fill())
            {
                Terminated = false;
                return partial.Length > 0 ? partial.ToString() : null;
            }

            var span = buffer.AsSpan(position, filled - position);
            var at = span.IndexOfAny('\n', '\r');
            if (at < 0)
            {
                partial.Append(span);
                position = filled;
                continue;
            }

            partial.Append(span[..at]);
            position += at + 1;
            if (span[at] == '\r' && (position < filled || Fill()) && buffer[position] == '\n')
                position++;
            Terminated = true;
            return partial.ToString();
        }
    }

    /// <summary>Reads on and says whether nothing but blank lines is left.</summary>
    public bool OnlyBlankLinesLeft()
    {
        while (Next() is { } line)
        {
            if (!string.IsNullOrWhiteSpace(line))
                return false;
        }

        return true;
    }

    private bool Fill()
    {
        if (ended)
            return false;
        filled = reader.Read(buffer, 0, buffer.Length);
        position = 0;
        ended = filled == 0;
        return !ended;
    }
}
