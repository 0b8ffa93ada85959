using Latent.Symbolic.PotentialFile;

namespace Latent.Runtime.Structures;

/// <summary>
/// Periodic cubic crystals of one element (fcc, bcc, sc) built from the structures a potential file
/// may declare (<see cref="Lattices"/>), so that the equation-of-state constraint and the tests build
/// exactly what the file names.
/// </summary>
public static class CubicCrystal
{
    /// <summary>Structure names a potential file may declare.</summary>
    public static IReadOnlyList<string> Structures { get; } = Lattices.names.ToArray();

    /// <summary>
    /// The conventional cubic cell of <paramref name="structure"/> at lattice constant <paramref name="a"/> (Å),
    /// repeated <paramref name="repeat"/> times along each axis.
    /// </summary>
    /// <exception cref="ArgumentException">An unknown structure, a non-positive lattice constant or repeat.</exception>
    public static Structure Build(string symbol, double mass, string structure, double a, int repeat = 1)
    {
        if (!Structures.Contains(structure))
            throw new ArgumentException($"unknown crystal structure '{structure}' (expected one of: {string.Join(", ", Structures)})", nameof(structure));
        if (!(a > 0) || double.IsInfinity(a))
            throw new ArgumentException($"the lattice constant must be positive and finite (got {a} Å)", nameof(a));
        if (repeat < 1)
            throw new ArgumentException($"the repeat must be at least 1 (got {repeat})", nameof(repeat));

        var basis = Lattices.basis(structure);
        var positions = new List<Vec3>();
        for (var i = 0; i < repeat; i++)
            for (var j = 0; j < repeat; j++)
                for (var k = 0; k < repeat; k++)
                    foreach (var (x, y, z) in basis)
                        positions.Add(new Vec3((i + x) * a, (j + y) * a, (k + z) * a));
        var side = a * repeat;
        return new Structure(
            Enumerable.Repeat(symbol, positions.Count).ToArray(), positions, Enumerable.Repeat(mass, positions.Count).ToArray(),
            Cell.Orthorhombic(side, side, side));
    }
}
