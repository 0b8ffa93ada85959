namespace Latent.Runtime.Structures;

/// <summary>
/// A structure file that cannot be read (a LAMMPS data file, a VASP POSCAR; extended XYZ through its
/// <see cref="ExtendedXyz.XyzFormatException"/>): names the file, line and column at fault with a one-line reason,
/// in the <c>file:line:column: message</c> form editors recognise.
/// </summary>
public class StructureFileException : Exception
{
    /// <summary>Creates the exception for a problem at a line and (1-based) column of a named source.</summary>
    public StructureFileException(string fileName, int line, int column, string reason)
        : base($"{fileName}:{line}:{column}: {reason}")
    {
        FileName = fileName;
        Line = line;
        Column = column;
        Reason = reason;
    }

    /// <summary>The file name, or the name the caller gave a text.</summary>
    public string FileName { get; }

    /// <summary>1-based line number.</summary>
    public int Line { get; }

    /// <summary>1-based character column where the offending field starts (1 for whole-line problems).</summary>
    public int Column { get; }

    /// <summary>The reason alone, without the location.</summary>
    public string Reason { get; }
}
