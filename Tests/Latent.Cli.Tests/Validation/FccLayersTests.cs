using Latent.Runtime.Structures;
using Latent.Runtime.Validation;

namespace Latent.Cli.Tests.Validation;

/// <summary>The layered fcc cells behind the surface and stacking-fault energies: the right neighbour shells, the fault
/// where it should be and nowhere else.</summary>
public sealed class FccLayersTests
{
    private const double A = 3.615;
    private static readonly double D = A / Math.Sqrt(2);

    /// <summary>Every distance from each atom to every other atom and image within <paramref name="reach"/>, rounded to 1e-6 Å.</summary>
    private static List<double>[] Shells(Structure s, double reach)
    {
        var shells = new List<double>[s.Count];
        for (var i = 0; i < s.Count; i++)
        {
            shells[i] = [];
            for (var j = 0; j < s.Count; j++)
                for (var na = -3; na <= 3; na++)
                    for (var nb = -3; nb <= 3; nb++)
                        for (var nc = -2; nc <= 2; nc++)
                        {
                            if (i == j && na == 0 && nb == 0 && nc == 0)
                                continue;
                            var r = s.Position(j) + na * s.Cell.A + nb * s.Cell.B + nc * s.Cell.C - s.Position(i);
                            var d = Math.Sqrt(Vec3.Dot(r, r));
                            if (d < reach)
                                shells[i].Add(Math.Round(d, 6));
                        }
        }

        return shells;
    }

    private static int Count(List<double> shell, double distance) => shell.Count(d => Math.Abs(d - distance) < 1e-5);

    [Theory]
    [InlineData(FccFace.Face100, 4)]
    [InlineData(FccFace.Face111, 6)]
    public void A_periodic_stack_is_the_fcc_crystal_12_neighbours_at_d_6_at_a_24_at_d_root_3(FccFace face, int layers)
    {
        var s = FccLayers.Build("Cu", 63.546, A, face, layers);
        Assert.Equal(2 * layers, s.Count);
        Assert.Equal(s.Count * A * A * A / 4, s.Cell.Volume, 9);
        foreach (var shell in Shells(s, 1.8 * D))
        {
            Assert.Equal(12, Count(shell, D));
            Assert.Equal(6, Count(shell, A));
            Assert.Equal(24, Count(shell, Math.Sqrt(3) * D));
            Assert.Equal(42, shell.Count);
        }
    }

    [Fact]
    public void The_tilted_cell_holds_one_intrinsic_fault_nearest_neighbours_kept_hcp_shells_at_the_fault_only()
    {
        const int layers = 6;
        var s = FccLayers.Build("Cu", 63.546, A, FccFace.Face111, layers, stackingFault: true);
        var shells = Shells(s, 1.8 * D);
        var hcp = Math.Sqrt(8.0 / 3) * D;
        var faulted = 0;
        foreach (var shell in shells)
        {
            // Nothing closer than d, still 12 at d and 6 at a: the fault keeps first and second neighbours.
            Assert.True(shell.Min() > D - 1e-6);
            Assert.Equal(12, Count(shell, D));
            Assert.Equal(6, Count(shell, A));
            if (Count(shell, hcp) > 0)
                faulted++;
        }

        // Across the fault the stacking runs B C | B C: the layers two apart that sit on top of each other (hcp's third
        // shell, √(8/3)·d) are the two below the fault and the two above it, two atoms each; no other atom has one.
        Assert.Equal(8, faulted);
    }

    [Fact]
    public void A_slab_has_its_vacuum_above_the_top_layer()
    {
        var s = FccLayers.Build("Cu", 63.546, A, FccFace.Face111, 12, vacuum: 20);
        Assert.Equal(12 * A / Math.Sqrt(3) + 20, s.Cell.C.Z, 12);
        Assert.Equal(11 * A / Math.Sqrt(3), Enumerable.Range(0, s.Count).Max(i => s.Z[i]), 12);
        Assert.Equal(Math.Sqrt(3) * D * D, FccLayers.Area(FccFace.Face111, A), 12);
    }

    [Theory]
    [InlineData(FccFace.Face100, 3, 0.0, false, "2-layer")]
    [InlineData(FccFace.Face111, 4, 0.0, false, "3-layer")]
    [InlineData(FccFace.Face111, 6, -1.0, false, "vacuum")]
    [InlineData(FccFace.Face100, 4, 0.0, true, "(111) plane")]
    public void Stacks_that_are_not_whole_periods_or_faults_off_a_111_plane_are_refused(FccFace face, int layers, double vacuum, bool fault, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => FccLayers.Build("Cu", 63.546, A, face, layers, vacuum, fault));
        Assert.Contains(message, error.Message);
    }
}
