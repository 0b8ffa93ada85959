using System.Globalization;
using Latent.Runtime.Structures.ExtendedXyz;

namespace Latent.Runtime.Structures.Vasp;

/// <summary>
/// Writes a VASP 5 POSCAR that VASP, ASE and <see cref="PoscarReader"/> read: scale factor 1, the lattice
/// vectors, Cartesian positions in round-trip precision (so reading back gives the same bits), and Selective
/// dynamics when the file has movable flags. Atoms keep their order: each run of one element is a block of its
/// own, so an alternating structure repeats symbols on the symbols line, as VASP allows.
/// </summary>
public static class PoscarWriter
{
    /// <summary>Why the structure cannot be written as a POSCAR, or null when it can.</summary>
    public static string? CannotWrite(Structure structure) =>
        structure.Cell.Periodic.All(p => p)
            ? structure.Count == 0 ? "a POSCAR needs at least one atom" : null
            : "a POSCAR describes a crystal, periodic in all three directions, and is read back as one; "
              + $"this structure is {(structure.Cell.IsPeriodic ? "periodic in only some" : "a cluster")} (write it as extended XYZ, or give it a periodic cell)";

    /// <summary>The file's text.</summary>
    public static string Format(PoscarFile poscar)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(writer, poscar);
        return writer.ToString();
    }

    /// <summary>Writes the POSCAR.</summary>
    /// <exception cref="ArgumentException">The structure cannot be written (<see cref="CannotWrite"/>), or the flags do not cover its atoms.</exception>
    public static void Write(TextWriter w, PoscarFile poscar)
    {
        var s = poscar.Structure;
        if (CannotWrite(s) is { } reason)
            throw new ArgumentException(reason, nameof(poscar));
        if (poscar.Movable is { } flags && flags.Length != 3 * s.Count)
            throw new ArgumentException($"{flags.Length} selective-dynamics flags for {s.Count} atoms (three each)", nameof(poscar));

        var runs = new List<(string Symbol, int Count)>();
        foreach (var symbol in s.Symbols)
        {
            if (runs.Count > 0 && runs[^1].Symbol == symbol)
                runs[^1] = (symbol, runs[^1].Count + 1);
            else
                runs.Add((symbol, 1));
        }

        var comment = poscar.Comment.ReplaceLineEndings(" ").Trim();
        w.Write(comment.Length == 0 ? string.Join(' ', runs.Select(r => r.Symbol).Distinct()) : comment);
        w.Write("\n1.0\n");
        foreach (var v in new[] { s.Cell.A, s.Cell.B, s.Cell.C })
            w.Write($"  {R(v.X)} {R(v.Y)} {R(v.Z)}\n");
        w.Write("  " + string.Join(' ', runs.Select(r => r.Symbol)) + "\n");
        w.Write("  " + string.Join(' ', runs.Select(r => r.Count.ToString(CultureInfo.InvariantCulture))) + "\n");
        if (poscar.Movable is not null)
            w.Write("Selective dynamics\n");
        w.Write("Cartesian\n");
        for (var i = 0; i < s.Count; i++)
        {
            w.Write($"  {R(s.X[i])} {R(s.Y[i])} {R(s.Z[i])}");
            if (poscar.Movable is { } movable)
                w.Write($" {Flag(movable[3 * i])} {Flag(movable[3 * i + 1])} {Flag(movable[3 * i + 2])}");
            w.Write('\n');
        }
    }

    private static char Flag(bool movable) => movable ? 'T' : 'F';

    private static string R(double x) => XyzNumbers.Real(x);
}
