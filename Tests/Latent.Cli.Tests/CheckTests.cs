using System.Text.Json;

namespace Latent.Cli.Tests;

/// <summary><c>latent check</c>: the shipped potential passes every constraint it switches on; broken
/// copies fail the right one with a message that names the numbers; exit codes 0, 1 and 2; JSON shape.</summary>
public sealed class CheckTests
{
    private static string ShippedText() => Latent.Runtime.Potentials.PotentialSource.Resolve("NaCl").Text;

    /// <summary>A copy of NaCl.toml with one piece of text replaced, which must be there.</summary>
    private static string Edited(TempDirectory temp, string name, string old, string replacement)
    {
        var text = ShippedText();
        Assert.Contains(old, text);
        return temp.Write(name + ".toml", text.Replace(old, replacement));
    }

    [Fact]
    public void The_shipped_potential_passes_every_constraint()
    {
        var run = CliRun.Of("check", "NaCl");
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        var lines = run.Stdout.ReplaceLineEndings("\n").Split('\n');
        Assert.Matches(@"^constraint\s+instance\s+kind\s+route\s+value\s+target\s+residual\s+tolerance\s+result$", lines[0]);
        Assert.Matches(@"^normalisation\s+Cl anion\s+integral\s+symbolic\s+8\s+8\s+0\s+1E-09\s+pass$", lines.Single(l => l.StartsWith("normalisation ") && l.Contains("Cl anion")));
        Assert.Matches(@"^decay_exponent\s+Cl anion\s+derivation\s+by construction\s+0\.97376572\s+0\.97376572\s+0\s+1E-12\s+pass$", lines.Single(l => l.StartsWith("decay_exponent") && l.Contains("Cl anion")));
        Assert.Matches(@"^pplb\s+Na\s+pplb\s+engine\s", lines.Single(l => l.StartsWith("pplb") && l.Contains(" Na ")));
        Assert.Contains("NaCl: 17 constraints at 118 instances: 108 passed, 0 failed, 10 not applicable", run.Stdout);
        Assert.DoesNotContain("FAIL", run.Stdout);
    }

    [Fact]
    public void Json_lists_every_result_with_its_route_and_residual()
    {
        var run = CliRun.Of("check", "NaCl", "--json");
        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Stdout);
        Assert.True(doc.RootElement.GetProperty("passed").GetBoolean());
        var constraints = doc.RootElement.GetProperty("constraints").EnumerateArray().ToArray();
        Assert.Equal(118, constraints.Length);
        foreach (var c in constraints)
        {
            Assert.True(c.GetProperty("passed").GetBoolean());
            Assert.Contains(c.GetProperty("route").GetString(), new[] { "symbolic", "numeric", "by construction", "engine", "not applicable" });
            Assert.Equal(JsonValueKind.Number, c.GetProperty("residual").ValueKind);
            Assert.False(string.IsNullOrEmpty(c.GetProperty("name").GetString()));
        }

        var cusp = constraints.First(c => c.GetProperty("name").GetString() == "cusp");
        Assert.False(cusp.GetProperty("applicable").GetBoolean());
        var names = constraints.Select(c => c.GetProperty("name").GetString()!).Distinct().ToArray();
        Assert.Equal<string[]>(
            ["normalisation", "asymptotic_decay", "decay_exponent", "positivity", "cusp", "coulomb_tail", "symmetry", "smooth_cutoff",
             "continuity", "pplb", "dissociation", "charge_conservation", "dimer_continuity", "rose", "shell_normalisation", "repulsive_pairs", "finite"],
            names);
    }

    [Fact]
    public void A_wrong_exponent_exits_1_and_says_what_is_wrong()
    {
        using var temp = new TempDirectory();
        var path = Edited(temp, "WrongExponent", "z_Cl_ea = \"slater_exponent(ea_Cl)\"", "z_Cl_ea = \"1.5*slater_exponent(ea_Cl)\"");
        var run = CliRun.Of("check", path);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("FAIL asymptotic_decay: Cl anion: lim r→inf dn/n = -2.9212972, expected -2*sqrt(2*I/Ha)/a0 = -1.9475314", run.Stdout);
        Assert.Contains("FAIL decay_exponent: Cl anion: zeta = 1.4606486 is not slater_exponent(I) = 0.97376572", run.Stdout);
        using var doc = JsonDocument.Parse(CliRun.Of("check", path, "--json").Stdout);
        Assert.False(doc.RootElement.GetProperty("passed").GetBoolean());
    }

    [Fact]
    public void A_pair_term_that_steps_inside_the_cutoff_fails_continuity()
    {
        using var temp = new TempDirectory();
        var path = Edited(temp, "Step", "phi = \"born_mayer(r, A_NaCl, rho)\"", "phi = \"select(r < 8, born_mayer(r, A_NaCl, rho) - 1/r, 0)\"");
        var run = CliRun.Of("check", path);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("FAIL continuity: Na-Cl: k switches at r = 8, 10, 12; the largest step is in k at r = 8: 0.12499999", run.Stdout);
    }

    [Fact]
    public void State_energies_off_the_measured_ones_fail_pplb_and_dissociation()
    {
        using var temp = new TempDirectory();
        // An anion 2 eV too deep: Cl⁻ is then bound by more than Na's IP, so Na⁺Cl⁻ stays ionic far apart,
        // although the measured IP_Na > EA_Cl says the dimer must dissociate to neutral atoms.
        var path = Edited(temp, "DeepAnion", "energy = \"-ea_Cl\"", "energy = \"-ea_Cl - 2\"");
        var run = CliRun.Of("check", path);
        Assert.Equal(1, run.ExitCode);
        Assert.Matches(@"FAIL pplb: Cl: E\(q\) at θ = 0\.001 eV over q = .*: largest deviation from the PPLB line 1\.5 eV at q = -0\.75", run.Stdout);
        Assert.Matches(@"FAIL dissociation: Na-Cl: at r = 30 Å: max \|q\| = 1 e", run.Stdout);
        Assert.DoesNotContain("FAIL pplb: Na", run.Stdout);
    }

    [Fact]
    public void The_shipped_metal_follows_Roses_curve_by_the_engine()
    {
        var run = CliRun.Of("check", "Cu");
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        var lines = run.Stdout.ReplaceLineEndings("\n").Split('\n');
        Assert.Matches(@"^rose\s+Cu\s+equation_of_state\s+engine\s+-3\.\d+\s+-3\.\d+\s+\S+\s+0\.001\s+pass$", lines.Single(l => l.StartsWith("rose ")));
        Assert.Matches(@"^pplb\s+Cu\s+pplb\s+not applicable\s", lines.Single(l => l.StartsWith("pplb ")));
        Assert.Contains("Cu: 17 constraints at 18 instances: 15 passed, 0 failed, 3 not applicable", run.Stdout);
    }

    [Theory]
    // The declared crystal disagrees with the bulk modulus the embedding was built from.
    [InlineData("bulk_modulus = \"B_Cu*GPa\"", "bulk_modulus = \"120*GPa\"", "largest |E − formula| = 0.037860802 eV/atom at a = 3.9765 Å (E = -3.1725423, formula = -3.2104031)")]
    // A switch pulled in front of the fourth neighbour shell, which the embedding still counts (its pair_sum
    // keeps the switch over [5.15, 5.5] Å): the crystal leaves Rose's curve.
    [InlineData("cutoff = 5.5 ", "cutoff = 5.0 ", "largest |E − formula| = 0.010385225 eV/atom at a = 3.9539063 Å (E = -3.1941462, formula = -3.2045314); lowest E = -3.4891906 eV/atom at a = 3.615 Å")]
    public void A_metal_off_Roses_curve_fails_rose_with_the_numbers(string old, string replacement, string expected)
    {
        using var temp = new TempDirectory();
        var text = Latent.Runtime.Potentials.PotentialSource.Resolve("Cu").Text;
        Assert.Contains(old, text);
        var run = CliRun.Of("check", temp.Write("BrokenCu.toml", text.Replace(old, replacement)));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("FAIL rose: Cu: fcc crystal at 25 lattice constants in [3.43425, 3.9765] Å against rose(a, alat, Ec, sqrt(Ec/(9*B*Omega))): " + expected, run.Stdout);
        Assert.Contains("1 failed", run.Stdout);
    }

    [Fact]
    public void A_users_own_constraint_line_is_proved_or_refuted()
    {
        using var temp = new TempDirectory();
        var proved = temp.Write("Proved.toml", ShippedText()
            + "\n[[constraints.check]]\nname = \"decreasing\"\nfor = \"state\"\nkind = \"inequality\"\nformula = \"dn\"\nrelation = \"<=\"\nrange = [0, \"inf\"]\n");
        var ok = CliRun.Of("check", proved);
        Assert.Equal(0, ok.ExitCode);
        Assert.Matches(@"decreasing\s+Cl anion\s+inequality\s+symbolic\s", ok.Stdout);

        var refuted = temp.Write("Refuted.toml", ShippedText()
            + "\n[[constraints.check]]\nname = \"dilute\"\nfor = \"state\"\nkind = \"inequality\"\nformula = \"n\"\nrelation = \"<=\"\ntarget = \"1\"\nrange = [0, \"inf\"]\n");
        var bad = CliRun.Of("check", refuted);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("FAIL dilute: Cl cation: n <= 1 fails at r = 0: n = 29.84", bad.Stdout);
    }

    [Fact]
    public void An_unusable_file_exits_2_with_a_located_error()
    {
        using var temp = new TempDirectory();
        var path = Edited(temp, "UnknownName", "\"pplb\", \"dissociation\"", "\"pplb\", \"disociation\"");
        var run = CliRun.Of("check", path);
        run.AssertUserError("LAT015", "unknown library constraint 'disociation'");
        CliRun.Of("check", temp.File("missing.toml")).AssertUserError();
    }

    /// <summary>
    /// The finite check samples every kernel output over its range and names, for a failure, the output (by the
    /// kernel's layout), where, and the subexpression of the formula with the parameters that make it so.
    /// </summary>
    [Theory]
    [InlineData("NaCl", "phi = \"born_mayer(r, A_NaCl, rho)\"", "phi = \"born_mayer(r, A_NaCl, rho)/A_zero\"",
        "FAIL finite: Na-Cl: phi is Infinity at r = 0.05 Å: in the formula, 1/A_zero is Infinity (parameter A_zero = 0)")]
    [InlineData("NaCl", "A_NaCl = { value = 1345.3419062663322", "A_NaCl = { value = 1e308",
        "FAIL finite: Na-Cl: d/dr phi is -Infinity at r = 0.05 Å: in the formula, -A_NaCl*exp(-r/rho)/rho is -Infinity (parameters A_NaCl = 1E+308, rho = 0.309958)")]
    [InlineData("Cu", "embedding = \"select(rho > 0, rose(a_eff, a_Cu, Ec_Cu, rose_l) - pair_sum, 0)\"", "embedding = \"log(rho)\"",
        "FAIL finite: Cu: F is -Infinity at rho = 0: in the formula, log(rho) is -Infinity")]
    public void A_kernel_that_is_not_finite_in_its_range_fails_finite_naming_the_cause(string potential, string old, string replacement, string expected)
    {
        using var temp = new TempDirectory();
        var text = Latent.Runtime.Potentials.PotentialSource.Resolve(potential).Text;
        Assert.Contains(old, text);
        text = text.Replace(old, replacement);
        if (replacement.Contains("A_zero"))
            text = text.Replace("[parameters]\n", "[parameters]\nA_zero = { value = 0, unit = \"1\", note = \"a divisor set to zero\" }\n");
        var run = CliRun.Of("check", temp.Write("Broken.toml", text));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(expected, run.Stdout);
    }
}
