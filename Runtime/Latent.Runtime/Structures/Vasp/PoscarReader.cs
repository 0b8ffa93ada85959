using System.Globalization;
using Latent.Runtime.Structures.ExtendedXyz;
using Latent.Symbolic.PotentialFile;
using Microsoft.FSharp.Core;

namespace Latent.Runtime.Structures.Vasp;

/// <summary>
/// Reads a VASP 5 POSCAR or CONTCAR: comment, scale factor (negative: the cell's volume in Å³; or three
/// factors, one per Cartesian axis), lattice vectors, element symbols, counts, optional Selective dynamics,
/// Direct or Cartesian, one line per atom. Every problem raises a <see cref="StructureFileException"/> naming
/// file, line and column.
/// </summary>
/// <remarks>
/// A symbol may carry a POTCAR suffix (<c>Na_pv</c>, <c>Cl/abc…</c>), as VASP 5.4 writes it; the element is the part
/// before it. Whatever follows the positions (a CONTCAR's velocities and predictor-corrector block) is not read.
/// A VASP 4 file, without the symbols line, is refused: its elements are not in the file.
/// </remarks>
public static class PoscarReader
{
    /// <summary>Reads a file.</summary>
    public static PoscarFile ReadFile(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader, path);
    }

    /// <summary>Reads a text, naming it <paramref name="sourceName"/> in errors.</summary>
    public static PoscarFile Parse(string text, string sourceName = "<text>")
    {
        using var reader = new StringReader(text);
        return Read(reader, sourceName);
    }

    /// <summary>Reads a text reader, naming it <paramref name="sourceName"/> in errors.</summary>
    public static PoscarFile Read(TextReader reader, string sourceName)
    {
        var number = 0;
        TextLine Next(string what)
        {
            number++;
            var text = reader.ReadLine() ?? throw new StructureFileException(sourceName, number, 1, $"the file ends where {what} should be");
            return TextLine.Split(sourceName, number, text, hashComments: false);
        }

        var comment = Next("the comment line").Text.Trim();

        var scaleLine = Next("the scale factor");
        var scale = ScaleFactors(scaleLine);

        var raw = new Vec3[3];
        for (var k = 0; k < 3; k++)
        {
            var line = Next($"lattice vector {"abc"[k]}");
            if (line.Fields.Count < 3)
                throw line.Error(line.Fields.Count, $"lattice vector {"abc"[k]} needs three numbers, found {line.Fields.Count}");
            raw[k] = new Vec3(Real(line, 0), Real(line, 1), Real(line, 2));
        }

        var rawVolume = Vec3.Dot(raw[0], Vec3.Cross(raw[1], raw[2]));
        Vec3 Scale(Vec3 v) => scale.Length == 3 ? new Vec3(v.X * scale[0], v.Y * scale[1], v.Z * scale[2]) : v * scale[0];
        if (scale.Length == 1 && scale[0] < 0)
        {
            // A negative factor is the volume the cell is scaled to.
            if (Math.Abs(rawVolume) < 1e-12)
                throw scaleLine.Error(0, "a negative scale factor gives the cell's volume, but the lattice vectors span no volume");
            scale[0] = Math.Cbrt(-scale[0] / Math.Abs(rawVolume));
        }

        var a = Scale(raw[0]);
        var b = Scale(raw[1]);
        var c = Scale(raw[2]);
        if (!new[] { a, b, c }.All(v => double.IsFinite(v.X) && double.IsFinite(v.Y) && double.IsFinite(v.Z)))
            throw scaleLine.Error(0, "the scaled lattice vectors are not finite");
        var volume = Vec3.Dot(a, Vec3.Cross(b, c));
        if (!(Math.Abs(volume) >= 1e-12))
            throw new StructureFileException(sourceName, 3, 1, "the lattice vectors span no volume (a periodic cell needs three independent vectors)");
        if (volume < 0)
            throw new StructureFileException(sourceName, 3, 1, "the lattice vectors form a left-handed set (a · (b × c) < 0); reorder or negate them to make it right-handed");
        var cell = new Cell(a, b, c, true, true, true);

        var speciesLine = Next("the element symbols");
        if (speciesLine.IsBlank)
            throw speciesLine.Error("expected the element symbols (VASP 5), found a blank line");
        if (int.TryParse(speciesLine.Fields[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
            throw speciesLine.Error(0, "expected the element symbols (VASP 5), found counts: a VASP 4 file does not name its elements; add a line of symbols above the counts");
        var species = new string[speciesLine.Fields.Count];
        for (var k = 0; k < species.Length; k++)
            species[k] = Element(speciesLine, k);

        var countLine = Next("the atom counts");
        if (countLine.Fields.Count != species.Length)
            throw countLine.Error(Math.Min(countLine.Fields.Count, species.Length), $"expected {species.Length} atom counts, one per symbol on line {speciesLine.Number}, found {countLine.Fields.Count}");
        var counts = new int[species.Length];
        long total = 0;
        for (var k = 0; k < counts.Length; k++)
        {
            if (!int.TryParse(countLine.Fields[k], NumberStyles.None, CultureInfo.InvariantCulture, out counts[k]) || counts[k] < 1)
                throw countLine.Error(k, $"expected the number of {species[k]} atoms (a whole number from 1), found '{countLine.Fields[k]}'");
            total += counts[k];
        }

        if (total > int.MaxValue / 4)
            throw countLine.Error(0, $"{total} atoms is more than a structure holds");

        var modeLine = Next("Direct or Cartesian");
        var selective = FirstLetter(modeLine) is 'S' or 's';
        if (selective)
            modeLine = Next("Direct or Cartesian");
        var cartesian = FirstLetter(modeLine) switch
        {
            'C' or 'c' or 'K' or 'k' => true,
            'D' or 'd' => false,
            _ => throw modeLine.Error(0, $"expected 'Direct' or 'Cartesian'{(selective ? "" : " (or 'Selective dynamics')")}, found '{modeLine.Text.Trim()}'"),
        };

        var n = (int)total;
        // Grown as lines are read, not sized by the counts: counts far beyond a short file are an error at its end, not gigabytes.
        var symbols = new List<string>(Math.Min(n, 1024));
        var positions = new List<Vec3>(Math.Min(n, 1024));
        var masses = new List<double>(Math.Min(n, 1024));
        var movable = selective ? new List<bool>(Math.Min(3 * n, 3072)) : null;
        var i = 0;
        for (var k = 0; k < species.Length; k++)
        {
            var mass = AtomicData.tryFind(species[k]).Value.Mass;
            for (var j = 0; j < counts[k]; j++, i++)
            {
                var line = Next($"the position of atom {i + 1} of {n}");
                var needed = selective ? 6 : 3;
                if (line.Fields.Count < needed)
                    throw line.Error(line.Fields.Count, $"atom {i + 1} ({species[k]}) needs {(selective ? "three coordinates and three T/F flags" : "three coordinates")}, found {line.Fields.Count} fields");
                var r = new Vec3(Real(line, 0), Real(line, 1), Real(line, 2));
                var position = cartesian ? Scale(r) : cell.ToCartesian(r);
                if (!(double.IsFinite(position.X) && double.IsFinite(position.Y) && double.IsFinite(position.Z)))
                    throw line.Error(0, $"atom {i + 1} ({species[k]}) lies at {position}, not a finite position");
                positions.Add(position);
                symbols.Add(species[k]);
                masses.Add(mass);
                for (var d = 0; d < 3 && movable is not null; d++)
                {
                    movable.Add(line.Fields[3 + d] switch
                    {
                        "T" or "t" => true,
                        "F" or "f" => false,
                        _ => throw line.Error(3 + d, $"selective dynamics flag {"xyz"[d]} of atom {i + 1} must be T or F, found '{line.Fields[3 + d]}'"),
                    });
                }
            }
        }

        return new PoscarFile(new Structure(symbols, positions, masses, cell), comment, movable?.ToArray());
    }

    private static double[] ScaleFactors(TextLine line)
    {
        if (line.Fields.Count is not (1 or 3))
            throw line.Error(line.Fields.Count == 0 ? 0 : 1, $"expected one scale factor (or three, one per axis), found {line.Fields.Count} fields");
        var scale = line.Fields.Select((_, k) => Real(line, k)).ToArray();
        for (var k = 0; k < scale.Length; k++)
        {
            if (scale[k] == 0 || (scale.Length == 3 && scale[k] < 0))
                throw line.Error(k, scale.Length == 3
                    ? $"each of three scale factors must be positive, found {line.Fields[k]}"
                    : "the scale factor must not be 0 (a negative one gives the cell's volume in Å³)");
        }

        return scale;
    }

    private static string Element(TextLine line, int field)
    {
        var text = line.Fields[field];
        var end = text.IndexOfAny(['_', '/']);
        var symbol = end > 0 ? text[..end] : text;
        return FSharpOption<AtomicRecord>.get_IsSome(AtomicData.tryFind(symbol))
            ? symbol
            : throw line.Error(field, $"unknown element symbol '{symbol}'");
    }

    private static char FirstLetter(TextLine line) => line.IsBlank ? ' ' : line.Fields[0][0];

    private static double Real(TextLine line, int field)
    {
        var text = line.Fields[field];
        return XyzNumbers.TryParseReal(text, out var x) && double.IsFinite(x)
            ? x
            : throw line.Error(field, $"expected a finite number, found '{text}'");
    }
}
