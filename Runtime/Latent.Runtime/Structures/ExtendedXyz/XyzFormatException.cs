namespace Latent.Runtime.Structures.ExtendedXyz;

/// <summary>
/// Extended XYZ text that cannot be read: names the file, line and column at fault with a one-line
/// reason, in the <c>file:line:column: message</c> form editors recognise. The reader never lets a raw
/// <see cref="FormatException"/> or <see cref="IndexOutOfRangeException"/> reach the caller.
/// </summary>
public sealed class XyzFormatException : Exception
{
    /// <summary>Creates the exception for a problem at a line and (1-based) column of a named source.</summary>
    public XyzFormatException(string fileName, int line, int column, string reason)
        : base($"{fileName}:{line}:{column}: {reason}")
    {
        FileName = fileName;
        Line = line;
        Column = column;
        Reason = reason;
    }

    /// <summary>The file name, or the name the caller gave a text or stream.</summary>
    public string FileName { get; }

    /// <summary>1-based line number.</summary>
    public int Line { get; }

    /// <summary>1-based character column where the offending field starts (1 for whole-line problems).</summary>
    public int Column { get; }

    /// <summary>The reason alone, without the location.</summary>
    public string Reason { get; }
}
