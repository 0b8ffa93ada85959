using System.Text.Json;
using Latent.Runtime.Structures.ExtendedXyz;

namespace Latent.Cli.Tests;

/// <summary><c>latent relax</c>: FIRE on a cluster and with the cell, the written structure, non-convergence and bad input.</summary>
public sealed class RelaxTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void PerturbedClusterConvergesAndTheRelaxedStructureCarriesChargesWeightsAndForces()
    {
        var input = temp.Write("cluster.extxyz", Structures.NaClCluster());
        var output = temp.File("relaxed.extxyz");
        var run = CliRun.Of("relax", input, "--potential", "NaCl", "--out", output, "--json");

        Assert.True(run.ExitCode == 0, run.Stderr);
        using var doc = JsonDocument.Parse(run.Stdout);
        var root = doc.RootElement;
        Assert.True(root.GetProperty("converged").GetBoolean());
        Assert.InRange(root.GetProperty("steps").GetInt32(), 1, 1000);
        Assert.True(root.GetProperty("fmax").GetDouble() < 0.01);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("stress").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("cell").ValueKind);
        var charges = root.GetProperty("charges").EnumerateArray().Select(q => q.GetDouble()).ToArray();
        Assert.Equal(8, charges.Length);
        Assert.Equal(0, charges.Sum(), 9);

        var frame = Assert.Single(ExtendedXyzReader.ReadFile(output));
        foreach (var column in new[] { "charges", "weights", "forces" })
        {
            Assert.True(frame.Columns.Contains(column), column);
        }

        // The file holds the relaxed positions, not the input's: its forces are those of the summary.
        var forces = (double[])frame.Columns["forces"].Values;
        Assert.True(forces.Max(Math.Abs) < 0.01);
        Assert.Equal(root.GetProperty("energy").GetDouble(), (double)frame.Info["energy"]!, 12);
    }

    [Fact]
    public void CellRelaxationMovesTheRockSaltLatticeConstantToThePotentialsOwn()
    {
        var input = temp.Write("cell.extxyz", Structures.RockSaltCell());
        var run = CliRun.Of("relax", input, "--potential", "NaCl", "--cell", "--fmax", "0.001", "--out", temp.File("relaxed.extxyz"), "--json");

        Assert.True(run.ExitCode == 0, run.Stderr);
        using var doc = JsonDocument.Parse(run.Stdout);
        var cell = doc.RootElement.GetProperty("cell");
        // From 5.64 Å (the measured value) to the fitted potential's own 5.662 Å.
        foreach (var length in cell.GetProperty("lengths").EnumerateArray())
        {
            Assert.Equal(5.662, length.GetDouble(), 0.005);
        }

        Assert.Equal(6, doc.RootElement.GetProperty("stress").GetArrayLength());
    }

    [Fact]
    public void WithoutTheCellTheLatticeStays()
    {
        var input = temp.Write("cell.extxyz", Structures.RockSaltCell());
        var run = CliRun.Of("relax", input, "--potential", "NaCl", "--out", temp.File("relaxed.extxyz"), "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var doc = JsonDocument.Parse(run.Stdout);
        Assert.All(doc.RootElement.GetProperty("cell").GetProperty("lengths").EnumerateArray(), l => Assert.Equal(2 * Structures.NaClDistance, l.GetDouble(), 12));
    }

    [Fact]
    public void TooFewStepsExitsOneWithAMessageAndStillWritesTheStructureSoFar()
    {
        var input = temp.Write("cluster.extxyz", Structures.NaClCluster());
        var output = temp.File("relaxed.extxyz");
        var run = CliRun.Of("relax", input, "--potential", "NaCl", "--steps", "2", "--out", output);

        Assert.Equal(1, run.ExitCode);
        run.AssertNoStackTrace();
        Assert.StartsWith("latent: error: not converged: max |F| = ", run.Stderr);
        Assert.Contains("after 2 steps", run.Stderr);
        Assert.Contains("NOT converged after 2 steps", run.Stdout);
        Assert.True(File.Exists(output));
    }

    [Fact]
    public void NonConvergenceInJsonSaysSoToo()
    {
        var input = temp.Write("cluster.extxyz", Structures.NaClCluster());
        var run = CliRun.Of("relax", input, "--potential", "NaCl", "--steps", "2", "--out", temp.File("relaxed.extxyz"), "--json");
        Assert.Equal(1, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Stdout);
        Assert.False(doc.RootElement.GetProperty("converged").GetBoolean());
        Assert.Equal(2, doc.RootElement.GetProperty("steps").GetInt32());
    }

    [Fact]
    public void TrajectoryHasOneFramePerEvaluation()
    {
        var input = temp.Write("cluster.extxyz", Structures.NaClCluster());
        var trajectory = temp.Write("relax.extxyz", "stale content that must not survive\n");
        var run = CliRun.Of("relax", input, "--potential", "NaCl", "--out", temp.File("relaxed.extxyz"), "--trajectory", trajectory, "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var doc = JsonDocument.Parse(run.Stdout);
        var frames = ExtendedXyzReader.ReadFile(trajectory);
        Assert.Equal(doc.RootElement.GetProperty("steps").GetInt32() + 1, frames.Count);
        Assert.All(frames, f => Assert.True(f.Columns.Contains("charges")));
    }

    [Fact]
    public void TextSummaryNamesTheResultAndTheFileWritten()
    {
        var input = temp.Write("cell.extxyz", Structures.RockSaltCell());
        var output = temp.File("relaxed.extxyz");
        var run = CliRun.Of("relax", input, "--potential", "NaCl", "--cell", "--out", output);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("converged in ", run.Stdout);
        Assert.Contains("cell            a = 5.65", run.Stdout);
        Assert.Contains("charges/e       Na ×4 mean +1.0000", run.Stdout);
        Assert.Contains($"wrote {output}", run.Stdout);
        Assert.Equal("", run.Stderr);
    }

    [Fact]
    public void MissingFileIsAUserError() =>
        CliRun.Of("relax", temp.File("nope.extxyz"), "--potential", "NaCl").AssertUserError("no structure file at");

    [Fact]
    public void UnknownPotentialIsAUserError()
    {
        var input = temp.Write("cluster.extxyz", Structures.NaClCluster());
        var run = CliRun.Of("relax", input, "--potential", "Unobtainium", "--out", temp.File("r.extxyz"));
        Assert.Equal(2, run.ExitCode);
        run.AssertNoStackTrace();
        Assert.StartsWith("latent: error: ", run.Stderr);
    }

    [Theory]
    [InlineData("--fmax", "0", "--fmax must be a positive number")]
    [InlineData("--fmax", "-1", "--fmax must be a positive number")]
    [InlineData("--steps", "-1", "--steps must be 0 or more")]
    [InlineData("--steps", "many", "many")]
    public void BadOptionsAreUserErrors(string option, string value, string message)
    {
        var input = temp.Write("cluster.extxyz", Structures.NaClCluster());
        CliRun.Of("relax", input, "--potential", "NaCl", option, value, "--out", temp.File("r.extxyz")).AssertUserError(message);
    }

    [Fact]
    public void CellRelaxationOfAClusterIsAUserError()
    {
        var input = temp.Write("cluster.extxyz", Structures.NaClCluster());
        CliRun.Of("relax", input, "--potential", "NaCl", "--cell", "--out", temp.File("r.extxyz")).AssertUserError("--cell needs a structure periodic in all three directions");
    }
}
