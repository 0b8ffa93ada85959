using System.Globalization;
using System.Text.Json;
using Latent.Runtime.Dynamics;
using Latent.Runtime.Engine;
using Latent.Runtime.Potentials;
using Latent.Runtime.Structures.AseDatabase;
using Latent.Runtime.Structures.ExtendedXyz;

namespace Latent.Cli.Tests;

/// <summary>
/// Trajectories as ASE databases (<c>md --out md.json</c>, <c>relax --trajectory steps.json</c>), read back by ASE's
/// own reader (<see cref="AseReader"/>): one row per frame with get_charges(), energies, forces and momenta equal to
/// the extended XYZ frames of the same run, the input's columns and info kept; whole after every frame; and
/// continued by <c>--restart</c> into the uninterrupted run's rows.
/// </summary>
public sealed class AseDatabaseTrajectoryTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    /// <summary>Rock salt with one atom displaced, initial charges, tags, a fixed atom and an info key, as an ASE user brings it.</summary>
    private string Input()
    {
        var lines = Structures.RockSaltCell().Split('\n');
        lines[1] = lines[1].Replace("Properties=species:S:1:pos:R:3", "Properties=species:S:1:pos:R:3:initial_charges:R:1:tags:I:1:move_mask:L:1 comment=\"from ASE\"", StringComparison.Ordinal);
        for (var i = 0; i < 8; i++)
            lines[2 + i] += string.Create(CultureInfo.InvariantCulture, $" {(lines[2 + i].StartsWith("Na", StringComparison.Ordinal) ? 0.5 : -0.5)} {i + 10} {(i == 1 ? "F" : "T")}");
        var first = lines[2].Split(' ');
        first[1] = (double.Parse(first[1], CultureInfo.InvariantCulture) + 0.12).ToString("R", CultureInfo.InvariantCulture);
        lines[2] = string.Join(' ', first);
        return temp.Write("input.extxyz", string.Join('\n', lines));
    }

    [Fact]
    public void Md_json_frames_are_the_extxyz_frames_with_get_charges_momenta_and_the_inputs_columns()
    {
        var input = Input();
        var run = CliRun.Of("md", input, "-p", "NaCl", "--steps", "20", "--every", "5", "--out", temp.File("md.json"), "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var thermo = JsonDocument.Parse(run.Stdout).RootElement.GetProperty("thermo").EnumerateArray().ToArray();
        Assert.Equal(0, CliRun.Of("md", input, "-p", "NaCl", "--steps", "20", "--every", "5", "--out", temp.File("md.extxyz")).ExitCode);
        Assert.Equal(5, JsonDocument.Parse(run.Stdout).RootElement.GetProperty("final").GetProperty("frames").GetInt32());

        var (_, rows) = AseReader.Read(temp.File("md.json"));
        var frames = ExtendedXyzReader.ReadFile(temp.File("md.extxyz"));
        Assert.Equal(5, rows.Length);
        for (var k = 0; k < 5; k++)
        {
            var (row, frame) = (rows[k], frames[k]);
            var results = row.GetProperty("results");
            Assert.Equal(thermo[k].GetProperty("energy").GetDouble(), row.GetProperty("energy").GetDouble());
            Assert.Equal(thermo[k].GetProperty("energy").GetDouble(), results.GetProperty("free_energy").GetDouble());
            Assert.Equal(thermo[k].GetProperty("kinetic").GetDouble(), row.GetProperty("kinetic").GetDouble(), 1e-7 * thermo[k].GetProperty("kinetic").GetDouble());
            // Bit for bit the extended XYZ frame's: the calculator's charges through get_charges(), forces, per-atom energies, momenta.
            Assert.Equal(frame.Columns["charges"].Reals, AseReader.Numbers(row.GetProperty("charges")));
            Assert.Equal(frame.Columns["forces"].Reals, AseReader.Numbers(results.GetProperty("forces")));
            Assert.Equal(frame.Columns["energies"].Reals, AseReader.Numbers(results.GetProperty("energies")));
            Assert.Equal(frame.Columns["momenta"].Reals, AseReader.Numbers(row.GetProperty("arrays").GetProperty("momenta")));
            Assert.Equal(frame.Structure.Masses, AseReader.Numbers(row.GetProperty("masses")));
            // The input's own: initial charges as ASE's, tags, the fixed atom as FixAtoms, its info beside step and time.
            Assert.Equal([0.5, -0.5, -0.5, 0.5, -0.5, 0.5, 0.5, -0.5], AseReader.Numbers(row.GetProperty("arrays").GetProperty("initial_charges")));
            Assert.Equal(Enumerable.Range(10, 8).Select(i => (double)i), AseReader.Numbers(row.GetProperty("arrays").GetProperty("tags")));
            Assert.Equal([1], row.GetProperty("fixed").EnumerateArray().Select(e => e.GetInt32()));
            var pairs = row.GetProperty("key_value_pairs");
            Assert.Equal("from ASE", pairs.GetProperty("comment").GetString());
            Assert.Equal(5 * k, pairs.GetProperty("step").GetInt32());
            Assert.Equal((double)frame.Info["internal_energy"], pairs.GetProperty("internal_energy").GetDouble());
            Assert.Equal(frame.Columns["weights"].Reals, AseReader.Numbers(row.GetProperty("data").GetProperty("weights")));
        }
    }

    [Fact]
    public void Relax_json_trajectory_has_every_step_and_ends_at_the_reported_energy_and_charges()
    {
        var run = CliRun.Of("relax", Input(), "-p", "NaCl", "--out", temp.File("relaxed.extxyz"), "--trajectory", temp.File("steps.json"), "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var reported = JsonDocument.Parse(run.Stdout).RootElement;
        var (_, rows) = AseReader.Read(temp.File("steps.json"));
        Assert.Equal(reported.GetProperty("steps").GetInt32() + 1, rows.Length);
        Assert.Equal(Enumerable.Range(0, rows.Length), rows.Select(r => r.GetProperty("key_value_pairs").GetProperty("step").GetInt32()));
        Assert.Equal(reported.GetProperty("energy").GetDouble(), rows[^1].GetProperty("energy").GetDouble());
        Assert.Equal(AseReader.Numbers(reported.GetProperty("charges")), AseReader.Numbers(rows[^1].GetProperty("charges")));
    }

    [Fact]
    public void The_database_reads_back_whole_after_every_frame()
    {
        var structure = ExtendedXyzReader.ReadFile(temp.Write("cell.extxyz", Structures.RockSaltCell()))[0].Structure;
        var calculator = new EnsembleCalculator(new PotentialLoader().Load("NaCl"));
        var path = temp.File("growing.json");
        using var writer = AseDatabaseTrajectoryWriter.Create(path);
        Assert.Empty(AseReader.Read(path).Frames);
        for (var k = 1; k <= 3; k++)
        {
            structure.X[0] += 0.05;
            writer.Write(TrajectoryFrames.Create(structure, calculator.Calculate(structure), step: k));
            // Read while the writer still holds the file, as a user following a run would.
            var (_, rows) = AseReader.Read(path);
            Assert.Equal(Enumerable.Range(1, k), rows.Select(r => r.GetProperty("key_value_pairs").GetProperty("step").GetInt32()));
            Assert.Equal(structure.X[0], AseReader.Numbers(rows[^1].GetProperty("arrays").GetProperty("positions"))[0]);
        }
    }

    [Fact]
    public void A_restarted_run_continues_its_json_trajectory_into_the_uninterrupted_runs_rows()
    {
        var input = Input();
        var (whole, part) = (temp.File("whole.json"), temp.File("part.json"));
        Assert.Equal(0, CliRun.Of("md", input, "-p", "NaCl", "--steps", "30", "--every", "5", "--out", whole).ExitCode);
        var first = CliRun.Of("md", input, "-p", "NaCl", "--steps", "22", "--every", "5", "--out", part, "--restart-file", temp.File("part.restart"), "--restart-every", "7");
        Assert.True(first.ExitCode == 0, first.Stderr);
        // Stopped at 22 with its last restart state at 21: the row of step 20 is kept, none is written twice.
        var rest = CliRun.Of("md", "--restart", temp.File("part.restart"), "--steps", "30", "--every", "5", "--out", part);
        Assert.True(rest.ExitCode == 0, rest.Stderr);

        var (expected, actual) = (Rows(whole), Rows(part));
        Assert.Equal(7, expected.Count);
        Assert.Equal(expected, actual);
        Assert.Equal(7, AseReader.Read(part).Frames.Length);
    }

    /// <summary>Every row's JSON in id order, less the times it was written at.</summary>
    private static List<string> Rows(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        return root.GetProperty("ids").EnumerateArray()
            .Select(id => root.GetProperty(id.GetInt32().ToString(CultureInfo.InvariantCulture)))
            .Select(row => string.Join(",", row.EnumerateObject().Where(p => p.Name is not ("ctime" or "mtime")).Select(p => p.ToString())))
            .ToList();
    }
}
