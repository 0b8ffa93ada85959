using Latent.Runtime.Fitting;
using Latent.Runtime.Fitting.Targets;
using Latent.Runtime.Potentials;
using Xunit;

namespace Latent.Runtime.Tests.Fitting;

/// <summary>
/// A fit keeps every exact condition that holds, and refuses a file that breaks one — unless the targets file's
/// <c>allow_broken</c> names it: the continuous-charge baseline breaks PPLB and dissociation by design and must still
/// be fitted. A name that is not one of the potential's conditions is refused at its line.
/// </summary>
[Collection(FittingCollection.Name)]
public sealed class FitAllowBrokenTests
{
    private static TargetsFile Targets(string fit, string dir) => TargetsReader.Read($"""
        format = 1
        [fit]
        gradients = "central-differences"
        max_iterations = 2
        {fit}

        [structures.molecule]
        kind = "dimer"
        elements = ["Na", "Cl"]

        [[targets]]
        structure = "molecule"
        property = "bond_length"
        value = 2.5
        unit = "Å"
        """, Path.Combine(dir, "targets.toml"), dir);

    [Fact]
    public void The_QEq_baseline_is_refused_unless_its_broken_conditions_are_allowed()
    {
        var dir = Directory.CreateTempSubdirectory("latent-allow-").FullName;
        try
        {
            var potential = new ParameterizedPotential(PotentialSource.Resolve("NaCl-QEq"));

            var refused = Assert.Throws<FitSetupException>(() => Fitter.Run(new FitProblem(potential, Targets("", dir), null)));
            Assert.Contains("already breaks the exact condition", refused.Message);

            var unknown = Assert.Throws<FitSetupException>(() => Fitter.Run(new FitProblem(potential, Targets("allow_broken = [\"pplb\", \"ppbl\"]", dir), null)));
            Assert.Contains("'ppbl', which is not one of", unknown.Message);
            Assert.Equal(5, unknown.Line);

            var result = Fitter.Run(new FitProblem(potential, Targets("allow_broken = [\"pplb\", \"dissociation\"]", dir), null));
            Assert.True(result.Final.Cost < result.Initial.Cost);
            var failed = result.Constraints.Where(c => c.Outcome.IsFailed).Select(c => c.Name).Distinct().Order().ToArray();
            Assert.Equal(["dissociation", "pplb"], failed);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
