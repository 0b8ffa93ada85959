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
