using System.Text;

namespace Latent.Cli.Output;

/// <summary>
/// The part of a file between two marker lines that a command owns (<c>&lt;!-- soak:begin --&gt;</c> …
/// <c>&lt;!-- soak:end --&gt;</c> for <c>latent soak</c>): replaced whole, through a temporary file and a rename,
/// while every byte outside it (the page's own prose, its line endings, a byte-order mark) stays as it was.
/// </summary>
internal sealed class MarkedSection
{
    /// <summary>The markers of <c>latent soak</c>'s section of the reliability page.</summary>
    public static readonly Markers Soak = new("soak", "the soak writes its figures");

    /// <summary>The markers of <c>latent validate</c>'s section of the validation page.</summary>
    public static readonly Markers Validate = new("validate", "latent validate writes its tables");

    /// <summary>A command's pair of marker lines, and what it writes between them (for messages).</summary>
    /// <param name="Name">The word in the markers: <c>&lt;!-- NAME:begin --&gt;</c>.</param>
    /// <param name="Writes">"the soak writes its figures": the start of the sentence messages explain the markers with.</param>
    public sealed record Markers(string Name, string Writes)
    {
        /// <summary>The line that opens the section.</summary>
        public string Begin => $"<!-- {Name}:begin -->";

        /// <summary>The line that closes it.</summary>
        public string End => $"<!-- {Name}:end -->";
    }

    private readonly string path;
    private readonly byte[] preamble;
    private readonly string before, after;

    private MarkedSection(string path, byte[] preamble, string before, string after, string newline)
    {
        this.path = path;
        this.preamble = preamble;
        this.before = before;
        this.after = after;
        Newline = newline;
    }

    /// <summary>The file's line ending ("\r\n" when it uses those, else "\n"), for the new text to match.</summary>
    public string Newline { get; }

    /// <summary>Reads <paramref name="path"/> and finds its markers, each once, the begin line before the end line.</summary>
    /// <param name="path">The page.</param>
    /// <param name="option">The option that named the file, for messages.</param>
    /// <param name="markers">Whose section it is.</param>
    /// <exception cref="UserError">The file is missing or unreadable, or its markers are missing, repeated or out of order.</exception>
    public static MarkedSection Read(string path, string option, Markers markers)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new UserError($"{option} {path}: no such file; {markers.Writes} between the lines {markers.Begin} and {markers.End} of an existing page");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"{option} {path}: cannot read it ({e.Message}); {markers.Writes} between the lines {markers.Begin} and {markers.End} of an existing page");
        }

        var bom = Encoding.UTF8.Preamble.ToArray();
        var preamble = bytes.AsSpan().StartsWith(bom) ? bom : [];
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, preamble.Length, bytes.Length - preamble.Length);
        }
        catch (DecoderFallbackException)
        {
            throw new UserError($"{path}: not UTF-8 text; {markers.Writes} between the lines {markers.Begin} and {markers.End} of a Markdown page");
        }

        var begin = Find(text, markers.Begin, path, markers);
        var end = Find(text, markers.End, path, markers);
        if (end < begin)
            throw new UserError($"{path}:{Line(text, end)}: {markers.End} comes before {markers.Begin} (line {Line(text, begin)}); the section goes between them");
        // The section starts on the line after the begin marker and ends where the end marker's line starts.
        var start = text.IndexOf('\n', begin);
        start = start < 0 ? text.Length : start + 1;
        var stop = text.LastIndexOf('\n', end) + 1;
        var newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        if (start > stop)
            throw new UserError($"{path}:{Line(text, begin)}: {markers.Begin} and {markers.End} share a line; put each on a line of its own");
        return new MarkedSection(path, preamble, text[..start], text[stop..], newline);
    }

    /// <summary>Replaces what lies between the markers with <paramref name="section"/> (which should end in a line ending).</summary>
    public void Write(string section)
    {
        var text = before + Newline + section + Newline + after;
        var body = new UTF8Encoding(false).GetBytes(text);
        AtomicFile.WriteAllBytes(path, [.. preamble, .. body]);
    }

    private static int Find(string text, string marker, string path, Markers markers)
    {
        var at = text.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
            throw new UserError($"{path}: no {marker} line; {markers.Writes} only between {markers.Begin} and {markers.End}, so add the two lines where its section goes");
        var again = text.IndexOf(marker, at + marker.Length, StringComparison.Ordinal);
        if (again >= 0)
            throw new UserError($"{path}:{Line(text, again)}: a second {marker} (the first is on line {Line(text, at)}); leave one pair of markers");
        return at;
    }

    private static int Line(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;
}
