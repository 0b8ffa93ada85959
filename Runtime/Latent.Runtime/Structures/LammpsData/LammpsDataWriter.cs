using System.Globalization;
using Latent.Runtime.Structures.ExtendedXyz;
using Latent.Symbolic.PotentialFile;
using Microsoft.FSharp.Core;

namespace Latent.Runtime.Structures.LammpsData;

/// <summary>
/// Writes a LAMMPS data file (units metal) of atom style atomic or charge that <c>read_data</c> takes and
/// <see cref="LammpsDataReader"/> reads back: one atom type per element of the order given, in that order (so
/// <c>pair_coeff * * Na Cl</c> matches), each named in its Masses comment; atom ids 1…N in the structure's
/// order; numbers in round-trip precision. A cell not in LAMMPS's restricted triclinic form is rotated into it
/// (see <see cref="LammpsBox"/>) and the title line says so.
/// </summary>
public static class LammpsDataWriter
{
    /// <summary>Why the structure cannot be written as a data file with this element order, or null when it can.</summary>
    public static string? CannotWrite(Structure structure, IReadOnlyList<string> elementOrder)
    {
        if (!structure.Cell.Periodic.All(p => p))
        {
            return "a LAMMPS data file holds no boundary conditions and is read back as periodic in all three directions; "
                + $"this structure is {(structure.Cell.IsPeriodic ? "periodic in only some" : "a cluster")} (write it as extended XYZ, or give it a periodic cell)";
        }

        var firstOf = new Dictionary<string, int>();
        for (var i = 0; i < structure.Count; i++)
        {
            var symbol = structure.Symbols[i];
            if (IndexOf(elementOrder, symbol) < 0)
                return $"atom index {i} is {symbol}, which is not in the element order {string.Join(' ', elementOrder)} that numbers the atom types";
            var first = firstOf.TryAdd(symbol, i) ? i : firstOf[symbol];
            if (structure.Masses[i] != structure.Masses[first])
                return $"atoms {first} and {i} are both {symbol} but of different masses, and a data file has one mass per atom type";
        }

        return null;
    }

    /// <summary>The file's text.</summary>
    public static string Format(LammpsDataFile data, IReadOnlyList<string> elementOrder)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(writer, data, elementOrder);
        return writer.ToString();
    }

    /// <summary>Writes the data file; returns the box written.</summary>
    /// <exception cref="ArgumentException">The structure cannot be written (<see cref="CannotWrite"/>), or charges or velocities do not cover its atoms.</exception>
    public static LammpsBox Write(TextWriter w, LammpsDataFile data, IReadOnlyList<string> elementOrder)
    {
        var s = data.Structure;
        if (CannotWrite(s, elementOrder) is { } reason)
            throw new ArgumentException(reason, nameof(data));
        if (data.Style == LammpsAtomStyle.Charge && data.Charges?.Length != s.Count)
            throw new ArgumentException($"atom style charge needs {s.Count} charges", nameof(data));
        if (data.Velocities is { } given && given.Length != s.Count)
            throw new ArgumentException($"{given.Length} velocities for {s.Count} atoms", nameof(data));

        var box = LammpsBox.Of(s.Cell);
        var title = data.Title.ReplaceLineEndings(" ").Trim();
        var notes = new List<string>();
        if (box.Rotated)
            notes.Add("cell rotated into LAMMPS's restricted triclinic form");
        if (box.Reduced)
            notes.Add("tilts reduced by lattice vectors");
        w.Write(title.Length == 0 ? "LAMMPS data file written by Latent" : title);
        w.Write(notes.Count == 0 ? "\n\n" : $" ({string.Join("; ", notes)})\n\n");

        w.Write(Invariant($"{s.Count} atoms\n{elementOrder.Count} atom types\n\n"));
        w.Write($"{R(box.Xlo)} {R(box.Xlo + box.Lx)} xlo xhi\n");
        w.Write($"{R(box.Ylo)} {R(box.Ylo + box.Ly)} ylo yhi\n");
        w.Write($"{R(box.Zlo)} {R(box.Zlo + box.Lz)} zlo zhi\n");
        if (box.IsTriclinic)
            w.Write($"{R(box.Xy)} {R(box.Xz)} {R(box.Yz)} xy xz yz\n");

        w.Write("\nMasses\n\n");
        for (var t = 0; t < elementOrder.Count; t++)
            w.Write(Invariant($"{t + 1} {R(TypeMass(s, elementOrder[t]))} # {elementOrder[t]}\n"));

        var charge = data.Style == LammpsAtomStyle.Charge;
        w.Write(charge ? "\nAtoms # charge\n\n" : "\nAtoms # atomic\n\n");
        for (var i = 0; i < s.Count; i++)
        {
            var r = box.Map(s.Position(i));
            var type = IndexOf(elementOrder, s.Symbols[i]) + 1;
            w.Write(charge
                ? Invariant($"{i + 1} {type} {R(data.Charges![i])} {R(r.X)} {R(r.Y)} {R(r.Z)}\n")
                : Invariant($"{i + 1} {type} {R(r.X)} {R(r.Y)} {R(r.Z)}\n"));
        }

        if (data.Velocities is { } velocities)
        {
            w.Write("\nVelocities\n\n");
            for (var i = 0; i < s.Count; i++)
            {
                var v = box.Map(velocities[i]) * LammpsDataFile.FemtosecondsPerPicosecond;
                w.Write(Invariant($"{i + 1} {R(v.X)} {R(v.Y)} {R(v.Z)}\n"));
            }
        }

        return box;
    }

    /// <summary>The mass of an element's atoms, or its atomic mass when the structure has none of it (the type is still declared, for pair_coeff).</summary>
    private static double TypeMass(Structure s, string element)
    {
        var first = Array.IndexOf(s.Symbols, element);
        if (first >= 0)
            return s.Masses[first];
        var record = AtomicData.tryFind(element);
        return FSharpOption<AtomicRecord>.get_IsSome(record)
            ? record.Value.Mass
            : throw new ArgumentException($"element '{element}' of the element order has no atoms here and no mass in the atomic-data table");
    }

    private static int IndexOf(IReadOnlyList<string> order, string symbol)
    {
        for (var t = 0; t < order.Count; t++)
        {
            if (order[t] == symbol)
                return t;
        }

        return -1;
    }

    private static string R(double x) => XyzNumbers.Real(x);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
