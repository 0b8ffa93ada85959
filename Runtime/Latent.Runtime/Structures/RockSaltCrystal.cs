namespace Latent.Runtime.Structures;

/// <summary>
/// Periodic rock-salt crystals of a cation–anion pair: the conventional cubic cell (4 + 4 atoms),
/// repeated. Atoms come cell by cell, and within a cell as cation then anion at each of the four fcc
/// sites, the anion half a lattice constant along x from its cation.
/// </summary>
public static class RockSaltCrystal
{
    private static readonly (double X, double Y, double Z)[] Sites = [(0, 0, 0), (0.5, 0.5, 0), (0.5, 0, 0.5), (0, 0.5, 0.5)];

    /// <summary>The conventional cell of lattice constant <paramref name="a"/> (Å), repeated <paramref name="repeat"/> times along each axis.</summary>
    /// <exception cref="ArgumentException">A non-positive lattice constant or repeat.</exception>
    public static Structure Build(string cation, double cationMass, string anion, double anionMass, double a, int repeat = 1)
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
                    foreach (var (x, y, z) in Sites)
                    {
                        symbols.Add(cation);
                        positions.Add(new Vec3((i + x) * a, (j + y) * a, (k + z) * a));
                        masses.Add(cationMass);
                        symbols.Add(anion);
                        positions.Add(new Vec3((i + x + 0.5) * a, (j + y) * a, (k + z) * a));
                        masses.Add(anionMass);
                    }
        var side = a * repeat;
        return new Structure(symbols, positions, masses, Cell.Orthorhombic(side, side, side));
    }
}
