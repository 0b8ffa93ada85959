using Latent.Runtime.Kernels;
using Latent.Runtime.Structures;

namespace Latent.Cli.Demo;

/// <summary>
/// Cubes of ions cut from rock salt, as clusters: the demo's surface study. (The periodic crystal is
/// <see cref="RockSaltCrystal"/>; its <see cref="RockSaltOrder.Grid"/> order is the order of these cubes.)
/// </summary>
public static class RockSaltCube
{
    /// <summary>An n×n×n cube of alternating ions with nearest-neighbour distance <paramref name="d"/>, a cluster
    /// (no cell); the cation sits at the origin.</summary>
    public static Structure Build(ElementDescription cation, ElementDescription anion, int n, double d)
    {
        var symbols = new List<string>();
        var positions = new List<Vec3>();
        var masses = new List<double>();
        foreach (var (i, j, k) in Indices(n))
        {
            var ion = (i + j + k) % 2 == 0 ? cation : anion;
            symbols.Add(ion.Symbol);
            positions.Add(new Vec3(i * d, j * d, k * d));
            masses.Add(ion.Mass);
        }

        return new Structure(symbols, positions, masses, Cell.None);
    }

    /// <summary>The site of every atom of <see cref="Build"/>, in its atom order.</summary>
    public static CubeSite[] Sites(int n) =>
        Indices(n).Select(c => (CubeSite)new[] { c.I, c.J, c.K }.Count(x => x == 0 || x == n - 1)).ToArray();

    /// <summary>Pairs of atoms of <see cref="Build"/> that are nearest neighbours on the lattice.</summary>
    public static IEnumerable<(int First, int Second)> NeighbourPairs(int n)
    {
        var cells = Indices(n).ToArray();
        for (var p = 0; p < cells.Length; p++)
        {
            for (var q = p + 1; q < cells.Length; q++)
            {
                if (Math.Abs(cells[p].I - cells[q].I) + Math.Abs(cells[p].J - cells[q].J) + Math.Abs(cells[p].K - cells[q].K) == 1)
                {
                    yield return (p, q);
                }
            }
        }
    }

    private static IEnumerable<(int I, int J, int K)> Indices(int n)
    {
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                for (var k = 0; k < n; k++)
                {
                    yield return (i, j, k);
                }
            }
        }
    }
}
