using Latent.Runtime.Fitting;
using Latent.Runtime.Fitting.Targets;
using Latent.Runtime.Potentials;
using Xunit;

namespace Latent.Runtime.Tests.Fitting;

/// <summary>
/// Extra starts of a fit: a start where a target cannot be measured (here a rock salt with no zero-stress lattice
/// constant near the target) ends that start's run with its reason recorded, never the whole fit; and whatever start
/// wins, the values returned are a point the fit evaluated and checked against the exact conditions.
/// </summary>
[Collection(FittingCollection.Name)]
public sealed class FitStartsTests
{
    // Wide bounds and a spread of 95 % put some starts where the crystal collapses or flies apart.
    private const string Targets = """
        format = 1
        [fit]
        max_iterations = 5
        starts = 4
        spread = 0.95
        seed = 1

        [bounds]
        A_NaCl = [1.0, 100000.0]
        A_NaNa = [1.0, 100000.0]
        A_ClCl = [1.0, 1000000.0]
        rho = [0.01, 3.0]

        [structures.crystal]
        kind = "rocksalt"
        elements = ["Na", "Cl"]
        lattice_constant = 5.64

        [[targets]]
        structure = "crystal"
        property = "lattice_constant"
        value = 5.64
        unit = "Å"
        """;

    [Fact]
    public void A_start_where_a_target_cannot_be_measured_is_recorded_and_the_fit_goes_on()
    {
        var dir = Directory.CreateTempSubdirectory("latent-starts-").FullName;
        try
        {
            var potential = new ParameterizedPotential(PotentialSource.Resolve("NaCl"));
            var file = TargetsReader.Read(Targets, Path.Combine(dir, "targets.toml"), dir);
            var problem = new FitProblem(potential, file, ParameterResponses.Analytic);

            var result = Fitter.Run(problem);

            Assert.Contains(result.Rejections, r => r.StartsWith("start ", StringComparison.Ordinal) && r.Contains(" of 4 stopped: ", StringComparison.Ordinal));
            Assert.True(result.Final.Cost < result.Initial.Cost);
            Assert.Equal(result.Best, result.Final.Parameters);
            Assert.All(result.Constraints, c => Assert.False(c.Outcome.IsFailed, c.Name));
            // The returned point is one the fit evaluated: measured again, it gives the same cost.
            Assert.Equal(result.Final.Cost, problem.Evaluate(result.Best.ToArray(), withJacobian: false).Cost);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
