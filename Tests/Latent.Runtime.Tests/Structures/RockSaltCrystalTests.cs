using Latent.Runtime.Structures;
using Xunit;

namespace Latent.Runtime.Tests.Structures;

/// <summary>The rock-salt builder and the seeded jiggle the tests and benchmarks build their cells with.</summary>
public sealed class RockSaltCrystalTests
{
    [Fact]
    public void Cations_and_anions_alternate_half_a_lattice_constant_apart()
    {
        var s = RockSaltCrystal.Build("Na", 22.99, "Cl", 35.45, 5.64, repeat: 2);
        Assert.Equal(64, s.Count);
        Assert.Equal(2 * 5.64, s.Cell.A.X, 12);
        for (var i = 0; i < s.Count; i += 2)
        {
            Assert.Equal(("Na", "Cl"), (s.Symbols[i], s.Symbols[i + 1]));
            Assert.Equal((22.99, 35.45), (s.Masses[i], s.Masses[i + 1]));
            Assert.Equal(2.82, (s.Position(i + 1) - s.Position(i)).Length, 12);
        }
        Assert.Contains("the repeat must be at least 1", Assert.Throws<ArgumentException>(() => RockSaltCrystal.Build("Na", 1, "Cl", 1, 5.64, 0)).Message);
        Assert.Contains("the lattice constant must be positive", Assert.Throws<ArgumentException>(() => RockSaltCrystal.Build("Na", 1, "Cl", 1, 0)).Message);
    }

    [Theory]
    [InlineData(RockSaltOrder.CationAnionPairs)]
    [InlineData(RockSaltOrder.Grid)]
    [InlineData(RockSaltOrder.CationsThenAnions)]
    public void Every_order_builds_the_same_crystal(RockSaltOrder order)
    {
        const double a = 5.64;
        // Each atom as (symbol, its site on the a/2 grid folded into the cell), so orders compare as sets.
        static string[] Sites(Structure s) =>
            Enumerable.Range(0, s.Count)
                .Select(i => $"{s.Symbols[i]} {Math.Round(s.X[i] / (a / 2)) % 4} {Math.Round(s.Y[i] / (a / 2)) % 4} {Math.Round(s.Z[i] / (a / 2)) % 4}")
                .Order(StringComparer.Ordinal).ToArray();
        var reference = RockSaltCrystal.Build("Na", 22.99, "Cl", 35.45, a, repeat: 2);
        var s = RockSaltCrystal.Build("Na", 22.99, "Cl", 35.45, a, repeat: 2, order);
        Assert.Equal(Sites(reference), Sites(s));
        Assert.Equal(64, Sites(s).Distinct().Count());
        Assert.Equal(reference.Cell.A, s.Cell.A);
        // Cell by cell: the second cell starts at atom 8, one lattice constant along z.
        Assert.Equal(new Vec3(0, 0, a), s.Position(8) - s.Position(0));
    }

    [Fact]
    public void Each_order_lists_the_cell_as_documented()
    {
        static string Listing(RockSaltOrder order)
        {
            var s = RockSaltCrystal.Build("Na", 22.99, "Cl", 35.45, 2, order: order);
            return string.Join(" ", Enumerable.Range(0, s.Count).Select(i => $"{s.Symbols[i]}{s.X[i]}{s.Y[i]}{s.Z[i]}"));
        }
        Assert.Equal("Na000 Cl100 Na110 Cl210 Na101 Cl201 Na011 Cl111", Listing(RockSaltOrder.CationAnionPairs));
        Assert.Equal("Na000 Cl001 Cl010 Na011 Cl100 Na101 Na110 Cl111", Listing(RockSaltOrder.Grid));
        Assert.Equal("Na000 Na011 Na101 Na110 Cl100 Cl010 Cl001 Cl111", Listing(RockSaltOrder.CationsThenAnions));
        Assert.Throws<ArgumentOutOfRangeException>(() => RockSaltCrystal.Build("Na", 1, "Cl", 1, 2, order: (RockSaltOrder)3));
    }

    [Fact]
    public void A_jiggle_is_bounded_seeded_and_leaves_the_original_alone()
    {
        var s = RockSaltCrystal.Build("Na", 22.99, "Cl", 35.45, 5.64);
        var a = s.Jiggled(0.1, seed: 7);
        var b = s.Jiggled(0.1, seed: 7);
        var c = s.Jiggled(0.1, seed: 8);
        Assert.Equal(a.X, b.X);
        Assert.Equal(a.Z, b.Z);
        Assert.NotEqual(a.X, c.X);
        Assert.Equal(0.0, s.X[0]);
        for (var i = 0; i < s.Count; i++)
        {
            var d = a.Position(i) - s.Position(i);
            Assert.True(Math.Abs(d.X) <= 0.1 && Math.Abs(d.Y) <= 0.1 && Math.Abs(d.Z) <= 0.1, $"atom {i} moved {d.Length}");
            Assert.True(d.Length > 0);
        }
        Assert.Same(s.Cell, a.Cell);
    }
}
