using System.Globalization;
using Latent.Runtime.Engine;
using Latent.Runtime.Fitting;
using Latent.Runtime.Fitting.Measures;
using Latent.Runtime.Fitting.Targets;
using Latent.Runtime.Potentials;
using Latent.Runtime.Structures;
using Latent.Runtime.Structures.ExtendedXyz;
using Latent.Symbolic.PotentialFile;
using Xunit;

namespace Latent.Runtime.Tests.Fitting;

/// <summary>
/// A fit recovers known parameters: targets computed by a potential at its own values, the fit started from those
/// values moved by 20 %, the values found again to 1e-6 relative — with analytic gradients, for the charge-transfer
/// NaCl (dimer, crystal and a displaced cell's energy, forces and stress) and the embedded-atom Cu (elastic constants,
/// the vacancy and a strained, displaced cell).
/// </summary>
[Collection(FittingCollection.Name)]
public sealed class FitRecoveryTests
{
    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string Target(string structure, string property, double value) =>
        $"[[targets]]\nstructure = \"{structure}\"\nproperty = \"{property}\"\nvalue = {R(value)}\n\n";

    /// <summary>Fits <paramref name="potential"/> moved by <paramref name="factors"/> to <paramref name="targets"/> and returns the values found.</summary>
    private static (double[] Found, FitResult Result) Refit(PotentialSource potential, string targets, string directory, double[] factors)
    {
        var original = new ParameterizedPotential(potential);
        var moved = original.InitialValues.Select((v, j) => v * factors[j]).ToArray();
        var start = new ParameterizedPotential(original.SourceAt(moved));
        var file = TargetsReader.Read(targets, Path.Combine(directory, "targets.toml"), directory);
        var problem = new FitProblem(start, file, ParameterResponses.Analytic);
        var result = Fitter.Run(problem);
        return (result.Best.ToArray(), result);
    }

    [Fact]
    public void NaCl_parameters_are_recovered_from_a_20_percent_perturbation()
    {
        var source = PotentialSource.Resolve("NaCl");
        var potential = new ParameterizedPotential(source);
        var truth = potential.InitialValues.ToArray();
        var kernels = potential.KernelsAt(truth);
        var context = new MeasureContext(kernels, truth.Length, null);
        var dimer = DimerMeasure.Measure(context, new FitStructure("molecule", StructureKind.Dimer, ["Na", "Cl"], null, null, 1));
        var crystal = CrystalMeasure.Measure(context, new FitStructure("crystal", StructureKind.RockSalt, ["Na", "Cl"], 5.8, null, 1), new HashSet<TargetProperty>());

        // A displaced cell whose energy, forces and stress the potential gives at its own values.
        var dir = Directory.CreateTempSubdirectory("latent-recovery-").FullName;
        try
        {
            var cell = RockSaltCrystal.Build("Na", 22.99, "Cl", 35.45, 5.8).Jiggled(0.08, seed: 3);
            var result = new EnsembleCalculator(kernels).Calculate(cell);
            var frame = new XyzFrame(cell);
            frame.Info["energy"] = result.FreeEnergy;
            frame.Info["stress"] = result.Stress!;
            frame.Columns["forces"] = XyzColumn.Vectors(result.Forces);
            ExtendedXyzWriter.WriteFile(Path.Combine(dir, "cell.xyz"), frame);

            var targets = """
                [fit]
                max_iterations = 60
                cost_tolerance = 1e-22

                [structures.molecule]
                kind = "dimer"
                elements = ["Na", "Cl"]

                [structures.crystal]
                kind = "rocksalt"
                elements = ["Na", "Cl"]
                lattice_constant = 5.8

                [structures.cell]
                kind = "file"
                path = "cell.xyz"


                """
                + Target("molecule", "bond_length", dimer[TargetProperty.BondLength].Values[0])
                + Target("molecule", "binding_energy", dimer[TargetProperty.BindingEnergy].Values[0])
                + Target("molecule", "frequency", dimer[TargetProperty.Frequency].Values[0])
                + Target("crystal", "lattice_constant", crystal[TargetProperty.LatticeConstant].Values[0])
                + Target("crystal", "atomisation_energy", crystal[TargetProperty.AtomisationEnergy].Values[0])
                + Target("crystal", "bulk_modulus", crystal[TargetProperty.BulkModulus].Values[0])
                + "[[targets]]\nstructure = \"cell\"\nproperty = \"energy\"\n\n"
                + "[[targets]]\nstructure = \"cell\"\nproperty = \"forces\"\n\n"
                + "[[targets]]\nstructure = \"cell\"\nproperty = \"stress\"\n";
            var (found, fit) = Refit(source, targets, dir, [1.2, 0.8, 1.2, 1.2]);
            Assert.True(fit.Converged, fit.ExitReason);
            for (var j = 0; j < truth.Length; j++)
                Assert.True(Math.Abs(found[j] / truth[j] - 1) < 1e-6, $"{potential.Parameters[j]}: found {found[j]}, truth {truth[j]}");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Cu_parameters_are_recovered_from_a_20_percent_perturbation()
    {
        // The shipped Cu keeps Rose's curve within 1 meV/atom, which parameters moved by 20 % do not: a fit would
        // refuse to start there. What is tested here is the minimiser, so this copy leaves rose out; and it fits
        // the amplitudes and decays only: kappa and lambda, where the ZJW terms fade, trade against them, and from
        // 20 % off all six end in another minimum of these targets (phi_A 0.71 instead of 1.10; the fit of the
        // shipped file has several too, docs/potentials.md).
        var shipped = PotentialSource.Resolve("Cu");
        const string rose = "\"dimer_continuity\", \"rose\",";
        const string six = "parameters = [\"phi_A\", \"phi_B\", \"alpha\", \"beta\", \"kappa\", \"lambda\"]";
        Assert.Contains(rose, shipped.Text);
        Assert.Contains(six, shipped.Text);
        var source = shipped with
        {
            Text = shipped.Text.Replace(rose, "\"dimer_continuity\",", StringComparison.Ordinal)
                .Replace(six, "parameters = [\"phi_A\", \"phi_B\", \"alpha\", \"beta\"]", StringComparison.Ordinal),
        };
        var potential = new ParameterizedPotential(source);
        var truth = potential.InitialValues.ToArray();
        var kernels = potential.KernelsAt(truth);
        var context = new MeasureContext(kernels, truth.Length, null);
        var fcc = new FitStructure("fcc", StructureKind.Fcc, ["Cu"], 3.6, null, 1);
        var m = CrystalMeasure.Measure(context, fcc, new HashSet<TargetProperty> { TargetProperty.VacancyFormationEnergy });
        var dimer = DimerMeasure.Measure(context, new FitStructure("dimer", StructureKind.Dimer, ["Cu", "Cu"], null, null, 1));

        // a₀ and E_c hold by the embedding's construction whatever the parameters are, and the elastic constants
        // alone leave a valley of equally good ones; the vacancy, the dimer and a strained, displaced cell's
        // energy, forces and stress pin them down.
        var dir = Directory.CreateTempSubdirectory("latent-recovery-").FullName;
        try
        {
            var cell = CubicCrystal.Build("Cu", kernels.Elements[0].Mass, "fcc", 3.615, repeat: 2).Strained([0.02, -0.01, 0.015, 0.01, 0, -0.005]).Jiggled(0.08, seed: 4);
            var result = new EnsembleCalculator(kernels).Calculate(cell);
            var frame = new XyzFrame(cell);
            frame.Info["energy"] = result.FreeEnergy;
            frame.Info["stress"] = result.Stress!;
            frame.Columns["forces"] = XyzColumn.Vectors(result.Forces);
            ExtendedXyzWriter.WriteFile(Path.Combine(dir, "cell.xyz"), frame);

            var targets = "[fit]\nmax_iterations = 60\ncost_tolerance = 1e-22\n\n[structures.fcc]\nkind = \"fcc\"\nelements = [\"Cu\"]\nlattice_constant = 3.6\n\n"
                + "[structures.dimer]\nkind = \"dimer\"\nelements = [\"Cu\", \"Cu\"]\n\n"
                + "[structures.cell]\nkind = \"file\"\npath = \"cell.xyz\"\n\n"
                + string.Concat(new[] { TargetProperty.LatticeConstant, TargetProperty.CohesiveEnergy, TargetProperty.C11, TargetProperty.C12, TargetProperty.C44, TargetProperty.VacancyFormationEnergy }
                    .Select(p => Target("fcc", p.Name, m[p].Values[0])))
                + string.Concat(new[] { TargetProperty.BondLength, TargetProperty.BindingEnergy, TargetProperty.Frequency }
                    .Select(p => Target("dimer", p.Name, dimer[p].Values[0])))
                + "[[targets]]\nstructure = \"cell\"\nproperty = \"energy\"\n\n"
                + "[[targets]]\nstructure = \"cell\"\nproperty = \"forces\"\n\n"
                + "[[targets]]\nstructure = \"cell\"\nproperty = \"stress\"\n";
            var factors = truth.Select((_, j) => j % 2 == 0 ? 1.2 : 0.8).ToArray();
            var (found, fit) = Refit(source, targets, dir, factors);
            Assert.True(fit.Converged, fit.ExitReason);
            for (var j = 0; j < truth.Length; j++)
                Assert.True(Math.Abs(found[j] / truth[j] - 1) < 1e-6, $"{potential.Parameters[j]}: found {found[j]}, truth {truth[j]}");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
