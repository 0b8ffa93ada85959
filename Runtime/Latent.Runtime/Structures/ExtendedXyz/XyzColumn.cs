namespace Latent.Runtime.Structures.ExtendedXyz;

/// <summary>
/// One per-atom column of an extended XYZ frame (charges, forces, latent weights, velocities, labels…):
/// a type, a number of components per atom, and the values stored atom by atom
/// (row-major: atom i's component c is at <c>i * Components + c</c>). The arrays are shared, not copied.
/// </summary>
public sealed class XyzColumn
{
    private XyzColumn(XyzColumnType type, int components, Array values)
    {
        if (components < 1)
            throw new ArgumentOutOfRangeException(nameof(components), components, "a column has at least one component per atom");
        if (values.Length % components != 0)
            throw new ArgumentException($"{values.Length} values do not divide into rows of {components} components", nameof(values));
        Type = type;
        Components = components;
        Values = values;
        Rows = values.Length / components;
    }

    /// <summary>A real column; <paramref name="values"/> holds <paramref name="components"/> numbers per atom.</summary>
    public static XyzColumn Real(double[] values, int components = 1) => new(XyzColumnType.Real, components, values);

    /// <summary>A real column of three components, one vector per atom (forces, velocities, momenta).</summary>
    public static XyzColumn Vectors(IReadOnlyList<Vec3> vectors)
    {
        var values = new double[3 * vectors.Count];
        for (var i = 0; i < vectors.Count; i++)
        {
            values[3 * i] = vectors[i].X;
            values[3 * i + 1] = vectors[i].Y;
            values[3 * i + 2] = vectors[i].Z;
        }

        return Real(values, 3);
    }

    /// <summary>An integer column.</summary>
    public static XyzColumn Integer(int[] values, int components = 1) => new(XyzColumnType.Integer, components, values);

    /// <summary>A string column; strings must be non-empty and free of whitespace to be written.</summary>
    public static XyzColumn String(string[] values, int components = 1) => new(XyzColumnType.String, components, values);

    /// <summary>A logical column.</summary>
    public static XyzColumn Logical(bool[] values, int components = 1) => new(XyzColumnType.Logical, components, values);

    /// <summary>The column's type.</summary>
    public XyzColumnType Type { get; }

    /// <summary>Components per atom (3 for forces, k for k latent weights).</summary>
    public int Components { get; }

    /// <summary>Number of atoms the column covers.</summary>
    public int Rows { get; }

    /// <summary>The values as stored: a <c>double[]</c>, <c>int[]</c>, <c>string[]</c> or <c>bool[]</c>.</summary>
    public Array Values { get; }

    /// <summary>The values of a real column, atom by atom.</summary>
    /// <exception cref="InvalidOperationException">The column is not real.</exception>
    public double[] Reals => Values as double[] ?? throw WrongType(XyzColumnType.Real);

    /// <summary>The values of an integer column, atom by atom.</summary>
    /// <exception cref="InvalidOperationException">The column is not integer.</exception>
    public int[] Integers => Values as int[] ?? throw WrongType(XyzColumnType.Integer);

    /// <summary>The values of a string column, atom by atom.</summary>
    /// <exception cref="InvalidOperationException">The column is not a string column.</exception>
    public string[] Strings => Values as string[] ?? throw WrongType(XyzColumnType.String);

    /// <summary>The values of a logical column, atom by atom.</summary>
    /// <exception cref="InvalidOperationException">The column is not logical.</exception>
    public bool[] Logicals => Values as bool[] ?? throw WrongType(XyzColumnType.Logical);

    /// <summary>Component <paramref name="component"/> of atom <paramref name="atom"/> in a real column.</summary>
    public double Real(int atom, int component = 0)
    {
        if ((uint)component >= (uint)Components)
            throw new ArgumentOutOfRangeException(nameof(component), component, $"the column has {Components} components");
        return Reals[atom * Components + component];
    }

    /// <summary>Atom <paramref name="atom"/>'s vector in a real column of three components.</summary>
    public Vec3 Vector(int atom)
    {
        if (Components != 3)
            throw new InvalidOperationException($"a vector needs a column of 3 components; this one has {Components}");
        var v = Reals;
        return new Vec3(v[3 * atom], v[3 * atom + 1], v[3 * atom + 2]);
    }

    /// <summary>The type letter and count as written in <c>Properties=</c>, e.g. <c>R:3</c>.</summary>
    public string Descriptor => $"{Letter(Type)}:{Components}";

    internal static char Letter(XyzColumnType type) => type switch
    {
        XyzColumnType.Real => 'R',
        XyzColumnType.Integer => 'I',
        XyzColumnType.String => 'S',
        XyzColumnType.Logical => 'L',
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    private InvalidOperationException WrongType(XyzColumnType wanted) =>
        new($"the column holds {Type} values ({Descriptor}), not {wanted}");
}
