using System.Text;
using Latent.Symbolic.PotentialFile;
using Microsoft.FSharp.Core;

namespace Latent.Runtime.Structures.ExtendedXyz;

/// <summary>
/// Reads extended XYZ in ASE's dialect, one frame or a whole trajectory, and plain XYZ
/// (<c>symbol x y z</c> lines under a free comment line). Masses come from a <c>masses</c> column or else
/// from the atomic-data table. Every problem raises an <see cref="XyzFormatException"/> naming file, line
/// and column.
/// </summary>
/// <remarks>
/// As in ASE: Lattice rows are the vectors a, b, c; pbc defaults to T T T when a Lattice is given and F F F
/// otherwise; species are capitalised (NA → Na); a frame without Properties is <c>species:S:1:pos:R:3</c>;
/// a Z column stands in for missing species. Stricter than ASE: an atom line must have exactly the fields
/// Properties declares, coordinates, lattice vectors and masses must be finite, and a key may not repeat.
/// A comment line without '=' and without Lattice/Properties/pbc is kept whole as info "comment".
/// </remarks>
public static class ExtendedXyzReader
{
    /// <summary>Reads every frame of a file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="tornFinalFrame">Null reads strictly (a torn frame is an error); otherwise a torn final frame is dropped and this is told why (see <see cref="Enumerate"/>).</param>
    public static IReadOnlyList<XyzFrame> ReadFile(string path, Action<XyzFormatException>? tornFinalFrame = null)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        return Read(reader, path, tornFinalFrame);
    }

    /// <summary>Reads every frame of a stream (UTF-8), naming it <paramref name="sourceName"/> in errors.</summary>
    public static IReadOnlyList<XyzFrame> Read(Stream stream, string sourceName = "<stream>", Action<XyzFormatException>? tornFinalFrame = null)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        return Read(reader, sourceName, tornFinalFrame);
    }

    /// <summary>Reads every frame of a text reader.</summary>
    public static IReadOnlyList<XyzFrame> Read(TextReader reader, string sourceName = "<input>", Action<XyzFormatException>? tornFinalFrame = null) =>
        Enumerate(reader, sourceName, tornFinalFrame).ToList();

    /// <summary>Reads every frame of a string.</summary>
    public static IReadOnlyList<XyzFrame> Parse(string text, string sourceName = "<text>", Action<XyzFormatException>? tornFinalFrame = null)
    {
        using var reader = new StringReader(text);
        return Read(reader, sourceName, tornFinalFrame);
    }

    /// <summary>Reads exactly one frame from a string.</summary>
    /// <exception cref="XyzFormatException">The text holds no frame or more than one.</exception>
    public static XyzFrame ParseSingle(string text, string sourceName = "<text>")
    {
        var frames = Parse(text, sourceName);
        if (frames.Count != 1)
            throw new XyzFormatException(sourceName, 1, 1, $"expected one frame, found {frames.Count}");
        return frames[0];
    }

    /// <summary>
    /// Reads frames one at a time as the enumeration advances, so a long trajectory need not fit in memory.
    /// Blank lines between frames and at the end are skipped.
    /// </summary>
    /// <param name="reader">The text.</param>
    /// <param name="sourceName">Its name in errors.</param>
    /// <param name="tornFinalFrame">
    /// Null reads strictly: every problem is an error. Given, the source is a trajectory that a run killed
    /// mid-write may have left with its last frame cut short: a final frame that fails with nothing but blank
    /// lines after the failing line (truncated or missing atom lines, a missing comment line), or whose last
    /// line has no line break (it may end mid-number), is dropped, and this is called with where and why.
    /// A problem followed by more text is still an error.
    /// </param>
    public static IEnumerable<XyzFrame> Enumerate(TextReader reader, string sourceName = "<input>", Action<XyzFormatException>? tornFinalFrame = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sourceName);
        var lines = new XyzLineSource(reader, sourceName);
        while (lines.Next() is { } countLine)
        {
            if (string.IsNullOrWhiteSpace(countLine))
                continue;
            if (tornFinalFrame is null)
            {
                yield return ReadFrame(lines, countLine);
                continue;
            }

            var start = lines.Line;
            XyzFrame frame;
            try
            {
                frame = ReadFrame(lines, countLine);
            }
            catch (XyzFormatException error) when (lines.OnlyBlankLinesLeft())
            {
                tornFinalFrame(new XyzFormatException(error.FileName, error.Line, error.Column,
                    $"the last frame (from line {start}) is incomplete, as a run stopped mid-write leaves it, and was dropped: {error.Reason}"));
                yield break;
            }

            if (!lines.Terminated && lines.OnlyBlankLinesLeft())
            {
                tornFinalFrame(new XyzFormatException(sourceName, lines.Line - 1, 1,
                    $"the last frame (from line {start}) ends without a line break, so its last number may be cut short, and was dropped"));
                yield break;
            }

            yield return frame;
        }
    }

    private static XyzFrame ReadFrame(XyzLineSource lines, string countLine)
    {
        var first = lines.Line;
        var countText = countLine.Trim();
        if (!XyzNumbers.TryParseInteger(countText, out var n) || n < 0)
            throw lines.Here.Error(FirstNonSpace(countLine), $"expected the number of atoms, found '{countText}'");

        var comment = lines.Next()
            ?? throw lines.Here.Error(1, $"the file ends before the comment line of the frame that starts at line {first}");
        var header = Header.Parse(comment, lines.Here);
        var props = header.Properties;
        CheckLayout(props, lines.Here, header.PropertiesColumn);

        int Index(string name) => props.ToList().FindIndex(p => p.Name == name);
        int FirstField(int p) => props.Take(p).Sum(q => q.Components);
        var (species, z, pos, massIndex) = (Index("species"), Index("Z"), Index("pos"), Index("masses"));
        var symbolField = FirstField(species >= 0 ? species : z);
        var posField = FirstField(pos);
        var massField = massIndex >= 0 ? FirstField(massIndex) : -1;

        var expected = props.Sum(p => p.Components);
        // Sized by the atom lines read so far, not by the count line alone: a count of a billion atoms in a short
        // file is an error at its end, not an allocation of gigabytes.
        var capacity = 0;
        var data = props.Select(p => Allocate(p, capacity)).ToArray();
        var symbols = new string[capacity];
        var positions = new Vec3[capacity];
        var masses = new double[capacity];
        for (var atom = 0; atom < n; atom++)
        {
            if (atom == capacity)
            {
                capacity = (int)Math.Min(n, Math.Max(1024, 2L * capacity));
                for (var p = 0; p < props.Count; p++)
                    data[p] = Grown(data[p], props[p], capacity);
                Array.Resize(ref symbols, capacity);
                Array.Resize(ref positions, capacity);
                masses = massIndex >= 0 ? (double[])data[massIndex] : Grown(masses, capacity);
            }
            var line = lines.Next()
                ?? throw lines.Here.Error(1, $"the file ends after {atom} of the {n} atoms of the frame that starts at line {first}");
            var at = lines.Here;
            var (fields, columns) = Fields(line);
            if (fields.Count != expected)
            {
                var column = fields.Count < expected ? line.TrimEnd().Length + 1 : columns[expected];
                throw at.Error(column, $"expected {expected} fields ({Describe(props)}), found {fields.Count}");
            }

            var k = 0;
            for (var p = 0; p < props.Count; p++)
            {
                for (var c = 0; c < props[p].Components; c++, k++)
                    Store(props[p], data[p], atom * props[p].Components + c, fields[k], at, columns[k], c);
            }

            // Checks that need the atom as a whole, while its line and columns are at hand.
            if (species >= 0)
            {
                symbols[atom] = Capitalise(fields[symbolField]);
            }
            else
            {
                var number = ((int[])data[z])[atom];
                symbols[atom] = AtomicData.all().FirstOrDefault(r => r.AtomicNumber == number)?.Symbol
                    ?? throw at.Error(columns[symbolField], $"atom index {atom}: no element has atomic number {number}");
            }

            var xyz = (double[])data[pos];
            for (var c = 0; c < 3; c++)
            {
                if (!double.IsFinite(xyz[3 * atom + c]))
                    throw at.Error(columns[posField + c], $"atom index {atom}: coordinate {"xyz"[c]} is {XyzNumbers.Real(xyz[3 * atom + c])}; positions must be finite");
            }

            positions[atom] = new Vec3(xyz[3 * atom], xyz[3 * atom + 1], xyz[3 * atom + 2]);
            if (massIndex >= 0)
            {
                if (!double.IsFinite(masses[atom]) || masses[atom] < 0)
                    throw at.Error(columns[massField], $"atom index {atom}: mass {XyzNumbers.Real(masses[atom])} must be finite and not negative");
            }
            else
            {
                var record = AtomicData.tryFind(symbols[atom]);
                if (FSharpOption<AtomicRecord>.get_IsNone(record))
                    throw at.Error(columns[symbolField], $"atom index {atom}: unknown element symbol '{symbols[atom]}', and no masses column gives its mass");
                masses[atom] = record.Value.Mass;
            }
        }

        var frame = new XyzFrame(new Structure(symbols, positions, masses, header.Cell));
        foreach (var (key, value) in header.Info)
            frame.Info[key] = value;
        for (var p = 0; p < props.Count; p++)
        {
            // Species, positions and masses live in the structure; Z too when it stood in for species.
            if (p == species || p == pos || p == massIndex || (p == z && species < 0))
                continue;
            frame.Columns[props[p].Name] = props[p].Type switch
            {
                XyzColumnType.Real => XyzColumn.Real((double[])data[p], props[p].Components),
                XyzColumnType.Integer => XyzColumn.Integer((int[])data[p], props[p].Components),
                XyzColumnType.String => XyzColumn.String((string[])data[p], props[p].Components),
                _ => XyzColumn.Logical((bool[])data[p], props[p].Components),
            };
        }

        return frame;
    }

    /// <summary>Checks the columns the structure is built from before any atom line is read.</summary>
    private static void CheckLayout(IReadOnlyList<XyzProperty> props, XyzLocation at, int propertiesColumn)
    {
        XyzProperty? Find(string name) => props.FirstOrDefault(p => p.Name == name);

        void Require(XyzProperty? p, XyzColumnType type, int components)
        {
            if (p is not null && (p.Type != type || p.Components != components))
                throw at.Error(p.Column, $"column '{p.Name}' must be {p.Name}:{XyzColumn.Letter(type)}:{components}, found {p.Descriptor}");
        }

        var species = Find("species");
        var z = Find("Z");
        if (species is null && z is null)
            throw at.Error(propertiesColumn, "Properties has no 'species' column (nor 'Z')");
        Require(species, XyzColumnType.String, 1);
        // Z only needs to be atomic numbers when it stands in for species; otherwise it is an ordinary column.
        if (species is null)
            Require(z, XyzColumnType.Integer, 1);
        var pos = Find("pos") ?? throw at.Error(propertiesColumn, "Properties has no 'pos' column");
        Require(pos, XyzColumnType.Real, 3);
        Require(Find("masses"), XyzColumnType.Real, 1);
    }

    private static Array Grown(Array data, XyzProperty p, int atoms)
    {
        var grown = Allocate(p, atoms);
        Array.Copy(data, grown, data.Length);
        return grown;
    }

    private static double[] Grown(double[] data, int atoms)
    {
        Array.Resize(ref data, atoms);
        return data;
    }

    private static Array Allocate(XyzProperty p, int atoms) => p.Type switch
    {
        XyzColumnType.Real => new double[atoms * p.Components],
        XyzColumnType.Integer => new int[atoms * p.Components],
        XyzColumnType.String => new string[atoms * p.Components],
        _ => new bool[atoms * p.Components],
    };

    private static void Store(XyzProperty p, Array data, int index, string field, XyzLocation at, int column, int component)
    {
        var what = p.Components == 1 ? $"'{p.Name}'" : $"'{p.Name}' component {component + 1}";
        switch (data)
        {
            case double[] d:
                if (!XyzNumbers.TryParseReal(field, out d[index]))
                    throw at.Error(column, $"{what}: expected a real number, found '{field}'");
                break;
            case int[] i:
                if (!XyzNumbers.TryParseInteger(field, out i[index]))
                    throw at.Error(column, $"{what}: expected an integer, found '{field}'");
                break;
            case bool[] b:
                if (!XyzNumbers.TryParseLogical(field, out b[index]))
                    throw at.Error(column, $"{what}: expected T or F, found '{field}'");
                break;
            default:
                ((string[])data)[index] = field;
                break;
        }
    }

    /// <summary>The fields' names for an error message: "species, x, y, z" for plain XYZ, "forces×3" for vectors.</summary>
    private static string Describe(IReadOnlyList<XyzProperty> props) =>
        props.Count == 2 && props[0].Descriptor == "species:S:1" && props[1].Descriptor == "pos:R:3"
            ? "species, x, y, z"
            : string.Join(", ", props.Select(p => p.Components == 1 ? p.Name : $"{p.Name}×{p.Components}"));

    private static (List<string> Fields, List<int> Columns) Fields(string line)
    {
        var fields = new List<string>();
        var columns = new List<int>();
        var i = 0;
        while (i < line.Length)
        {
            if (char.IsWhiteSpace(line[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < line.Length && !char.IsWhiteSpace(line[i]))
                i++;
            fields.Add(line[start..i]);
            columns.Add(start + 1);
        }

        return (fields, columns);
    }

    private static int FirstNonSpace(string line)
    {
        var i = 0;
        while (i < line.Length && char.IsWhiteSpace(line[i]))
            i++;
        return i + 1;
    }

    private static string Capitalise(string s) =>
        s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..].ToLowerInvariant();
}
