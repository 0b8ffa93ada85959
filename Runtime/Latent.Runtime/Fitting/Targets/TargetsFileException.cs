namespace Latent.Runtime.Fitting.Targets;

/// <summary>A targets file that cannot be fitted as written: where (file, line, column) and what.</summary>
public sealed class TargetsFileException : Exception
{
    /// <summary>A problem at a place in the file (line and column 1-based; 0 when the whole file is meant).</summary>
    public TargetsFileException(string path, string text, int line, int column, string message)
        : base(message)
    {
        Path = path;
        Text = text;
        Line = line;
        Column = column;
    }

    /// <summary>The file as the user named it.</summary>
    public string Path { get; }

    /// <summary>Its text, to echo the offending line.</summary>
    public string Text { get; }

    /// <summary>1-based line, or 0 for the file as a whole.</summary>
    public int Line { get; }

    /// <summary>1-based column, or 0 for the file as a whole.</summary>
    public int Column { get; }
}
