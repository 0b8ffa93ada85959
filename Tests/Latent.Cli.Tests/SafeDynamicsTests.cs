using System.Text.Json;
using Latent.Runtime.Structures.ExtendedXyz;

namespace Latent.Cli.Tests;

/// <summary>
/// <c>md</c> and <c>relax</c> that watch themselves: a time step too long for the fastest vibration, atoms
/// started on top of each other and empty structures are refused; a run that blows up anyway stops with exit
/// 4, the step, atoms and values, and its last good state in the restart file; <c>--restart</c> continues a run.
/// </summary>
public sealed class SafeDynamicsTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private string Input(string text) => temp.Write($"{Guid.NewGuid():N}.extxyz", text);

    [Fact]
    public void A_100_fs_step_is_refused_with_the_pair_and_its_period()
    {
        var run = CliRun.Of("md", Input(Structures.RockSaltCell()), "-p", "NaCl", "--steps", "50", "--dt", "100", "--out", temp.File("t.extxyz"));
        run.AssertUserError("--dt 100 fs is too long: the Na–Cl dimer vibrates with a period of", "--steps-per-period 10 allows at most");
    }

    [Fact]
    public void A_blow_up_let_through_stops_with_exit_4_naming_step_atoms_and_values_and_keeps_the_last_good_state()
    {
        var checkpoint = temp.File("last.extxyz");
        var run = CliRun.Of("md", Input(Structures.RockSaltCell()), "-p", "NaCl", "--steps", "50", "--dt", "100", "--dt-check", "warn",
            "--thermostat", "none", "--out", temp.File("t.extxyz"), "--checkpoint", checkpoint, "--json");
        Assert.Equal(4, run.ExitCode);
        run.AssertNoStackTrace();
        Assert.StartsWith("latent: warning: --dt 100 fs is too long", run.Stderr);
        var error = run.Stderr.ReplaceLineEndings("\n").Split('\n')[1];
        Assert.Matches(@"^latent: error: md stopped at step (\d+): the conserved energy \(A \+ kinetic\) moved by [0-9.E+]+ eV/atom since the start, more than the 0\.1 eV/atom allowed; T = .* K; largest force .* on atom \d \((Na|Cl)\)", error);
        using var doc = JsonDocument.Parse(run.Stdout);
        var stopped = doc.RootElement.GetProperty("final").GetProperty("stopped");
        Assert.Equal("Drift", stopped.GetProperty("reason").GetString());
        var step = stopped.GetProperty("step").GetInt32();
        // The restart file holds the step before, which passed, and reads back as a whole frame.
        var saved = Assert.Single(ExtendedXyzReader.ReadFile(checkpoint));
        Assert.Equal(step - 1, (int)saved.Info["step"]);
        Assert.Contains($"the last good state (step {step - 1}) is in {checkpoint}", error);
    }

    [Fact]
    public void Atoms_half_an_angstrom_apart_are_refused_by_md_and_relax()
    {
        var input = Input(Structures.Dimer("Na", "Cl", 0.5));
        foreach (var command in new[] { "md", "relax" })
        {
            var args = command == "md" ? new[] { "md", input, "-p", "NaCl", "--steps", "5", "--out", temp.File("t.extxyz") } : ["relax", input, "-p", "NaCl", "--out", temp.File("r.extxyz")];
            CliRun.Of(args).AssertUserError("atoms 0 (Na) and 1 (Cl) are 0.5 Å apart, closer than", "the Na–Cl pair's smallest sensible distance", "--contact-fraction");
        }

        // Turned off, the same start runs (and the watchdog's other checks still stand guard).
        var off = CliRun.Of("relax", input, "-p", "NaCl", "--out", temp.File("r.extxyz"), "--contact-fraction", "0", "--steps", "3");
        Assert.NotEqual(2, off.ExitCode);
    }

    [Theory]
    [InlineData("langevin")]
    [InlineData("none")]
    public void A_run_continued_with_restart_ends_where_the_uninterrupted_run_ends(string thermostat)
    {
        var input = Input(Structures.RockSaltCell());
        var whole = CliRun.Of("md", input, "-p", "NaCl", "--steps", "40", "--every", "10", "--thermostat", thermostat, "--out", temp.File("whole.extxyz"), "--json");
        Assert.True(whole.ExitCode == 0, whole.Stderr);

        var part = temp.File("part.extxyz");
        var checkpoint = temp.File("part.restart.extxyz");
        var first = CliRun.Of("md", input, "-p", "NaCl", "--steps", "25", "--every", "10", "--thermostat", thermostat, "--out", part, "--json");
        Assert.True(first.ExitCode == 0, first.Stderr);
        var rest = CliRun.Of("md", "--restart", checkpoint, "--steps", "40", "--every", "10", "--out", part, "--json");
        Assert.True(rest.ExitCode == 0, rest.Stderr);

        static JsonElement Final(CliRun run) => JsonDocument.Parse(run.Stdout).RootElement.GetProperty("final");
        Assert.Equal(Final(whole).GetProperty("total").GetDouble(), Final(rest).GetProperty("total").GetDouble(), 8);
        Assert.Equal(Final(whole).GetProperty("temperature").GetDouble(), Final(rest).GetProperty("temperature").GetDouble(), 4);
        // One trajectory, as if never stopped: 0, 10, 20 from the first part (its last frame, 25, replaced), then 30, 40.
        var steps = ExtendedXyzReader.ReadFile(part).Select(f => (int)f.Info["step"]).ToArray();
        Assert.Equal([0, 10, 20, 30, 40], steps);
    }

    [Fact]
    public void A_restart_with_other_settings_is_refused()
    {
        var input = Input(Structures.RockSaltCell());
        Assert.Equal(0, CliRun.Of("md", input, "-p", "NaCl", "--steps", "5", "--out", temp.File("a.extxyz")).ExitCode);
        CliRun.Of("md", "--restart", temp.File("a.restart.extxyz"), "--steps", "10", "--dt", "2", "--out", temp.File("a.extxyz"))
            .AssertUserError("--dt differs from the restart file's 1 fs");
        CliRun.Of("md", "--restart", temp.File("a.restart.extxyz"), "--steps", "3", "--out", temp.File("a.extxyz"))
            .AssertUserError("--steps 3 is before the restart's step 5");
        CliRun.Of("md", "--restart", input, "--steps", "10", "--out", temp.File("a.extxyz"))
            .AssertUserError("it is not an md restart file");
        CliRun.Of("md", "--steps", "10", "--out", temp.File("a.extxyz")).AssertUserError("give the structure file to run, or --restart FILE");
    }
}
