using System.Globalization;
using System.Text.Json;
using Latent.Runtime.Fitting;
using Latent.Runtime.Fitting.Measures;
using Latent.Runtime.Fitting.Targets;
using Latent.Runtime.Potentials;

namespace Latent.Cli.Tests.Fit;

/// <summary>
/// <c>latent fit</c> end to end on the shipped Cu (one state per atom, cheap to evaluate): targets the potential
/// already meets give a converged fit, exit 0 and a written file that reads back with its [fitted] record; a weight-0
/// target that misses its tolerance gives exit 1 with the file written; bad targets give one located message and
/// exit 2.
/// </summary>
public sealed class FitCommandTests
{
    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// The shipped Cu with only phi_A and phi_B fitted: these tests are about the command, and with central
    /// differences every fitted parameter costs two compilations of Cu's embedding per iteration.
    /// </summary>
    internal static string TwoParameterCu(TempDirectory dir)
    {
        var text = PotentialSource.Resolve("Cu").Text;
        const string all = "parameters = [\"phi_A\", \"phi_B\", \"alpha\", \"beta\", \"kappa\", \"lambda\"]";
        Assert.Contains(all, text);
        return dir.Write("Cu.toml", text.Replace(all, "parameters = [\"phi_A\", \"phi_B\"]", StringComparison.Ordinal));
    }

    /// <summary>Cu's own fcc properties at its file values, as a targets file it meets exactly.</summary>
    internal static string OwnTargets(string extra = "")
    {
        var potential = new ParameterizedPotential(PotentialSource.Resolve("Cu"));
        var kernels = potential.KernelsAt(potential.InitialValues.ToArray());
        var structure = new FitStructure("fcc", StructureKind.Fcc, ["Cu"], 3.6, null, 1);
        var m = CrystalMeasure.Measure(new MeasureContext(kernels, potential.Parameters.Count, null), structure, new HashSet<TargetProperty>());
        return $$"""
            [fit]
            gradients = "central-differences"
            max_iterations = 5

            [structures.fcc]
            kind = "fcc"
            elements = ["Cu"]
            lattice_constant = 3.6

            [[targets]]
            structure = "fcc"
            property = "c11"
            value = {{R(m[TargetProperty.C11].Values[0])}}
            tolerance = "1%"

            [[targets]]
            structure = "fcc"
            property = "c12"
            value = {{R(m[TargetProperty.C12].Values[0])}}

            [[targets]]
            structure = "fcc"
            property = "c44"
            value = {{R(m[TargetProperty.C44].Values[0])}}
            {{extra}}
            """;
    }

    [Fact]
    public void Targets_the_potential_meets_converge_at_once_and_the_file_is_written_with_its_record()
    {
        using var dir = new TempDirectory();
        var targets = dir.Write("cu.targets.toml", OwnTargets());
        var potential = TwoParameterCu(dir);
        var output = dir.File("Cu.fitted.toml");
        var run = CliRun.Of("fit", potential, "--targets", targets, "-o", output);
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Contains("converged", run.Stdout);
        Assert.Contains("fcc c11", run.Stdout);
        Assert.Contains($"wrote {output}", run.Stdout);

        var text = File.ReadAllText(output);
        // The input's text up to its own [fitted] record, which the new one replaces.
        var original = File.ReadAllText(potential);
        Assert.StartsWith(original[..original.IndexOf("\n[fitted]", StringComparison.Ordinal)], text);
        Assert.Contains("[fitted]", text);
        Assert.Contains("targets = \"cu.targets.toml\"", text);
        Assert.Contains($"targets_sha256 = \"{Latent.Symbolic.PotentialFile.SourceHash.ofText(File.ReadAllText(targets))}\"", text);
        Assert.Contains("gradients = \"central-differences\"", text);
        Assert.Contains("converged = true", text);
        Assert.Contains("\"fcc c11\" = ", text);
        // The written file is a potential that loads and a refit replaces its record rather than adding one.
        Assert.Equal(0, CliRun.Of("check", output).ExitCode);
        var again = CliRun.Of("fit", output, "--targets", targets, "-o", output);
        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.Single(File.ReadAllText(output).Split("[fitted]").Skip(1));
    }

    [Fact]
    public void A_missed_tolerance_exits_1_with_the_table_and_json_says_which()
    {
        using var dir = new TempDirectory();
        var extra = """

            [[targets]]
            structure = "fcc"
            property = "lattice_constant"
            value = 3.0
            weight = 0
            tolerance = "1%"
            """;
        var targets = dir.Write("cu.targets.toml", OwnTargets(extra));
        var run = CliRun.Of("fit", TwoParameterCu(dir), "--targets", targets, "-o", dir.File("out.toml"), "--json");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("fcc lattice_constant", run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;
        Assert.True(root.GetProperty("converged").GetBoolean());
        Assert.Equal("central-differences", root.GetProperty("gradients").GetString());
        var rows = root.GetProperty("targets").EnumerateArray().ToArray();
        Assert.Equal(4, rows.Length);
        Assert.False(rows[3].GetProperty("met").GetBoolean());
        Assert.True(rows[0].GetProperty("met").GetBoolean());
        Assert.Equal("GPa", rows[0].GetProperty("unit").GetString());
        Assert.True(File.Exists(dir.File("out.toml")));
        Assert.Equal(2, root.GetProperty("parameters").GetArrayLength());
    }

    [Fact]
    public void Bad_targets_give_one_located_message()
    {
        using var dir = new TempDirectory();
        var targets = dir.Write("bad.toml", "[structures.m]\nkind = \"dimer\"\nelements = [\"Cu\", \"Cu\"]\n\n[[targets]]\nstructure = \"m\"\nproperty = \"lattice_constant\"\nvalue = 1\n");
        var run = CliRun.Of("fit", "Cu", "--targets", targets);
        run.AssertUserError("line 7, column", "'lattice_constant' is not a property of a dimer structure");
        Assert.Contains("^", run.Stderr);

        var missingElement = dir.Write("na.toml", "[structures.m]\nkind = \"dimer\"\nelements = [\"Na\", \"Cl\"]\n\n[[targets]]\nstructure = \"m\"\nproperty = \"bond_length\"\nvalue = 1\n");
        CliRun.Of("fit", "Cu", "--targets", missingElement).AssertUserError("line 1", "needs Na, which Cu does not have");

        CliRun.Of("fit", "Cu", "--targets", dir.File("absent.toml")).AssertUserError("cannot read the targets file");
        Assert.Equal(2, CliRun.Of("fit", "Cu").ExitCode);
    }

    [Fact]
    public void A_potential_without_fitting_parameters_is_refused()
    {
        using var dir = new TempDirectory();
        var text = PotentialSource.Resolve("Cu").Text;
        var start = text.IndexOf("[fitting]", StringComparison.Ordinal);
        var end = text.IndexOf("\n[", start + 1, StringComparison.Ordinal);
        var potential = dir.Write("nofit.toml", text[..start] + text[(end + 1)..]);
        var targets = dir.Write("t.toml", OwnTargets());
        CliRun.Of("fit", potential, "--targets", targets).AssertUserError("[fitting] table names no parameters");
    }
}
