using Latent.Runtime.Fitting.Response;
using Latent.Runtime.Structures;
using Latent.Runtime.Tests.Engine;
using Xunit;

namespace Latent.Runtime.Tests.Fitting;

/// <summary>
/// Parameter derivatives of the shipped NaCl (fitted: A_NaCl, A_NaNa, A_ClCl, rho) against central differences
/// of the engine's results, on a displaced and strained 8-atom rock-salt cell (forces and stress) and a
/// displaced dimer. At θ = 0.025 eV the weights sit on the ionic states, so this checks the fixed-weight terms
/// and that the response of saturated weights comes out well-conditioned and zero.
/// </summary>
public sealed class NaClResponseTests(NaClResponseTests.Kernels kernels) : IClassFixture<NaClResponseTests.Kernels>
{
    /// <summary>NaCl compiled at its values and at each fitted parameter ± h.</summary>
    public sealed class Kernels() : ParameterDifferences("NaCl");

    private static Structure RockSalt() =>
        NaClStructures.RockSalt(a: 5.64, jiggle: 0.12, seed: 3).Strained([0.01, -0.006, 0.004, 0.008, 0, -0.005]);

    private static Structure Dimer() =>
        new(["Na", "Cl"], [new Vec3(0.1, -0.05, 0.02), new Vec3(2.45, 0.3, -0.2)], [NaClStructures.Mass("Na"), NaClStructures.Mass("Cl")], Cell.None);

    [Fact]
    public void Derivatives_of_a_displaced_strained_rock_salt_cell_match_central_differences()
    {
        var structure = RockSalt();
        var response = ParameterResponse.Evaluate(kernels.Calculator(), structure);
        Assert.Equal(["A_NaCl", "A_NaNa", "A_ClCl", "rho"], response.Parameters);
        Assert.NotNull(response.Stress);
        Agreement.All(response, kernels.Of(structure), kernels);
    }

    [Fact]
    public void Derivatives_of_a_displaced_dimer_match_central_differences()
    {
        var structure = Dimer();
        var response = ParameterResponse.Evaluate(kernels.Calculator(), structure);
        Assert.Null(response.Stress);
        Agreement.All(response, kernels.Of(structure), kernels);
        // Neither Na–Na nor Cl–Cl is a pair of the dimer: their prefactors change nothing.
        Assert.All(response.Forces[1].Concat(response.Forces[2]), f => Assert.Equal(0.0, f));
    }

    [Fact]
    public void The_response_sums_the_calculators_energies_forces_and_stress()
    {
        var structure = RockSalt();
        var response = ParameterResponse.Evaluate(kernels.Calculator(), structure);
        Resummed.SameAsEngine(response, structure);
    }
}
