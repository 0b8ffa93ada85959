using System.Text.Json;
using Latent.Cli.Demo;

namespace Latent.Cli.Tests;

public class DemoTests
{
    [Fact]
    public void DemoRunsItsChecksAndExitsZero()
    {
        var run = CliRun.Of("demo");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal("", run.Stderr);
        foreach (var step in new[] { "1 parse", "2 diff", "3 cse", "4 evaluate", "5 check", "6 tail" })
        {
            Assert.Contains(step, run.Stdout);
        }

        Assert.InRange(run.Stdout.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n').Length, 8, 16);
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
    }

    [Fact]
    public void DemoJsonHasEveryStep()
    {
        var run = CliRun.Of("demo", "--json");
        Assert.Equal(0, run.ExitCode);
        using var document = JsonDocument.Parse(run.Stdout);
        var root = document.RootElement;
        Assert.Equal("slater-coulomb.formula", root.GetProperty("formula").GetString());
        Assert.Equal(3, root.GetProperty("samples").GetArrayLength());
        Assert.True(root.GetProperty("programInstructions").GetInt32() > 0);
        Assert.True(root.GetProperty("worstFiniteDifference").GetDouble() < 1e-6);
        Assert.Equal(0, root.GetProperty("failures").GetArrayLength());
    }
}
