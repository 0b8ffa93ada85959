using Latent.Runtime.Engine;
using Latent.Runtime.Potentials;
using Latent.Runtime.Structures;

namespace Latent.Cli.Tests;

/// <summary>
/// The shipped Cu through <c>pair_style latent</c>: one state per element and a host density, so the per-pair density
/// records, the embedding and its slope's forward communication run, which NaCl (no densities) never reaches. A displaced
/// fcc crystal gives <c>latent eval</c>'s free energy, per-atom energies and forces to 1e-8 relative, on 1 and 2 ranks.
/// </summary>
public sealed class PairStyleLatentCuTests(PairStyleLatentCuBuild build) : IClassFixture<PairStyleLatentCuBuild>
{
    [PairStyleLatentTheory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_displaced_copper_crystal_gives_latent_eval_s_numbers(int ranks)
    {
        build.Require();
        var cu = new PotentialLoader().Load("Cu");
        var mass = cu.Elements.Single(e => e.Symbol == "Cu").Mass;
        // 4³ cells (256 atoms): each side 14.5 Å, more than twice the 5.5 Å cutoff, so no atom meets its own image.
        var crystal = CubicCrystal.Build("Cu", mass, "fcc", 3.615, repeat: 4).Jiggled(0.1, seed: 7);
        using var directory = new TempDirectory();
        var lammps = build.RunExample(directory, crystal, "p p p", "", ranks);
        var expected = new EnsembleCalculator(cu).Calculate(crystal);

        Assert.True(expected.Forces.Max(f => Math.Abs(f.X)) > 0.01, "the displaced crystal must have forces");
        PairStyleLatentTests.AssertSame(expected, lammps, crystal);
    }
}
