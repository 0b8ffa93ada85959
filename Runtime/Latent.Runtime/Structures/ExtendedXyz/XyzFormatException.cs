namespace Latent.Runtime.Structures.ExtendedXyz;

/// <summary>
/// Extended XYZ text that cannot be read: names the file, line and column at fault with a one-line
/// reason, in the <c>file:line:column: message</c> form editors recognise. The reader never lets a raw
/// <see cref="FormatException"/> or <see cref="IndexOutOfRangeException"/> reach the caller.
/// </summary>
public sealed class XyzFormatException : StructureFileException
{
    /// <summary>Creates the exception for a problem at a line and (1-based) column of a named source.</summary>
    public XyzFormatException(string fileName, int line, int column, string reason)
        : base(fileName, line, column, reason)
    {
    }
}
