using System.Globalization;
using System.Text;

namespace Latent.Cli.Tests;

/// <summary>Extended XYZ text of the small structures the runtime commands are tested on.</summary>
public static class Structures
{
    /// <summary>Nearest-neighbour distance of rock salt NaCl (Å).</summary>
    public const double NaClDistance = 2.82;

    /// <summary>A 2×2×2 cube of alternating Na and Cl: the smallest rock-salt cluster, with a small displacement
    /// so the forces are not all zero by symmetry.</summary>
    public static string NaClCluster()
    {
        var text = new StringBuilder("8\nProperties=species:S:1:pos:R:3 comment=\"NaCl cube\"\n");
        foreach (var (symbol, x, y, z) in CubeSites(NaClDistance))
        {
            var shifted = symbol == "Na" && x == 0 && y == 0 && z == 0 ? (0.1, 0.05, -0.07) : (0.0, 0.0, 0.0);
            text.Append(Line(symbol, x + shifted.Item1, y + shifted.Item2, z + shifted.Item3));
        }

        return text.ToString();
    }

    /// <summary>The conventional cubic cell of rock salt (4 Na, 4 Cl), periodic in every direction.</summary>
    public static string RockSaltCell()
    {
        var a = 2 * NaClDistance;
        var text = new StringBuilder(FormattableString.Invariant($"8\nLattice=\"{a} 0 0 0 {a} 0 0 0 {a}\" Properties=species:S:1:pos:R:3 pbc=\"T T T\"\n"));
        foreach (var site in CubeSites(NaClDistance))
        {
            text.Append(Line(site.Symbol, site.X, site.Y, site.Z));
        }

        return text.ToString();
    }

    /// <summary>Two atoms, A at the origin and B at distance r on the x axis, as <c>latent dimer</c> places them.</summary>
    public static string Dimer(string a, string b, double r) =>
        "2\nProperties=species:S:1:pos:R:3\n" + Line(a, 0, 0, 0) + Line(b, r, 0, 0);

    private static IEnumerable<(string Symbol, double X, double Y, double Z)> CubeSites(double d)
    {
        for (var i = 0; i < 2; i++)
        {
            for (var j = 0; j < 2; j++)
            {
                for (var k = 0; k < 2; k++)
                {
                    yield return ((i + j + k) % 2 == 0 ? "Na" : "Cl", i * d, j * d, k * d);
                }
            }
        }
    }

    private static string Line(string symbol, double x, double y, double z) =>
        string.Create(CultureInfo.InvariantCulture, $"{symbol} {x:R} {y:R} {z:R}\n");
}
