namespace Latent.Runtime.Structures;

/// <summary>
/// Periodic crystals from the atoms of a cubic conventional cell: the cell repeated along each axis,
/// atoms listed cell by cell and within a cell in the basis's order. The builders of named crystals
/// (<see cref="CubicCrystal"/>, <see cref="RockSaltCrystal"/>) differ only in their basis.
/// </summary>
internal static class ConventionalCell
{
    /// <summary>
    /// The cell of lattice constant <paramref name="a"/> (Å) whose atoms are <paramref name="basis"/> (fractional
    /// coordinates), repeated <paramref name="repeat"/> times along each axis.
    /// </summary>
    /// <exception cref="ArgumentException">A non-positive lattice constant or repeat.</exception>
    public static Structure Repeat(IReadOnlyList<(string Symbol, double Mass, double X, double Y, double Z)> basis, double a, int repeat)
    {
        if (!(a > 0) || double.IsInfinity(a))
            throw new ArgumentException($"the lattice constant must be positive and finite (got {a} Å)", nameof(a));
        if (repeat < 1)
            throw new ArgumentException($"the repeat must be at least 1 (got {repeat})", nameof(repeat));

        var symbols = new List<string>();
        var positions = new List<Vec3>();
        var masses = new List<double>();
        for (var i = 0; i < repeat; i++)
            for (var j = 0; j < repeat; j++)
                for (var k = 0; k < repeat; k++)
                    foreach (var (symbol, mass, x, y, z) in basis)
                    {
                        symbols.Add(symbol);
                        positions.Add(new Vec3((i + x) * a, (j + y) * a, (k + z) * a));
                        masses.Add(mass);
                    }
        var side = a * repeat;
        return new Structure(symbols, positions, masses, Cell.Orthorhombic(side, side, side));
    }
}
