using System.Text.Json;
using Latent.Cli.Commands;
using Latent.Cli.Demo;
using Latent.Runtime.Structures.ExtendedXyz;

namespace Latent.Cli.Tests;

/// <summary>One run of <c>latent demo --json</c> into a temporary directory, shared by the tests of its numbers.</summary>
public sealed class DemoRun : IDisposable
{
    public DemoRun()
    {
        Run = CliRun.Of("demo", "--out", Directory.Path, "--json");
        Document = Run.ExitCode == 0 ? JsonDocument.Parse(Run.Stdout) : null;
    }

    public TempDirectory Directory { get; } = new();

    public CliRun Run { get; }

    public JsonDocument? Document { get; }

    public JsonElement Root => Document!.RootElement;

    public void Dispose()
    {
        Document?.Dispose();
        Directory.Dispose();
    }
}

public sealed class DemoTests(DemoRun demo) : IClassFixture<DemoRun>
{
    private static double Get(JsonElement e, params string[] path) => path.Aggregate(e, (x, key) => x.GetProperty(key)).GetDouble();

    [Fact]
    public void DemoExitsZeroQuietlyAndWritesItsThreeFiles()
    {
        Assert.True(demo.Run.ExitCode == 0, demo.Run.Stderr);
        Assert.Equal("", demo.Run.Stderr);
        var png = File.ReadAllBytes(Path.Combine(demo.Directory.Path, DemoCommand.PlotFile));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        var relaxed = Assert.Single(ExtendedXyzReader.ReadFile(Path.Combine(demo.Directory.Path, DemoCommand.RelaxedFile)));
        Assert.Equal(64, relaxed.Structure.Count);
        Assert.True(relaxed.Columns.Contains("charges") && relaxed.Columns.Contains("weights"));
        var frames = ExtendedXyzReader.ReadFile(Path.Combine(demo.Directory.Path, DemoCommand.TrajectoryFile));
        Assert.Equal(DemoCommand.MdSteps / DemoCommand.FrameEvery + 1, frames.Count);
        Assert.Equal(frames.Count, demo.Root.GetProperty("md").GetProperty("frames").GetInt32());
        Assert.Equal(3, demo.Root.GetProperty("files").GetArrayLength());
    }

    [Fact]
    public void DimerNumbersArePhysical()
    {
        var dimer = demo.Root.GetProperty("dimer");
        // The numbers docs/potentials.md reports for the shipped NaCl.
        Assert.Equal(2.3614, Get(dimer, "equilibrium"), 0.001);
        Assert.True(Get(dimer, "charge_at_equilibrium") > 0.9);
        Assert.Equal(9.06, Get(dimer, "switch_off"), 0.01);
        Assert.True(Get(dimer, "switch_off") < Get(dimer, "crossing"));
        Assert.Equal(3.639, Get(dimer, "binding_energy"), 0.001);
        Assert.Equal(371, dimer.GetProperty("points").GetInt32());
        var properties = dimer.GetProperty("properties");
        Assert.Equal(Get(dimer, "equilibrium"), Get(properties, "equilibrium"));
        Assert.InRange(Get(properties, "wavenumber"), 250, 450);
        Assert.InRange(Get(properties, "dipole"), 10, 12);
    }

    [Fact]
    public void DimerFiguresAreLatentDimersOnTheSameGrid()
    {
        // The demo reuses latent dimer's analysis: on the same grid it gives the same numbers, bit for bit.
        var run = CliRun.Of("dimer", "Na", "Cl", "--potential", "NaCl", "--from", "1.5", "--to", "20", "--step", "0.05", "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var doc = JsonDocument.Parse(run.Stdout);
        var expected = doc.RootElement.GetProperty("properties");
        var actual = demo.Root.GetProperty("dimer").GetProperty("properties");
        Assert.Equal(
            expected.EnumerateObject().Select(p => (p.Name, p.Value.GetRawText())),
            actual.EnumerateObject().Select(p => (p.Name, p.Value.GetRawText())));
    }

    [Fact]
    public void CrystalNumbersArePhysical()
    {
        var crystal = demo.Root.GetProperty("crystal");
        Assert.Equal(5.6619, Get(crystal, "lattice_constant"), 0.001);
        // 6.356 eV per NaCl below the bare states; less the neutral atoms' θ·ln 12, the atomisation energy of 6.294 eV (docs/potentials.md).
        Assert.Equal(-3.1778, Get(crystal, "bulk_energy_per_atom"), 0.0005);
        // A cluster has a surface, so it is less bound per atom than the bulk, and its surface ions move in.
        Assert.True(Get(crystal, "energy_per_atom") > Get(crystal, "bulk_energy_per_atom"));
        Assert.True(Get(crystal, "energy_per_atom") < 0);
        Assert.True(Get(crystal, "neighbour_distance", "mean") < Get(crystal, "neighbour_distance", "bulk"));
        Assert.True(Get(crystal, "fmax") < CrystalFindings.Fmax);
        foreach (var site in new[] { "corner", "edge", "face", "interior" })
        {
            Assert.InRange(Get(crystal, "mean_abs_charge", site), 0.5, 1.0 + 1e-12);
        }
    }

    [Fact]
    public void DynamicsConservesEnergyAndCools()
    {
        var md = demo.Root.GetProperty("md");
        Assert.True(Math.Abs(Get(md, "max_deviation_per_atom")) < 1e-4);
        Assert.True(Math.Abs(Get(md, "drift_per_atom")) <= Get(md, "max_deviation_per_atom"));
        // Started at 300 K with the atoms at rest in a minimum: equipartition takes about half of it.
        Assert.InRange(Get(md, "mean_temperature"), 100, 250);
    }

    [Fact]
    public void TextFormHasOneLineOfWhatEachPartShowsAndNamesTheFiles()
    {
        using var directory = new TempDirectory();
        var run = CliRun.Of("demo", "--out", directory.Path);
        Assert.True(run.ExitCode == 0, run.Stderr);
        foreach (var part in new[] { "formulas ", "(a) dimer ", "(b) crystal ", "(c) md " })
        {
            Assert.Single(run.Stdout.ReplaceLineEndings("\n").Split('\n'), l => l.StartsWith(part, StringComparison.Ordinal));
        }

        Assert.Contains("R_c = 14.40/(IP_Na − EA_Cl)", run.Stdout);
        Assert.Contains($"files go to {directory.Path}", run.Stdout);
        Assert.Contains(DemoCommand.TrajectoryFile, run.Stdout);
    }

    [Fact]
    public void OutThatIsAFileIsAUserError()
    {
        using var directory = new TempDirectory();
        var file = directory.Write("taken", "x");
        CliRun.Of("demo", "--out", file).AssertUserError("--out needs a directory");
    }

    [Fact]
    public void ExponentsFollowFromTheIonisationEnergies()
    {
        var report = SlaterCoulombDemo.Run();
        const double hartree = 27.211386246, bohr = 0.529177210903;
        Assert.Equal(Math.Sqrt(2 * 5.1391 / hartree) / bohr, report.ExponentA, 12);
        Assert.Equal(Math.Sqrt(2 * 3.6127 / hartree) / bohr, report.ExponentB, 12);
    }

    [Fact]
    public void CoulombIntegralIsBelowThePointChargeValueAndApproachesIt()
    {
        var report = SlaterCoulombDemo.Run();
        Assert.Empty(report.Failures);
        foreach (var s in report.Samples)
        {
            // Overlapping clouds repel less than point charges, and J(R) is finite as R -> 0.
            Assert.InRange(s.Energy, 0, SlaterCoulombDemo.CoulombConstant / s.Distance);
            Assert.True(s.Derivative < 0);
        }

        Assert.True(Math.Abs(report.Tail[0].Excess) > Math.Abs(report.Tail[1].Excess));
        Assert.True(Math.Abs(report.Tail[1].Excess) > Math.Abs(report.Tail[2].Excess));
        Assert.True(report.ProgramInstructions < report.ValueNodes + report.DerivativeNodes);
        Assert.True(report.WorstFiniteDifference < 1e-6);
    }
}
