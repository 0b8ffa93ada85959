using Latent.Runtime.Structures;
using Xunit;

namespace Latent.Runtime.Tests.Structures;

/// <summary>The cubic crystals the equation-of-state constraint builds: atom counts, nearest-neighbour shells, errors.</summary>
public sealed class CubicCrystalTests
{
    /// <summary>Distances from atom 0 to every other atom and image within 1.01·a, sorted.</summary>
    private static double[] Shells(Structure s, double a)
    {
        var d = new List<double>();
        for (var j = 0; j < s.Count; j++)
            for (var i = -1; i <= 1; i++)
                for (var k = -1; k <= 1; k++)
                    for (var l = -1; l <= 1; l++)
                    {
                        var r = (s.Position(j) + i * s.Cell.A + k * s.Cell.B + l * s.Cell.C - s.Position(0)).Length;
                        if (r > 1e-9 && r < 1.01 * a)
                            d.Add(r);
                    }
        d.Sort();
        return d.ToArray();
    }

    [Theory]
    // structure, atoms per cell, first-shell size and distance in units of a, second-shell size
    [InlineData("fcc", 4, 12, 0.70710678118654757, 6)]
    [InlineData("bcc", 2, 8, 0.8660254037844386, 6)]
    [InlineData("sc", 1, 6, 1.0, 0)]
    public void Each_structure_has_its_neighbour_shells(string structure, int atoms, int first, double distance, int second)
    {
        const double a = 3.7;
        var s = CubicCrystal.Build("Cu", 63.546, structure, a);
        Assert.Equal(atoms, s.Count);
        Assert.Equal(a * a * a, s.Cell.Volume, 10);
        Assert.True(s.Cell.IsPeriodic);
        var shells = Shells(s, a);
        Assert.Equal(first, shells.Count(r => Math.Abs(r - distance * a) < 1e-9));
        Assert.Equal(first, shells.TakeWhile(r => r < distance * a + 1e-9).Count());
        Assert.Equal(second, shells.Count(r => Math.Abs(r - a) < 1e-9 && distance < 1));
    }

    [Fact]
    public void A_repeated_cell_holds_repeat_cubed_copies()
    {
        var s = CubicCrystal.Build("Cu", 63.546, "fcc", 3.615, repeat: 3);
        Assert.Equal(108, s.Count);
        Assert.Equal(3 * 3.615, s.Cell.A.X, 12);
        Assert.All(s.Symbols, x => Assert.Equal("Cu", x));
    }

    [Fact]
    public void Bad_requests_say_what_is_wrong()
    {
        Assert.Contains("unknown crystal structure 'hcp' (expected one of: fcc, bcc, sc)",
            Assert.Throws<ArgumentException>(() => CubicCrystal.Build("Cu", 63.5, "hcp", 3.6)).Message);
        Assert.Contains("the lattice constant must be positive",
            Assert.Throws<ArgumentException>(() => CubicCrystal.Build("Cu", 63.5, "fcc", -1)).Message);
        Assert.Contains("the repeat must be at least 1",
            Assert.Throws<ArgumentException>(() => CubicCrystal.Build("Cu", 63.5, "fcc", 3.6, 0)).Message);
    }
}
