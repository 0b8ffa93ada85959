using System.Globalization;
using System.Text.Json;
using Latent.Cli.Output;
using Latent.Runtime.Dynamics;
using Latent.Runtime.Structures.ExtendedXyz;

namespace Latent.Cli.Tests;

/// <summary>
/// md that continues: a run stopped and continued from its restart file is the uninterrupted run bit for bit,
/// a run starts from the momenta in its input, fixed atoms stay put, thermo lines reach the log as they are
/// made, and --plot draws the run.
/// </summary>
public sealed class MdContinuationTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    /// <summary>Rock salt with one atom displaced, so the run has forces from its first step.</summary>
    private string Cell(string? moveMask = null)
    {
        var lines = Structures.RockSaltCell().Split('\n');
        if (moveMask is not null)
        {
            lines[1] = lines[1].Replace("Properties=species:S:1:pos:R:3", "Properties=species:S:1:pos:R:3:move_mask:L:1", StringComparison.Ordinal);
            for (var i = 0; i < 8; i++)
                lines[2 + i] += " " + moveMask[i];
        }

        var first = lines[2].Split(' ');
        first[1] = (double.Parse(first[1], CultureInfo.InvariantCulture) + 0.12).ToString("R", CultureInfo.InvariantCulture);
        lines[2] = string.Join(' ', first);
        return temp.Write($"{Guid.NewGuid():N}.extxyz", string.Join('\n', lines));
    }

    [Theory]
    [InlineData("langevin")]
    [InlineData("none")]
    public void A_run_continued_from_its_restart_file_is_the_uninterrupted_run_bit_for_bit(string thermostat)
    {
        var input = Cell();
        var whole = temp.File("whole.extxyz");
        var part = temp.File("part.extxyz");
        Assert.Equal(0, CliRun.Of("md", input, "-p", "NaCl", "--steps", "60", "--every", "5", "--thermostat", thermostat, "--out", whole, "--json").ExitCode);
        // Restart files every 7 steps: the last is at step 35, between two frames.
        var first = CliRun.Of("md", input, "-p", "NaCl", "--steps", "37", "--every", "5", "--thermostat", thermostat, "--out", part,
            "--restart-file", temp.File("part.restart"), "--restart-every", "7", "--json");
        Assert.True(first.ExitCode == 0, first.Stderr);
        File.Copy(temp.File("part.restart"), temp.File("at35.extxyz"));
        var state = ExtendedXyzReader.ReadFile(temp.File("part.restart"))[0];
        Assert.Equal(37, Convert.ToInt32(state.Info["step"], CultureInfo.InvariantCulture));

        var rest = CliRun.Of("md", "--restart", temp.File("part.restart"), "--steps", "60", "--every", "5", "--out", part, "--restart-file", temp.File("rest.restart"), "--json");
        Assert.True(rest.ExitCode == 0, rest.Stderr);

        // Every byte: positions, momenta, forces, charges, weights and energies of every frame, and the final state.
        Assert.Equal(File.ReadAllText(whole), File.ReadAllText(part));
        Assert.Equal(File.ReadAllText(Path.ChangeExtension(whole, ".restart.extxyz")), File.ReadAllText(temp.File("rest.restart")));
        // The continued part was not a copy of a finished run: it computed 23 steps.
        Assert.Equal([40, 45, 50, 55, 60], JsonDocument.Parse(rest.Stdout).RootElement.GetProperty("thermo").EnumerateArray().Select(t => t.GetProperty("step").GetInt32()));
    }

    [Fact]
    public void A_continued_charge_equilibration_run_is_the_uninterrupted_run_bit_for_bit()
    {
        // 150 atoms: past the dense solve's 128, so each step's conjugate-gradient solve starts from the last
        // charges, which the restart file must hold (solved from zero, the charges agree only to the tolerance).
        var input = temp.Write("qeq.extxyz", RockSaltBlock(6, 5, 5));
        var whole = temp.File("qeq-whole.extxyz");
        var part = temp.File("qeq-part.extxyz");
        Assert.Equal(0, CliRun.Of("md", input, "-p", "NaCl-QEq", "--steps", "20", "--every", "5", "--out", whole, "--json").ExitCode);
        var first = CliRun.Of("md", input, "-p", "NaCl-QEq", "--steps", "12", "--every", "5", "--out", part,
            "--restart-file", temp.File("qeq.restart"), "--restart-every", "6", "--json");
        Assert.True(first.ExitCode == 0, first.Stderr);
        var state = ExtendedXyzReader.ReadFile(temp.File("qeq.restart"))[0];
        Assert.Equal(150, ((double[])state.Info["charge_solver_charges"]).Length);

        var rest = CliRun.Of("md", "--restart", temp.File("qeq.restart"), "--steps", "20", "--every", "5", "--out", part, "--restart-file", temp.File("qeq-rest.restart"), "--json");
        Assert.True(rest.ExitCode == 0, rest.Stderr);
        Assert.Equal(File.ReadAllText(whole), File.ReadAllText(part));
        Assert.Equal(File.ReadAllText(Path.ChangeExtension(whole, ".restart.extxyz")), File.ReadAllText(temp.File("qeq-rest.restart")));
    }

    /// <summary>An a×b×c block of rock-salt sites as a cluster, its corner atom displaced so it has forces from the start.</summary>
    private static string RockSaltBlock(int a, int b, int c)
    {
        var lines = new List<string>();
        for (var i = 0; i < a; i++)
            for (var j = 0; j < b; j++)
                for (var k = 0; k < c; k++)
                {
                    var shift = i + j + k == 0 ? 0.1 : 0.0;
                    lines.Add(string.Create(CultureInfo.InvariantCulture,
                        $"{((i + j + k) % 2 == 0 ? "Na" : "Cl")} {i * Structures.NaClDistance + shift:R} {j * Structures.NaClDistance:R} {k * Structures.NaClDistance:R}"));
                }

        return $"{lines.Count}\nProperties=species:S:1:pos:R:3\n" + string.Join('\n', lines) + "\n";
    }

    [Fact]
    public void From_file_velocities_start_the_run_from_the_inputs_momenta()
    {
        var first = CliRun.Of("md", Cell(), "-p", "NaCl", "--steps", "10", "--every", "10", "--thermostat", "none", "--out", temp.File("a.extxyz"), "--json");
        Assert.True(first.ExitCode == 0, first.Stderr);
        var end = JsonDocument.Parse(first.Stdout).RootElement.GetProperty("thermo")[1].GetProperty("kinetic").GetDouble();

        // The last frame of the trajectory (momenta only, as ASE writes them) as the next run's structure.
        var last = ExtendedXyzReader.ReadFile(temp.File("a.extxyz"))[^1];
        var next = temp.File("next.extxyz");
        ExtendedXyzWriter.WriteFile(next, last, TrajectoryFile.WithMasses);
        var run = CliRun.Of("md", next, "-p", "NaCl", "--steps", "5", "--every", "5", "--thermostat", "none", "--velocities", "from-file", "--out", temp.File("b.extxyz"), "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var start = JsonDocument.Parse(run.Stdout).RootElement.GetProperty("thermo")[0].GetProperty("kinetic").GetDouble();
        Assert.Equal(end, start, 1e-12 * end);

        // A Maxwell–Boltzmann start of the same file draws other velocities.
        var drawn = CliRun.Of("md", next, "-p", "NaCl", "--steps", "5", "--every", "5", "--thermostat", "none", "--out", temp.File("c.extxyz"), "--json");
        Assert.NotEqual(start, JsonDocument.Parse(drawn.Stdout).RootElement.GetProperty("thermo")[0].GetProperty("kinetic").GetDouble());

        CliRun.Of("md", Cell(), "-p", "NaCl", "--steps", "5", "--velocities", "from-file", "--out", temp.File("d.extxyz"))
            .AssertUserError("--velocities from-file needs a momenta:R:3 column");
    }

    [Theory]
    [InlineData("langevin")]
    [InlineData("none")]
    public void Atoms_its_move_mask_fixes_do_not_move_and_the_restart_file_keeps_the_mask(string thermostat)
    {
        var input = Cell(moveMask: "TFTTTTFT");
        var output = temp.File("fixed.extxyz");
        var run = CliRun.Of("md", input, "-p", "NaCl", "--steps", "30", "--every", "10", "--thermostat", thermostat, "--out", output);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("2 fixed by its move_mask", run.Stdout);

        var start = ExtendedXyzReader.ReadFile(input)[0].Structure;
        var frames = ExtendedXyzReader.ReadFile(output);
        Assert.Equal(4, frames.Count);
        foreach (var frame in frames)
        {
            var momenta = frame.Columns["momenta"].Reals;
            foreach (var i in new[] { 1, 6 })
            {
                Assert.Equal(start.Position(i), frame.Structure.Position(i));
                Assert.Equal([0.0, 0.0, 0.0], momenta.Skip(3 * i).Take(3));
            }

            Assert.Equal([true, false, true, true, true, true, false, true], frame.Columns["move_mask"].Logicals);
        }

        Assert.True((frames[^1].Structure.Position(0) - start.Position(0)).Length > 1e-3);
        var restart = ExtendedXyzReader.ReadFile(Path.ChangeExtension(output, ".restart.extxyz"))[0];
        Assert.Equal([true, false, true, true, true, true, false, true], restart.Columns["move_mask"].Logicals);
    }

    [Fact]
    public void Each_thermo_line_is_in_the_log_file_as_soon_as_it_is_made()
    {
        var path = temp.File("thermo.log");
        using (var log = new ThermoLog(stdout: null, path, append: false))
        {
            for (var step = 0; step < 3; step++)
            {
                log.Observe(new MdStep(step * 10, step * 10.0, -25.0 - step, 0.2, -24.8 - step, 250, 0, 1), null!);
                // Read while the log is still open, as tail -f would: the header and every line so far are there.
                using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
                var lines = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
                Assert.Equal(step + 2, lines.Length);
                Assert.StartsWith((step * 10).ToString(CultureInfo.InvariantCulture), lines[^1].TrimStart());
            }
        }
    }

    [Fact]
    public void The_log_holds_the_thermo_table_md_prints()
    {
        var log = temp.File("run.log");
        var run = CliRun.Of("md", Cell(), "-p", "NaCl", "--steps", "20", "--every", "5", "--out", temp.File("t.extxyz"), "--log", log);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var logged = File.ReadAllLines(log);
        Assert.Equal(6, logged.Length);
        Assert.Contains(string.Join('\n', logged), run.Stdout.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Md_and_relax_plot_the_run_as_png()
    {
        var md = temp.File("md.png");
        var relax = temp.File("relax.png");
        Assert.Equal(0, CliRun.Of("md", Cell(), "-p", "NaCl", "--steps", "20", "--every", "2", "--out", temp.File("t.extxyz"), "--plot", md).ExitCode);
        Assert.Equal(0, CliRun.Of("relax", Cell(), "-p", "NaCl", "--out", temp.File("r.extxyz"), "--plot", relax).ExitCode);
        foreach (var (path, panels) in new[] { (md, 3), (relax, 2) })
        {
            var bytes = File.ReadAllBytes(path);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes.Take(4));
            // The PNG header's height: one 330-pixel panel per quantity.
            var height = (bytes[20] << 24) | (bytes[21] << 16) | (bytes[22] << 8) | bytes[23];
            Assert.Equal(330 * panels, height);
        }

        CliRun.Of("md", Cell(), "-p", "NaCl", "--steps", "2", "--out", temp.File("u.extxyz"), "--plot", temp.File("md.jpg")).AssertUserError("--plot", "must end in .png");
    }
}
