using Latent.Runtime.Fitting.Response;
using Latent.Runtime.Structures;
using Latent.Symbolic.PotentialFile;
using Xunit;

namespace Latent.Runtime.Tests.Fitting;

/// <summary>
/// Parameter derivatives of the shipped Cu (fitted: the six Zhou–Johnson–Wadley parameters) against central
/// differences: one state per atom, so the weights cannot move and everything is the fixed-weight derivative,
/// through the pair term, the host density and the embedding function (which every parameter enters). On a
/// strained, displaced 4-atom fcc cell and a displaced cell with a vacancy.
/// </summary>
public sealed class CopperResponseTests(CopperResponseTests.Kernels kernels) : IClassFixture<CopperResponseTests.Kernels>
{
    /// <summary>Cu compiled at its values and at each fitted parameter ± h.</summary>
    public sealed class Kernels() : ParameterDifferences("Cu");

    private static double Mass => AtomicData.tryFind("Cu").Value.Mass;

    [Fact]
    public void Derivatives_of_a_strained_displaced_fcc_cell_match_central_differences()
    {
        var structure = CubicCrystal.Build("Cu", Mass, "fcc", 3.615).Strained([0.012, -0.008, 0.005, 0.01, -0.006, 0.004]).Jiggled(0.06, 5);
        var response = ParameterResponse.Evaluate(kernels.Calculator(), structure);
        Assert.Equal(["phi_A", "phi_B", "alpha", "beta", "kappa", "lambda"], response.Parameters);
        Agreement.All(response, kernels.Of(structure), kernels);
        Resummed.SameAsEngine(response, structure);
    }

    [Fact]
    public void Derivatives_of_a_cell_with_a_vacancy_match_central_differences()
    {
        var perfect = CubicCrystal.Build("Cu", Mass, "fcc", 3.615, repeat: 2);
        var structure = new Structure(
            perfect.Symbols.Skip(1).ToArray(),
            Enumerable.Range(1, perfect.Count - 1).Select(perfect.Position).ToArray(),
            perfect.Masses.Skip(1).ToArray(),
            perfect.Cell).Jiggled(0.04, 9);
        var response = ParameterResponse.Evaluate(kernels.Calculator(), structure);
        Agreement.All(response, kernels.Of(structure), kernels);
        // One state per atom: nothing to respond.
        Assert.All(response.Weights.SelectMany(w => w).SelectMany(w => w), d => Assert.Equal(0.0, d));
    }
}
