using System.Text.Json;
using Latent.Runtime.Structures.ExtendedXyz;

namespace Latent.Cli.Tests;

/// <summary>
/// The commands on the continuous-charge potential NaCl-QEq (docs/model.md §8): eval, relax, md and dimer run with
/// no weights columns or keys, --temperature is refused, a structure without a charge minimum is refused with where,
/// and check reports the state conditions as not applicable and pplb and dissociation as failed, with the parabola's
/// sag and the fractional charges it leaves.
/// </summary>
public sealed class QeqCommandTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Eval_gives_energy_charges_and_lambda_without_weights()
    {
        var path = temp.Write("dimer.extxyz", Structures.Dimer("Na", "Cl", 2.36));
        var run = CliRun.Of("eval", path, "--potential", "NaCl-QEq", "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var doc = JsonDocument.Parse(run.Stdout);
        var root = doc.RootElement;
        Assert.Equal(["energy", "internal_energy", "forces", "stress", "charges", "lambda", "terms", "solver"], root.EnumerateObject().Select(p => p.Name).ToArray());
        var charges = root.GetProperty("charges").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        // (χ_Cl − χ_Na)/(J_Na + J_Cl − 2 k_e J_NaCl(2.36 Å)) = 0.890 e: the closed form ChargeSolverTests checks to 12 digits.
        Assert.InRange(charges[0], 0.88, 0.90);
        Assert.Equal(0, charges.Sum(), 12);
        Assert.Equal(root.GetProperty("energy").GetDouble(), root.GetProperty("internal_energy").GetDouble());
        Assert.Equal("dense Cholesky", root.GetProperty("solver").GetProperty("method").GetString());
        Assert.All(root.GetProperty("terms").GetProperty("entropy").EnumerateArray(), e => Assert.Equal(0, e.GetDouble()));

        var text = CliRun.Of("eval", path, "--potential", "NaCl-QEq");
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("continuous charges, total charge 0 e", text.Stdout);
        Assert.Contains("energy E", text.Stdout);
        Assert.Contains("charges by dense Cholesky", text.Stdout);
        Assert.DoesNotContain("w ", text.Stdout);
    }

    [Fact]
    public void Eval_writes_charges_and_no_weights_column()
    {
        var path = temp.Write("cell.extxyz", Structures.RockSaltCell());
        var output = temp.File("out.extxyz");
        var run = CliRun.Of("eval", path, "--potential", "NaCl-QEq", "--out", output);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var frame = ExtendedXyzReader.ReadFile(output)[0];
        Assert.True(frame.Columns.Contains("charges"));
        Assert.False(frame.Columns.Contains("weights"));
        Assert.Equal("NaCl-QEq", frame.Info["potential"]);
    }

    [Fact]
    public void An_electronic_temperature_is_refused_for_continuous_charges()
    {
        var path = temp.Write("dimer.extxyz", Structures.Dimer("Na", "Cl", 2.36));
        CliRun.Of("eval", path, "--potential", "NaCl-QEq", "--temperature", "0.1").AssertUserError("--temperature", "continuous charges", "no electronic temperature");
        CliRun.Of("dimer", "Na", "Cl", "--potential", "NaCl-QEq", "--temperature", "0.1").AssertUserError("--temperature");
    }

    [Fact]
    public void A_structure_without_a_charge_minimum_is_refused_with_the_pair()
    {
        var potential = temp.Write("ip1.toml", Latent.Runtime.Potentials.PotentialSource.Resolve("NaCl-QEq").Text
            .Replace("charge_exponent = \"slater_exponent(ea_Na)\"", "charge_exponent = \"slater_exponent(ip1_Na)\""));
        var path = temp.Write("dimer.extxyz", Structures.Dimer("Na", "Cl", 1.0));
        CliRun.Of("eval", path, "--potential", potential).AssertUserError("E(q) has no minimum", "atoms 0 (Na) and 1 (Cl), 1 Å apart");
    }

    [Fact]
    public void Relax_and_md_run_on_continuous_charges()
    {
        var dimer = temp.Write("dimer.extxyz", Structures.Dimer("Na", "Cl", 2.36));
        var relax = CliRun.Of("relax", dimer, "--potential", "NaCl-QEq", "--out", temp.File("relaxed.extxyz"), "--json");
        Assert.True(relax.ExitCode == 0, relax.Stderr);
        using (var doc = JsonDocument.Parse(relax.Stdout))
        {
            Assert.True(doc.RootElement.GetProperty("converged").GetBoolean());
            Assert.True(doc.RootElement.GetProperty("charges")[0].GetDouble() > 0.5);
        }

        var cell = temp.Write("cell.extxyz", Structures.RockSaltCell());
        var md = CliRun.Of("md", cell, "--potential", "NaCl-QEq", "--steps", "10", "--every", "5", "--thermostat", "none", "--out", temp.File("traj.extxyz"), "--json");
        Assert.True(md.ExitCode == 0, md.Stderr);
        var frames = ExtendedXyzReader.ReadFile(temp.File("traj.extxyz"));
        Assert.Equal(3, frames.Count);
        Assert.All(frames, f => Assert.False(f.Columns.Contains("weights")));
    }

    [Fact]
    public void The_dimer_curve_keeps_fractional_charges_past_the_crossing()
    {
        var run = CliRun.Of("dimer", "Na", "Cl", "--potential", "NaCl-QEq", "--from", "2", "--to", "20", "--step", "2", "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var doc = JsonDocument.Parse(run.Stdout);
        var points = doc.RootElement.GetProperty("points").EnumerateArray().ToArray();
        Assert.All(points, p => Assert.False(p.TryGetProperty("weights", out _)));
        // The crossing estimate comes from the parabola's IP = χ + J/2 and EA = χ − J/2: the measured ones.
        Assert.Equal(14.3996454784 / (5.1391 - 3.6127), doc.RootElement.GetProperty("crossing").GetDouble(), 9);
        var last = points[^1];
        Assert.Equal(20, last.GetProperty("r").GetDouble());
        Assert.InRange(last.GetProperty("charges")[0].GetDouble(), 0.43, 0.44);
    }

    [Fact]
    public void The_dimer_properties_are_those_docs_potentials_md_reports()
    {
        var run = CliRun.Of("dimer", "Na", "Cl", "--potential", "NaCl-QEq", "--from", "2", "--to", "4", "--step", "0.05", "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var doc = JsonDocument.Parse(run.Stdout);
        var p = doc.RootElement.GetProperty("properties");
        Assert.Equal(2.2051, p.GetProperty("equilibrium").GetDouble(), 4);
        Assert.Equal(2.3643, p.GetProperty("binding_energy_de").GetDouble(), 4);
        Assert.Equal(164.2, p.GetProperty("wavenumber").GetDouble(), 1);
        Assert.Equal(0.914, p.GetProperty("charge_a").GetDouble(), 3);
    }

    [Fact]
    public void Check_fails_pplb_and_dissociation_and_says_by_how_much()
    {
        var run = CliRun.Of("check", "NaCl-QEq");
        Assert.Equal(1, run.ExitCode);
        var lines = run.Stdout.ReplaceLineEndings("\n").Split('\n');
        Assert.Matches(@"^normalisation\s+NaCl-QEq\s+integral\s+not applicable\s", lines.Single(l => l.StartsWith("normalisation")));
        Assert.Matches(@"^coulomb_tail\s+Na-Cl unit charges\s+limit\s+symbolic\s.*pass$", lines.Single(l => l.StartsWith("coulomb_tail") && l.Contains("Na-Cl")));
        Assert.Matches(@"^charge_conservation\s.*pass$", lines.Single(l => l.StartsWith("charge_conservation")));
        Assert.Matches(@"^dimer_continuity\s+Na-Cl\s.*pass$", lines.Single(l => l.StartsWith("dimer_continuity") && l.Contains("Na-Cl")));
        // The parabola sags J/8 below its chord: (5.1391 − 0.5479)/8 = 0.5739 eV for Na.
        Assert.Contains("FAIL pplb: Na: continuous charge: E(q)", run.Stdout);
        Assert.Matches(@"J/8 = 0\.57\d* eV", run.Stdout);
        Assert.Matches(@"FAIL dissociation: Na-Cl: at r = 30 Å: max \|q\| = 0\.41\d* e", run.Stdout);
        Assert.Contains("NaCl-QEq: 16 constraints at 36 instances: 26 passed, 3 failed, 7 not applicable", run.Stdout);
    }
}
