using FsCheck;
using FsCheck.Fluent;
using Latent.Runtime.Structures;
using Latent.Runtime.Structures.ExtendedXyz;
using Xunit;

namespace Latent.Runtime.Tests.Structures;

/// <summary>Random extended XYZ frames for round-trip properties, and a bitwise comparison of two frames.</summary>
public static class XyzFrames
{
    private static readonly string[] Elements = ["H", "C", "O", "Na", "Cl", "Cu", "Fe"];
    private static readonly string[] InfoKeys = ["energy", "step", "converged", "comment", "tags", "ids", "flags", "stress", "name", "free_energy"];

    /// <summary>Any finite double: random bit patterns (every exponent, subnormals, -0) and ordinary magnitudes.</summary>
    private static Gen<double> Finite() =>
        Gen.OneOf(
            Gen.Two(Gen.Choose(int.MinValue, int.MaxValue))
                .Select(p => BitConverter.Int64BitsToDouble(((long)p.Item1 << 32) | (uint)p.Item2))
                .Where(double.IsFinite),
            Gen.Choose(-2_000_000, 2_000_000).Select(i => i / 1024.0),
            Gen.Choose(int.MinValue, int.MaxValue).Select(i => i * 1e-7),
            Gen.Elements(0.0, -0.0, 1.0, -1.0, 1e16, 5e-324, double.MaxValue, double.Epsilon));

    /// <summary>Finite doubles and the non-finite ones a data column may hold (NaN as .NET's NaN: text keeps no payload).</summary>
    private static Gen<double> Any() =>
        Gen.Frequency((9, Finite()), (1, Gen.Elements(double.NaN, double.PositiveInfinity, double.NegativeInfinity)));

    /// <summary>One-line text with the characters that stress quoting: spaces, quotes, brackets, backslashes, '=', commas, non-ASCII.</summary>
    private static Gen<string> Text() =>
        Gen.OneOf(
            Gen.Elements(' ', 'a', 'b', 'Z', '0', '1', '.', '-', '"', '\'', '\\', '=', ',', '{', '}', '[', ']', 'T', 'F', '\t', 'é', 'ρ', ':')
                .ArrayOf().Select(cs => new string(cs)),
            Gen.Elements("T", "F", "12", "-3.5", "1 2 3", "nan", "inf", "_JSON [1]", "_JSON \"x\"", "", " ", "a b"));

    /// <summary>A label without whitespace, for string columns.</summary>
    private static Gen<string> Token() =>
        Gen.Elements('a', 'Q', '7', '_', '-', '"', '=', '\\', 'ρ', 'T', '{').NonEmpty().Select(cs => new string(cs));

    /// <summary>Arrays of 1 to 6 elements.</summary>
    private static Gen<T[]> NonEmpty<T>(this Gen<T> gen) => Gen.Choose(1, 6).SelectMany(k => gen.ArrayOf(k));

    private static Gen<Cell> Cells() =>
        Gen.OneOf(
            Gen.Constant(Cell.None),
            Gen.Choose(1, 5000).Three().Select(t => Cell.Orthorhombic(t.Item1 / 97.0, t.Item2 / 89.0, t.Item3 / 83.0)),
            Gen.Choose(-100_000, 100_000).ArrayOf(9).Zip(Gen.Elements(true, false).ArrayOf(3), (m, pbc) => Triclinic(m, pbc)));

    /// <summary>A right-handed cell from nine numbers: made well-conditioned and right-handed if it is not.</summary>
    private static Cell Triclinic(int[] m, bool[] pbc)
    {
        var v = m.Select(x => x / 9973.0).ToArray();
        var a = new Vec3(v[0], v[1], v[2]);
        var b = new Vec3(v[3], v[4], v[5]);
        var c = new Vec3(v[6], v[7], v[8]);
        if (Math.Abs(Vec3.Dot(a, Vec3.Cross(b, c))) < 1)
        {
            a += new Vec3(7, 0, 0);
            b += new Vec3(0, 7, 0);
            c += new Vec3(0, 0, 7);
        }

        if (Vec3.Dot(a, Vec3.Cross(b, c)) < 0)
            (a, b) = (b, a);
        return new Cell(a, b, c, pbc[0], pbc[1], pbc[2]);
    }

    private static Gen<object> InfoValue(string key) => key switch
    {
        "stress" => Any().ArrayOf(9).Select(x => (object)x),
        _ => Gen.OneOf(
            Any().Select(x => (object)x),
            Gen.Choose(int.MinValue, int.MaxValue).Select(x => (object)x),
            Gen.Elements(true, false).Select(x => (object)x),
            Text().Select(x => (object)x),
            Any().NonEmpty().Select(x => (object)x),
            Gen.Choose(int.MinValue, int.MaxValue).NonEmpty().Select(x => (object)x),
            Gen.Elements(true, false).NonEmpty().Select(x => (object)x)),
    };

    private static Gen<XyzColumn> Column(int n) =>
        Gen.OneOf(
            Gen.Choose(1, 5).SelectMany(k => Any().ArrayOf(n * k).Select(v => XyzColumn.Real(v, k))),
            Gen.Choose(1, 2).SelectMany(k => Gen.Choose(int.MinValue, int.MaxValue).ArrayOf(n * k).Select(v => XyzColumn.Integer(v, k))),
            Token().ArrayOf(n).Select(v => XyzColumn.String(v)),
            Gen.Elements(true, false).ArrayOf(n * 3).Select(v => XyzColumn.Logical(v, 3)));

    /// <summary>Frames of 0 to 6 atoms with any cell, table or explicit masses, typed info and columns of every type.</summary>
    public static Gen<XyzFrame> Frame() =>
        from n in Gen.Choose(0, 6)
        from symbols in Gen.Elements(Elements).ArrayOf(n)
        from coordinates in Finite().ArrayOf(3 * n)
        from cell in Cells()
        from explicitMasses in Gen.Elements(true, false)
        from masses in Gen.Choose(1, 1_000_000).Select(i => i / 3.0).ArrayOf(n)
        from keys in Gen.SubListOf(InfoKeys)
        from values in Gen.CollectToArray(keys.Select(InfoValue))
        from columnCount in Gen.Choose(0, 4)
        from columns in Column(n).ArrayOf(columnCount)
        select Build(symbols, coordinates, cell, explicitMasses ? masses : null, keys, values, columns);

    private static XyzFrame Build(string[] symbols, double[] xyz, Cell cell, double[]? masses, IList<string> keys, object[] values, XyzColumn[] columns)
    {
        var n = symbols.Length;
        var positions = Enumerable.Range(0, n).Select(i => new Vec3(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2])).ToArray();
        masses ??= symbols.Select(s => Latent.Symbolic.PotentialFile.AtomicData.tryFind(s).Value.Mass).ToArray();
        var frame = new XyzFrame(new Structure(symbols, positions, masses, cell));
        for (var i = 0; i < keys.Count; i++)
            frame.Info[keys[i]] = values[i];
        for (var i = 0; i < columns.Length; i++)
            frame.Columns[$"col{i}"] = columns[i];
        return frame;
    }

    /// <summary>For [Property(Arbitrary = …)].</summary>
    public static class Arbitraries
    {
        /// <summary>Random frames.</summary>
        public static Arbitrary<XyzFrame> Frames() => Frame().ToArbitrary();
    }

    private static long Bits(double x) => BitConverter.DoubleToInt64Bits(x);

    private static void SameBits(double[] expected, double[] actual, string what)
    {
        Assert.True(expected.Length == actual.Length, $"{what}: {expected.Length} values, read {actual.Length}");
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Bits(expected[i]) == Bits(actual[i]), $"{what}[{i}]: wrote {expected[i]:R}, read {actual[i]:R}");
    }

    /// <summary>Asserts two frames are equal to the last bit: structure, cell, info (types and order) and columns.</summary>
    public static void AssertSame(XyzFrame expected, XyzFrame actual)
    {
        var (e, a) = (expected.Structure, actual.Structure);
        Assert.Equal(e.Symbols, a.Symbols);
        SameBits(e.X, a.X, "x");
        SameBits(e.Y, a.Y, "y");
        SameBits(e.Z, a.Z, "z");
        SameBits(e.Masses, a.Masses, "masses");
        Assert.Equal(e.Cell.Periodic, a.Cell.Periodic);
        for (var i = 0; i < 3; i++)
            SameBits([e.Cell[i].X, e.Cell[i].Y, e.Cell[i].Z], [a.Cell[i].X, a.Cell[i].Y, a.Cell[i].Z], $"lattice vector {i}");

        Assert.Equal(expected.Info.Keys, actual.Info.Keys);
        foreach (var (key, value) in expected.Info)
        {
            var read = actual.Info[key];
            Assert.True(value.GetType() == read.GetType(), $"info {key}: wrote {value.GetType().Name}, read {read.GetType().Name}");
            switch (value)
            {
                case double d: SameBits([d], [(double)read], key); break;
                case double[] d: SameBits(d, (double[])read, key); break;
                case int[] i: Assert.Equal(i, (int[])read); break;
                case bool[] b: Assert.Equal(b, (bool[])read); break;
                default: Assert.Equal(value, read); break;
            }
        }

        Assert.Equal(expected.Columns.Names, actual.Columns.Names);
        foreach (var (name, column) in expected.Columns)
        {
            var read = actual.Columns[name];
            Assert.Equal(column.Type, read.Type);
            Assert.Equal(column.Components, read.Components);
            if (column.Type == XyzColumnType.Real)
                SameBits(column.Reals, read.Reals, name);
            else
                Assert.Equal(column.Values.Cast<object>(), read.Values.Cast<object>());
        }
    }
}
