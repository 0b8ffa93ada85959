namespace Latent.Runtime.Structures;

/// <summary>
/// Atoms in a cell, stored as structure of arrays (separate X, Y, Z) so that distance loops read
/// contiguous memory and vectorise. Positions may be changed in place by relaxation and dynamics;
/// the number of atoms and their species are fixed.
/// </summary>
public sealed class Structure
{
    /// <summary>A structure from symbols, positions (Å), masses (amu) and a cell.</summary>
    public Structure(IReadOnlyList<string> symbols, IReadOnlyList<Vec3> positions, IReadOnlyList<double> masses, Cell cell)
    {
        if (positions.Count != symbols.Count || masses.Count != symbols.Count)
            throw new ArgumentException($"{symbols.Count} symbols need as many positions and masses (got {positions.Count} and {masses.Count})");
        Symbols = symbols.ToArray();
        X = positions.Select(p => p.X).ToArray();
        Y = positions.Select(p => p.Y).ToArray();
        Z = positions.Select(p => p.Z).ToArray();
        Masses = masses.ToArray();
        Cell = cell;
    }

    /// <summary>Number of atoms.</summary>
    public int Count => Symbols.Length;

    /// <summary>Chemical symbol of each atom.</summary>
    public string[] Symbols { get; }

    /// <summary>x coordinates (Å).</summary>
    public double[] X { get; }

    /// <summary>y coordinates (Å).</summary>
    public double[] Y { get; }

    /// <summary>z coordinates (Å).</summary>
    public double[] Z { get; }

    /// <summary>Masses (amu).</summary>
    public double[] Masses { get; }

    /// <summary>The cell; replaced (not mutated) when a relaxation changes it.</summary>
    public Cell Cell { get; set; }

    /// <summary>Position of atom i.</summary>
    public Vec3 Position(int i) => new(X[i], Y[i], Z[i]);

    /// <summary>Moves atom i.</summary>
    public void SetPosition(int i, Vec3 r)
    {
        X[i] = r.X;
        Y[i] = r.Y;
        Z[i] = r.Z;
    }

    /// <summary>
    /// A copy deformed by a symmetric strain ε (Voigt xx yy zz yz xz xy, shear entries applied to both
    /// symmetric places): the cell becomes (1 + ε)·cell and every atom keeps its fractional coordinates.
    /// This is the deformation whose energy derivative, over the volume, is the stress.
    /// </summary>
    public Structure Strained(ReadOnlySpan<double> voigt)
    {
        var cell = Cell.Strained(voigt);
        var copy = Clone();
        copy.Cell = cell;
        for (var i = 0; i < Count; i++)
            copy.SetPosition(i, cell.ToCartesian(Cell.ToFractional(Position(i))));
        return copy;
    }

    /// <summary>
    /// A copy with every coordinate displaced by a uniform random amount in ±<paramref name="amplitude"/> Å,
    /// atom by atom and x, y, z in turn from one seeded generator, so a seed always gives the same structure.
    /// </summary>
    public Structure Jiggled(double amplitude, int seed)
    {
        var rng = new Random(seed);
        var copy = Clone();
        for (var i = 0; i < Count; i++)
            copy.SetPosition(i, Position(i) + new Vec3((rng.NextDouble() - 0.5) * 2 * amplitude, (rng.NextDouble() - 0.5) * 2 * amplitude, (rng.NextDouble() - 0.5) * 2 * amplitude));
        return copy;
    }

    /// <summary>A deep copy.</summary>
    public Structure Clone() =>
        new(Symbols, Enumerable.Range(0, Count).Select(Position).ToArray(), Masses, Cell);
}
