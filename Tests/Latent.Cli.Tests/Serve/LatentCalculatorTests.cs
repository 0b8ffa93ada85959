using System.Text.Json;

namespace Latent.Cli.Tests.Serve;

/// <summary>
/// python/latent_ase's LatentCalculator driven by ASE itself (python/tests/ase_checks.py): ASE's BFGS, its
/// VelocityVerlet and single calculations through latent serve agree with latent relax, md and eval.
/// </summary>
public sealed class LatentCalculatorTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private static double[] Numbers(JsonElement array) => array.EnumerateArray().Select(x => x.GetDouble()).ToArray();

    private static double[] Flat(JsonElement rows) => rows.EnumerateArray().SelectMany(r => r.EnumerateArray().Select(x => x.GetDouble())).ToArray();

    private static JsonElement Latent(params string[] args)
    {
        var run = CliRun.Of(args);
        Assert.True(run.ExitCode == 0, run.Stderr);
        return JsonDocument.Parse(run.Stdout).RootElement.Clone();
    }

    /// <summary>The rock-salt cell with one Na moved off its site, so every stress component and the forces are nonzero.</summary>
    private static string DisplacedRockSalt()
    {
        var lines = Structures.RockSaltCell().Split('\n');
        lines[2] = "Na 0.12 -0.07 0.05";
        return string.Join('\n', lines);
    }

    [Fact]
    public void AseBfgsReachesTheEnergyOfLatentRelax()
    {
        var path = temp.Write("cluster.extxyz", Structures.NaClCluster());
        var ase = PythonAse.Run("relax", path, "1e-4");
        var latent = Latent("relax", path, "--potential", "NaCl", "--fmax", "1e-4", "--out", temp.File("relaxed.extxyz"), "--json");

        Assert.True(ase.GetProperty("converged").GetBoolean());
        Assert.True(latent.GetProperty("converged").GetBoolean());
        var start = Latent("eval", path, "--potential", "NaCl", "--json").GetProperty("energy").GetDouble();
        var relaxed = latent.GetProperty("energy").GetDouble();
        Assert.True(start - relaxed > 0.1, $"the start {start} eV is not far above the minimum {relaxed} eV: the test would prove little");
        Assert.Equal(relaxed, ase.GetProperty("energy").GetDouble(), 1e-6);
        Assert.Equal(Numbers(latent.GetProperty("charges")), Numbers(ase.GetProperty("charges")));
    }

    [Fact]
    public void AseVelocityVerletConservesEnergyAsLatentMdDoes()
    {
        var path = temp.Write("cell.extxyz", Structures.RockSaltCell());
        var ase = PythonAse.Run("nve", path, "200", "1", "3");
        var md = Latent("md", path, "--potential", "NaCl", "--steps", "200", "--dt", "1", "--thermostat", "none", "--every", "10",
            "--out", temp.File("nve.extxyz"), "--json");

        // The bound latent md is held to (MdTests): A + kinetic within 1e-4 eV per atom of its start.
        const double bound = 1e-4;
        var atoms = ase.GetProperty("atoms").GetInt32();
        var latentTotal = md.GetProperty("thermo").EnumerateArray().Select(t => t.GetProperty("total").GetDouble()).ToArray();
        Assert.All(latentTotal, t => Assert.True(Math.Abs(t - latentTotal[0]) / atoms < bound, $"latent md: {t} from {latentTotal[0]}"));
        var total = Numbers(ase.GetProperty("total"));
        Assert.Equal(201, total.Length);
        Assert.All(total, t => Assert.True(Math.Abs(t - total[0]) / atoms < bound, $"ASE VelocityVerlet: {t} eV from {total[0]} eV"));
        // Energy moved between its forms, so the run was not a structure at rest.
        var kinetic = Numbers(ase.GetProperty("kinetic"));
        Assert.True(kinetic.Max() - kinetic.Min() > 0.1, $"kinetic energy only from {kinetic.Min()} to {kinetic.Max()} eV");
    }

    [Fact]
    public void EnergyForcesStressChargesAndWeightsEqualLatentEval()
    {
        var path = temp.Write("cell.extxyz", DisplacedRockSalt());
        var ase = PythonAse.Run("eval", path);
        var eval = Latent("eval", path, "--potential", "NaCl", "--json");

        var energy = eval.GetProperty("energy").GetDouble();
        Assert.Equal(energy, ase.GetProperty("energy").GetDouble(), 1e-9);
        Assert.Equal(energy, ase.GetProperty("free_energy").GetDouble(), 1e-9);
        Assert.Equal(eval.GetProperty("internal_energy").GetDouble(), ase.GetProperty("internal_energy").GetDouble(), 1e-9);
        Assert.Equal(energy, Numbers(ase.GetProperty("energies")).Sum(), 1e-9);
        var stress = Numbers(eval.GetProperty("stress"));
        Assert.All(stress, s => Assert.True(Math.Abs(s) > 1e-6, $"stress component {s}: the test needs every component nonzero"));
        var aseStress = Numbers(ase.GetProperty("stress"));
        for (var k = 0; k < 6; k++)
            Assert.Equal(stress[k], aseStress[k], 1e-12);
        var forces = Flat(eval.GetProperty("forces"));
        var aseForces = Flat(ase.GetProperty("forces"));
        for (var k = 0; k < forces.Length; k++)
            Assert.Equal(forces[k], aseForces[k], 1e-9);
        var charges = Numbers(eval.GetProperty("charges"));
        var aseCharges = Numbers(ase.GetProperty("charges"));
        Assert.Equal(8, aseCharges.Length);
        for (var k = 0; k < charges.Length; k++)
            Assert.Equal(charges[k], aseCharges[k], 1e-9);
        var weights = Flat(eval.GetProperty("weights"));
        var aseWeights = Flat(ase.GetProperty("weights"));
        Assert.Equal(weights.Length, aseWeights.Length);
        for (var k = 0; k < weights.Length; k++)
            Assert.Equal(weights[k], aseWeights[k], 1e-9);
    }

    [Fact]
    public void AnotherStructureRestartsLatentServeForItsSpecies()
    {
        var cluster = temp.Write("cluster.extxyz", Structures.NaClCluster());
        var dimer = temp.Write("dimer.extxyz", Structures.Dimer("Na", "Cl", 2.5));
        var energies = Numbers(PythonAse.Run("switch", cluster, dimer).GetProperty("energies"));
        var clusterEnergy = Latent("eval", cluster, "--potential", "NaCl", "--json").GetProperty("energy").GetDouble();
        var dimerEnergy = Latent("eval", dimer, "--potential", "NaCl", "--json").GetProperty("energy").GetDouble();
        Assert.Equal(clusterEnergy, energies[0], 1e-9);
        Assert.Equal(dimerEnergy, energies[1], 1e-9);
        Assert.Equal(clusterEnergy, energies[2], 1e-9);
    }

    [Fact]
    public void LatentServeFailingIsAPythonErrorWithItsMessage()
    {
        var path = temp.Write("cluster.extxyz", Structures.NaClCluster());
        var error = PythonAse.Run("fail", path, "NoSuchPotential").GetProperty("error").GetString();
        Assert.NotNull(error);
        Assert.Contains("latent serve failed", error);
        Assert.Contains("(exit code 2)", error);
        Assert.Contains("latent: error: no potential named 'NoSuchPotential'", error);
    }

    [Fact]
    public void TheExampleOfDocsAseRunsAsShownThere()
    {
        var root = BadInputs.BadInputCase.RepositoryRoot();
        var example = File.ReadAllText(Path.Combine(root, "python", "examples", "relax_and_md.py")).ReplaceLineEndings("\n");
        var page = File.ReadAllText(Path.Combine(root, "docs", "ase.md")).ReplaceLineEndings("\n");
        Assert.Contains("```python\n" + example + "```", page);

        var printed = PythonAse.RunScript(Path.Combine("python", "examples", "relax_and_md.py"), temp.Path).ReplaceLineEndings("\n");
        // The page shows the output indented by four spaces.
        var shown = string.Join("\n", printed.TrimEnd().Split('\n').Select(line => "    " + line));
        Assert.Contains(shown, page);
        Assert.True(new FileInfo(temp.File("nacl-langevin.png")).Length > 10_000, "the plot is missing or empty");
    }
}
