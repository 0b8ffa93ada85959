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
        return ConventionalCell.Repeat(Lattices.basis(structure).Select(p => (symbol, mass, p.Item1, p.Item2, p.Item3)).ToArray(), a, repeat);
    }
}
