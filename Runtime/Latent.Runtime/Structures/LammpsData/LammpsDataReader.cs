using System.Globalization;
using Latent.Runtime.Structures.ExtendedXyz;
using Latent.Symbolic.PotentialFile;
using Microsoft.FSharp.Core;

namespace Latent.Runtime.Structures.LammpsData;

/// <summary>
/// Reads a LAMMPS data file of atom style atomic or charge: the header (atoms, atom types, xlo xhi, ylo yhi,
/// zlo zhi, xy xz yz), Masses, Atoms (image flags accepted) and Velocities. Every problem raises a
/// <see cref="StructureFileException"/> naming file, line and column.
/// </summary>
/// <remarks>
/// Atom types become elements by the LAMMPS convention <c>pair_coeff * * Na Cl</c>: type i is the i-th element
/// of the order given (a potential's element order), unless the Masses section names each type's element in its
/// comment (<c>1 22.98977 # Na</c>), as Latent writes it. The style is the Atoms section's comment
/// (<c>Atoms # charge</c>) or, without one, the number of fields of its lines. A data file has no boundary
/// conditions (they belong to the input script), so the cell is periodic in all three directions, LAMMPS's
/// default <c>boundary p p p</c>. Pair Coeffs and PairIJ Coeffs sections are skipped; sections of other atom
/// styles (Bonds, Ellipsoids…) and nonzero bond counts are refused.
/// </remarks>
public static class LammpsDataReader
{
    private static readonly string[] TopologyCounts = ["bonds", "angles", "dihedrals", "impropers", "ellipsoids", "lines", "triangles", "bodies"];

    /// <summary>Reads a file.</summary>
    /// <param name="path">The data file.</param>
    /// <param name="elementOrder">The element of each atom type in turn (type 1 first), used for types the Masses section does not name.</param>
    public static LammpsDataFile ReadFile(string path, IReadOnlyList<string> elementOrder)
    {
        using var reader = new StreamReader(path);
        return Read(reader, path, elementOrder);
    }

    /// <summary>Reads a text, naming it <paramref name="sourceName"/> in errors.</summary>
    public static LammpsDataFile Parse(string text, IReadOnlyList<string> elementOrder, string sourceName = "<text>")
    {
        using var reader = new StringReader(text);
        return Read(reader, sourceName, elementOrder);
    }

    /// <summary>Reads a text reader, naming it <paramref name="sourceName"/> in errors.</summary>
    public static LammpsDataFile Read(TextReader reader, string sourceName, IReadOnlyList<string> elementOrder)
    {
        ArgumentNullException.ThrowIfNull(elementOrder);
        var lines = new List<TextLine>();
        while (reader.ReadLine() is { } text)
            lines.Add(TextLine.Split(sourceName, lines.Count + 1, text, hashComments: true));
        return new Parsing(sourceName, lines, elementOrder).Run();
    }

    private sealed class Parsing(string file, List<TextLine> lines, IReadOnlyList<string> order)
    {
        private int next = 1; // line 1 is the title
        private long atomCount = -1;
        private int typeCount = -1;
        private readonly (double Lo, double Hi, TextLine Line)?[] bounds = new (double, double, TextLine)?[3];
        private (double Xy, double Xz, double Yz) tilt;
        private TextLine? atomsLine, typesLine;
        private readonly Dictionary<int, (double Mass, string? Element, TextLine Line)> masses = [];
        private TextLine? massesSection;
        private LammpsAtomStyle? style;
        private List<(long Id, int Type, double Q, Vec3 R, int[] Image, TextLine Line)>? atoms;
        private Dictionary<long, (Vec3 V, TextLine Line)>? velocities;

        public LammpsDataFile Run()
        {
            if (lines.Count == 0)
                throw new StructureFileException(file, 1, 1, "the file is empty; a LAMMPS data file starts with a title line and a header");
            ReadHeader();
            while (NextNonBlank() is { } keyword)
                ReadSection(keyword);
            return Build();
        }

        private TextLine? NextNonBlank()
        {
            while (next < lines.Count && lines[next].IsBlank)
                next++;
            return next < lines.Count ? lines[next++] : null;
        }

        private StructureFileException AtEnd(string reason) => new(file, lines.Count + 1, 1, reason);

        private void ReadHeader()
        {
            while (next < lines.Count)
            {
                var line = lines[next];
                if (line.IsBlank)
                {
                    next++;
                    continue;
                }

                // The header ends at the first line that does not start with a number: a section keyword.
                if (!IsNumber(line.Fields[0]))
                {
                    if (!IsSection(string.Join(' ', line.Fields)))
                        throw line.Error($"expected a header line ('N atoms', 'N atom types', 'xlo xhi', …) or a section (Masses, Atoms, Velocities), found '{line.Text.Trim()}'");
                    break;
                }

                next++;
                HeaderLine(line);
            }

            if (atomsLine is null)
                throw (next < lines.Count ? lines[next].Error("the header has no 'N atoms' line before this section") : AtEnd("the header has no 'N atoms' line"));
            if (typesLine is null)
                throw (next < lines.Count ? lines[next].Error("the header has no 'N atom types' line before this section") : AtEnd("the header has no 'N atom types' line"));
            for (var d = 0; d < 3; d++)
            {
                if (bounds[d] is null)
                {
                    var name = $"{"xyz"[d]}lo {"xyz"[d]}hi";
                    throw (next < lines.Count ? lines[next].Error($"the header has no '{name}' line before this section") : AtEnd($"the header has no '{name}' line"));
                }
            }
        }

        private void HeaderLine(TextLine line)
        {
            var f = line.Fields;
            var words = string.Join(' ', f.SkipWhile(IsNumber));
            var numbers = f.TakeWhile(IsNumber).Count();
            switch (words)
            {
                case "atoms":
                    Once(line, atomsLine, "atoms");
                    atomsLine = line;
                    atomCount = Count(line, numbers, 1);
                    break;
                case "atom types":
                    Once(line, typesLine, "atom types");
                    typesLine = line;
                    var types = Count(line, numbers, 1);
                    typeCount = types is >= 1 and <= 10_000
                        ? (int)types
                        : throw line.Error(0, $"expected a number of atom types from 1 to 10000, found '{f[0]}'");
                    break;
                case "xlo xhi" or "ylo yhi" or "zlo zhi":
                    var d = words[0] - 'x';
                    if (bounds[d] is not null)
                        throw line.Error($"the header gives '{words}' twice");
                    Numbers(line, numbers, 2, words);
                    var (lo, hi) = (Real(line, 0), Real(line, 1));
                    if (!(hi > lo))
                        throw line.Error(1, $"{words}: {words[..3]} must be above {words[4..]} (found {f[0]} {f[1]})");
                    if (!double.IsFinite(hi - lo))
                        throw line.Error(1, $"{words}: the box length {XyzNumbers.Real(hi - lo)} must be finite");
                    bounds[d] = (lo, hi, line);
                    break;
                case "xy xz yz":
                    Numbers(line, numbers, 3, words);
                    tilt = (Real(line, 0), Real(line, 1), Real(line, 2));
                    break;
                default:
                    if (TopologyCounts.Any(t => words == t || words == t[..^1] + " types") && numbers == 1)
                    {
                        // Written as 0 by many tools for every style; anything else needs a style this reader does not take.
                        if (Count(line, numbers, 1) != 0)
                            throw line.Error(0, $"'{string.Join(' ', f)}': only atom styles atomic and charge are read, which have no {words}");
                        break;
                    }

                    if (words.StartsWith("extra ", StringComparison.Ordinal) && numbers == 1)
                        break;
                    throw line.Error(numbers < f.Count ? numbers : 0,
                        $"unknown header line '{string.Join(' ', f)}'; expected 'N atoms', 'N atom types', 'xlo xhi', 'ylo yhi', 'zlo zhi' or 'xy xz yz'");
            }
        }

        private static void Once(TextLine line, TextLine? before, string what)
        {
            if (before is not null)
                throw line.Error($"the header gives '{what}' twice (first on line {before.Number})");
        }

        private static long Count(TextLine line, int numbers, int expected)
        {
            Numbers(line, numbers, expected, string.Join(' ', line.Fields.Skip(numbers)));
            return long.TryParse(line.Fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                ? n
                : throw line.Error(0, $"expected a count (a whole number, 0 or more), found '{line.Fields[0]}'");
        }

        private static void Numbers(TextLine line, int numbers, int expected, string words)
        {
            if (numbers != expected)
                throw line.Error(numbers > expected ? expected : 0, $"'{words}' needs {expected} number{(expected == 1 ? "" : "s")} before it, found {numbers}");
        }

        private static double Real(TextLine line, int field)
        {
            var text = line.Fields[field];
            return XyzNumbers.TryParseReal(text, out var x) && double.IsFinite(x)
                ? x
                : throw line.Error(field, $"expected a finite number, found '{text}'");
        }

        private static bool IsNumber(string s) => XyzNumbers.TryParseReal(s, out _);

        private void ReadSection(TextLine keyword)
        {
            var name = string.Join(' ', keyword.Fields);
            switch (name)
            {
                case "Masses":
                    Twice(keyword, massesSection);
                    massesSection = keyword;
                    foreach (var line in Body(keyword, typeCount, "atom types"))
                        MassLine(line);
                    break;
                case "Atoms":
                    if (atoms is not null)
                        throw keyword.Error("the file has two Atoms sections");
                    style = Style(keyword);
                    atoms = [];
                    foreach (var line in Body(keyword, atomCount, "atoms"))
                        atoms.Add(AtomLine(line));
                    break;
                case "Velocities":
                    if (velocities is not null)
                        throw keyword.Error("the file has two Velocities sections");
                    velocities = [];
                    foreach (var line in Body(keyword, atomCount, "atoms"))
                        VelocityLine(line);
                    break;
                case "Pair Coeffs":
                    // Coefficients belong to a pair style Latent does not run; counted only to pass over them.
                    foreach (var _ in Body(keyword, typeCount, "atom types"))
                    {
                    }

                    break;
                case "PairIJ Coeffs":
                    foreach (var _ in Body(keyword, (long)typeCount * (typeCount + 1) / 2, "type pairs"))
                    {
                    }

                    break;
                default:
                    throw keyword.Error(IsKnownSection(name)
                        ? $"section '{name}' belongs to an atom style other than atomic and charge, the two that are read"
                        : $"expected a section (Masses, Atoms, Velocities), found '{keyword.Text.Trim()}'"
                          + (atoms is not null && IsNumber(keyword.Fields[0]) ? $" (the header declares {atomCount} atoms)" : ""));
            }
        }

        private static bool IsSection(string name) => name is "Masses" or "Atoms" or "Velocities" or "Pair Coeffs" or "PairIJ Coeffs" || IsKnownSection(name);

        private static bool IsKnownSection(string name) => name is "Bonds" or "Angles" or "Dihedrals" or "Impropers" or "Ellipsoids" or "Lines" or "Triangles"
            or "Bodies" or "Bond Coeffs" or "Angle Coeffs" or "Dihedral Coeffs" or "Improper Coeffs" or "BondBond Coeffs" or "BondAngle Coeffs"
            or "MiddleBondTorsion Coeffs" or "EndBondTorsion Coeffs" or "AngleTorsion Coeffs" or "AngleAngleTorsion Coeffs" or "BondBond13 Coeffs"
            or "AngleAngle Coeffs" or "Atom Type Labels" or "Bond Type Labels" or "Angle Type Labels" or "Dihedral Type Labels" or "Improper Type Labels";

        private static void Twice(TextLine keyword, TextLine? before)
        {
            if (before is not null)
                throw keyword.Error($"the file has two {keyword.Fields[0]} sections (the first on line {before.Number})");
        }

        /// <summary>The <paramref name="count"/> entry lines of a section, blank lines before and between them passed over.</summary>
        private IEnumerable<TextLine> Body(TextLine keyword, long count, string what)
        {
            var name = string.Join(' ', keyword.Fields);
            for (long k = 0; k < count; k++)
            {
                var line = NextNonBlank() ?? throw AtEnd($"the file ends after {k} of the {count} lines of the {name} section (line {keyword.Number}; the header declares {count} {what})");
                if (!IsNumber(line.Fields[0]))
                    throw line.Error($"the {name} section (line {keyword.Number}) ends after {k} line{(k == 1 ? "" : "s")}, but the header declares {count} {what}");
                yield return line;
            }
        }

        private LammpsAtomStyle Style(TextLine keyword)
        {
            var comment = keyword.Comment;
            if (string.IsNullOrEmpty(comment))
            {
                // No style comment: the first entry's field count tells atomic (5, or 8 with image flags) from charge (6 or 9).
                var first = lines.Skip(next).FirstOrDefault(l => !l.IsBlank);
                return first?.Fields.Count switch
                {
                    5 or 8 => LammpsAtomStyle.Atomic,
                    6 or 9 => LammpsAtomStyle.Charge,
                    null => LammpsAtomStyle.Atomic,
                    _ => throw first.Error($"the Atoms section has no style comment ('Atoms # charge'), and its lines of {first.Fields.Count} fields fit neither "
                        + "atomic (id type x y z [ix iy iz]) nor charge (id type q x y z [ix iy iz])"),
                };
            }

            var word = comment.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0];
            return word switch
            {
                "atomic" => LammpsAtomStyle.Atomic,
                "charge" => LammpsAtomStyle.Charge,
                _ => throw new StructureFileException(file, keyword.Number, keyword.CommentColumn,
                    $"atom style '{word}' is not read; write the data file with atom_style atomic or charge"),
            };
        }

        private void MassLine(TextLine line)
        {
            var f = line.Fields;
            if (f.Count != 2)
                throw line.Error(Math.Min(f.Count, 2), $"a Masses line is 'type mass' (with an optional '# Element'), found {f.Count} fields");
            var type = Type(line, 0);
            if (masses.TryGetValue(type, out var before))
                throw line.Error(0, $"atom type {type} has a mass already (line {before.Line.Number})");
            var mass = Real(line, 1);
            if (!(mass > 0))
                throw line.Error(1, $"the mass of atom type {type} must be positive, found {f[1]}");
            masses[type] = (mass, ElementNamed(line.Comment), line);
        }

        /// <summary>The element a Masses comment names (its first word, an element symbol as written), or null for any other comment.</summary>
        private static string? ElementNamed(string? comment)
        {
            if (string.IsNullOrEmpty(comment))
                return null;
            var word = comment.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0];
            return FSharpOption<AtomicRecord>.get_IsSome(AtomicData.tryFind(word)) ? word : null;
        }

        private int Type(TextLine line, int field)
        {
            var text = line.Fields[field];
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var type) && type >= 1 && type <= typeCount
                ? type
                : throw line.Error(field, $"expected an atom type from 1 to {typeCount} (the header declares {typeCount} atom types), found '{text}'");
        }

        private static long Id(TextLine line)
        {
            var text = line.Fields[0];
            return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id >= 1
                ? id
                : throw line.Error(0, $"expected an atom id (a whole number from 1), found '{text}'");
        }

        private (long, int, double, Vec3, int[], TextLine) AtomLine(TextLine line)
        {
            var charge = style == LammpsAtomStyle.Charge;
            var layout = charge ? "id type q x y z [ix iy iz]" : "id type x y z [ix iy iz]";
            var plain = charge ? 6 : 5;
            var f = line.Fields;
            if (f.Count != plain && f.Count != plain + 3)
                throw line.Error(f.Count < plain ? f.Count : f.Count < plain + 3 ? plain : plain + 3,
                    $"an Atoms line of style {(charge ? "charge" : "atomic")} is '{layout}', found {f.Count} fields");
            var id = Id(line);
            var type = Type(line, 1);
            var q = charge ? Real(line, 2) : 0;
            var p = plain - 3;
            var r = new Vec3(Real(line, p), Real(line, p + 1), Real(line, p + 2));
            var image = new int[3];
            for (var k = 0; k < 3 && f.Count > plain; k++)
            {
                if (!int.TryParse(f[plain + k], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out image[k]))
                    throw line.Error(plain + k, $"image flag {"xyz"[k]}: expected a whole number, found '{f[plain + k]}'");
            }

            return (id, type, q, r, image, line);
        }

        private void VelocityLine(TextLine line)
        {
            if (line.Fields.Count != 4)
                throw line.Error(Math.Min(line.Fields.Count, 4), $"a Velocities line of style atomic or charge is 'id vx vy vz', found {line.Fields.Count} fields");
            var id = Id(line);
            var v = new Vec3(Real(line, 1), Real(line, 2), Real(line, 3)) * (1 / LammpsDataFile.FemtosecondsPerPicosecond);
            if (!velocities!.TryAdd(id, (v, line)))
                throw line.Error(0, $"atom {id} has a velocity already (line {velocities[id].Line.Number})");
        }

        private LammpsDataFile Build()
        {
            if (atoms is null && atomCount > 0)
                throw AtEnd($"the file has no Atoms section for its {atomCount} atoms");
            atoms ??= [];
            var named = masses.Values.Where(m => m.Element is not null).ToList();
            if (named.Count > 0 && named.Count < typeCount)
            {
                var unnamed = Enumerable.Range(1, typeCount).First(t => !masses.TryGetValue(t, out var m) || m.Element is null);
                var where = masses.TryGetValue(unnamed, out var m2) ? m2.Line : massesSection!;
                throw where.Error($"the Masses section names the element of some atom types in comments but not of type {unnamed}; name every type's element (as '{unnamed} mass # Element') or none");
            }

            var byId = new Dictionary<long, TextLine>();
            foreach (var atom in atoms)
            {
                if (!byId.TryAdd(atom.Id, atom.Line))
                    throw atom.Line.Error(0, $"atom id {atom.Id} is used twice (first on line {byId[atom.Id].Number})");
            }

            // Atoms in the order of their ids, as LAMMPS numbers them in dumps sorted by id.
            atoms.Sort((x, y) => x.Id.CompareTo(y.Id));
            var box = new LammpsBox(bounds[0]!.Value.Lo, bounds[1]!.Value.Lo, bounds[2]!.Value.Lo,
                bounds[0]!.Value.Hi - bounds[0]!.Value.Lo, bounds[1]!.Value.Hi - bounds[1]!.Value.Lo, bounds[2]!.Value.Hi - bounds[2]!.Value.Lo,
                tilt.Xy, tilt.Xz, tilt.Yz);
            Cell cell;
            try
            {
                cell = box.ToCell();
            }
            catch (ArgumentException error)
            {
                throw bounds[0]!.Value.Line.Error($"the box is not a cell: {error.Message}");
            }

            var n = atoms.Count;
            var symbols = new string[n];
            var positions = new Vec3[n];
            var atomMasses = new double[n];
            var charges = style == LammpsAtomStyle.Charge ? new double[n] : null;
            for (var i = 0; i < n; i++)
            {
                var atom = atoms[i];
                symbols[i] = Element(atom.Type, atom.Line);
                var image = atom.Image;
                positions[i] = atom.R + image[0] * cell.A + image[1] * cell.B + image[2] * cell.C;
                if (!(double.IsFinite(positions[i].X) && double.IsFinite(positions[i].Y) && double.IsFinite(positions[i].Z)))
                    throw atom.Line.Error($"atom {atom.Id} unwrapped by its image flags lies at {positions[i]}; positions must be finite");
                atomMasses[i] = masses.TryGetValue(atom.Type, out var m) ? m.Mass : AtomicMass(symbols[i], atom.Type, atom.Line);
                if (charges is not null)
                    charges[i] = atom.Q;
            }

            Vec3[]? v = null;
            if (velocities is not null)
            {
                foreach (var (id, (_, line)) in velocities)
                {
                    if (!byId.ContainsKey(id))
                        throw line.Error(0, $"the Velocities section has a line for atom {id}, which the Atoms section does not have");
                }

                // As many lines as atoms and none for an unknown atom: every atom has its velocity.
                v = new Vec3[n];
                for (var i = 0; i < n; i++)
                    v[i] = velocities[atoms[i].Id].V;
            }

            return new LammpsDataFile(new Structure(symbols, positions, atomMasses, cell), style ?? LammpsAtomStyle.Atomic, charges, v, lines[0].Text.Trim());
        }

        private string Element(int type, TextLine line)
        {
            if (masses.TryGetValue(type, out var m) && m.Element is not null)
                return m.Element;
            return type <= order.Count
                ? order[type - 1]
                : throw line.Error(1, $"atom type {type} has no element: the element order is {string.Join(' ', order)} ({order.Count} types), "
                    + "and the Masses section does not name the element ('1 22.98977 # Na')");
        }

        private static double AtomicMass(string symbol, int type, TextLine line)
        {
            var record = AtomicData.tryFind(symbol);
            return FSharpOption<AtomicRecord>.get_IsSome(record)
                ? record.Value.Mass
                : throw line.Error(1, $"atom type {type} is '{symbol}', which has no mass in the atomic-data table; give it one in a Masses section");
        }
    }
}
