using System.Text.Json;
using Latent.Runtime.Structures.ExtendedXyz;

namespace Latent.Cli.Tests;

/// <summary><c>latent md</c>: energy conservation without a thermostat, reproducible Langevin runs, the trajectory and bad input.</summary>
public sealed class MdTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private CliRun Md(string structureText, params string[] options)
    {
        var input = temp.Write($"{Guid.NewGuid():N}.extxyz", structureText);
        return CliRun.Of(["md", input, "--potential", "NaCl", .. options]);
    }

    [Fact]
    public void NveConservesAPlusKineticToATenThousandthOfAnEvPerAtom()
    {
        var run = Md(Structures.RockSaltCell(), "--steps", "200", "--thermostat", "none", "--every", "10", "--out", temp.File("nve.extxyz"), "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var doc = JsonDocument.Parse(run.Stdout);
        var thermo = doc.RootElement.GetProperty("thermo").EnumerateArray().ToArray();
        Assert.Equal(21, thermo.Length);
        var start = thermo[0].GetProperty("total").GetDouble();
        Assert.All(thermo, t => Assert.True(Math.Abs(t.GetProperty("total").GetDouble() - start) / 8 < 1e-4, $"step {t.GetProperty("step")}"));
        // Energy really moved between its forms, so the check is not passed by a structure at rest.
        Assert.Equal(300, thermo[0].GetProperty("temperature").GetDouble(), 9);
        Assert.True(thermo.Select(t => t.GetProperty("kinetic").GetDouble()).Distinct().Count() > 10);
        Assert.Equal("none", doc.RootElement.GetProperty("final").GetProperty("thermostat").GetString());
    }

    [Fact]
    public void LangevinWithASeedIsReproducibleAndAnotherSeedIsNot()
    {
        string Thermo(string seed, string name)
        {
            var run = Md(Structures.RockSaltCell(), "--steps", "40", "--seed", seed, "--out", temp.File(name), "--json");
            Assert.True(run.ExitCode == 0, run.Stderr);
            using var doc = JsonDocument.Parse(run.Stdout);
            return doc.RootElement.GetProperty("thermo").GetRawText();
        }

        var first = Thermo("7", "a.extxyz");
        Assert.Equal(first, Thermo("7", "b.extxyz"));
        Assert.NotEqual(first, Thermo("8", "c.extxyz"));
        Assert.Equal(File.ReadAllText(temp.File("a.extxyz")), File.ReadAllText(temp.File("b.extxyz")));
    }

    [Fact]
    public void TrajectoryHasAFrameEveryEveryStepsWithChargesAndMomenta()
    {
        var output = temp.Write("traj.extxyz", "an older run that must not be appended to\n");
        var run = Md(Structures.NaClCluster(), "--steps", "50", "--every", "10", "--out", output, "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);

        var frames = ExtendedXyzReader.ReadFile(output);
        Assert.Equal(6, frames.Count);
        Assert.Equal([0, 10, 20, 30, 40, 50], frames.Select(f => Convert.ToInt32(f.Info["step"], System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        Assert.All(frames, f =>
        {
            Assert.True(f.Columns.Contains("charges"));
            Assert.True(f.Columns.Contains("momenta"));
            Assert.False(f.Columns.Contains("velocities"));
            Assert.Equal(0, ((double[])f.Columns["charges"].Values).Sum(), 9);
        });
        using var doc = JsonDocument.Parse(run.Stdout);
        Assert.Equal(6, doc.RootElement.GetProperty("final").GetProperty("frames").GetInt32());
    }

    [Fact]
    public void TextFormIsAnAlignedThermoTableAndASummary()
    {
        var output = temp.File("traj.extxyz");
        var run = Md(Structures.RockSaltCell(), "--steps", "20", "--every", "5", "--thermostat", "none", "--out", output);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var lines = run.Stdout.ReplaceLineEndings("\n").Split('\n');
        var header = Array.FindIndex(lines, l => l.StartsWith("step", StringComparison.Ordinal));
        Assert.True(header > 0, run.Stdout);
        Assert.Contains("max |Δq|/e", lines[header]);
        var rows = lines.Skip(header + 1).TakeWhile(l => l.Length > 0).ToArray();
        Assert.Equal(5, rows.Length);
        Assert.All(rows, r => Assert.Equal(lines[header].Length, r.Length));
        Assert.Contains("NVE (velocity Verlet)", run.Stdout);
        Assert.Contains($"wrote {output} (5 frames)", run.Stdout);
        Assert.Equal("", run.Stderr);
    }

    [Fact]
    public void LangevinIsTheDefault()
    {
        var run = Md(Structures.RockSaltCell(), "--steps", "5", "--out", temp.File("t.extxyz"));
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("Langevin at 300 K (friction 0.01/fs, seed 1)", run.Stdout);
    }

    [Theory]
    [InlineData("--thermostat", "nose-hoover", "nose-hoover")]
    [InlineData("--dt", "0", "--dt must be a positive number")]
    [InlineData("--temperature", "-5", "--temperature must be a number of kelvin")]
    [InlineData("--friction", "0", "--friction must be a positive number")]
    [InlineData("--every", "0", "--every must be 1 or more")]
    [InlineData("--steps", "-3", "--steps must be 0 or more")]
    public void BadOptionsAreUserErrors(string option, string value, string message)
    {
        var args = option == "--steps" ? new[] { option, value } : new[] { "--steps", "5", option, value };
        Md(Structures.RockSaltCell(), [.. args, "--out", temp.File("t.extxyz")]).AssertUserError(message);
    }

    [Fact]
    public void StepsAreRequired() =>
        Md(Structures.RockSaltCell(), "--out", temp.File("t.extxyz")).AssertUserError("--steps");

    [Fact]
    public void MissingFileIsAUserError() =>
        CliRun.Of("md", temp.File("nope.extxyz"), "--potential", "NaCl", "--steps", "5").AssertUserError("no structure file at");

    [Fact]
    public void UnknownPotentialIsAUserError()
    {
        var input = temp.Write("cell.extxyz", Structures.RockSaltCell());
        var run = CliRun.Of("md", input, "--potential", "Unobtainium", "--steps", "5", "--out", temp.File("t.extxyz"));
        Assert.Equal(2, run.ExitCode);
        run.AssertNoStackTrace();
        Assert.StartsWith("latent: error: ", run.Stderr);
    }
}
