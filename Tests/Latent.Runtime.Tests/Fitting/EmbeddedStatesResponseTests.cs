using Latent.Runtime.Engine;
using Latent.Runtime.Fitting.Response;
using Latent.Runtime.Structures;
using Latent.Runtime.Tests.Engine;
using Xunit;

namespace Latent.Runtime.Tests.Fitting;

/// <summary>
/// Parameter derivatives through the embedding (Fitting/Data/EmbeddedStates.toml: every state of Na and Cl gives
/// a host density of its own, both elements embed, θ = 0.5 eV; fitted a parameter inside Na's embedding function
/// and the decay of the Cl states' densities), so F′ and F″ move with the parameters and with the weights, and
/// the embedding couples atoms that share a neighbour in ∂²E/∂w∂w. On a cluster and a displaced, strained
/// rock-salt cell (stress too).
/// </summary>
public sealed class EmbeddedStatesResponseTests(EmbeddedStatesResponseTests.Kernels kernels) : IClassFixture<EmbeddedStatesResponseTests.Kernels>
{
    /// <summary>EmbeddedStates compiled at its values and at each fitted parameter ± h.</summary>
    public sealed class Kernels() : ParameterDifferences(TestPotential("EmbeddedStates"));

    [Fact]
    public void Derivatives_of_a_cluster_match_central_differences()
    {
        var structure = NaClStructures.RandomCluster(6, 6, box: 6, minDistance: 2.3);
        var response = ParameterResponse.Evaluate(kernels.Calculator(), structure);
        Assert.Equal(["e_Na", "b_Cl"], response.Parameters);
        Agreement.All(response, kernels.Of(structure), kernels);
        Resummed.SameAsEngine(response, structure);
    }

    [Fact]
    public void Derivatives_of_a_strained_rock_salt_cell_match_central_differences()
    {
        var structure = NaClStructures.RockSalt(a: 5.7, jiggle: 0.1, seed: 12).Strained([-0.01, 0.004, 0.007, 0, 0.006, -0.003]);
        var response = ParameterResponse.Evaluate(kernels.Calculator(), structure);
        Agreement.All(response, kernels.Of(structure), kernels);
        Resummed.SameAsEngine(response, structure);
    }

    [Fact]
    public void The_weight_hessian_is_the_linearisation_of_epsilon()
    {
        // K = ∂ε/∂w is built term by term; Linearise differentiates ε along δw by the product rule: one must be the other.
        var structure = NaClStructures.RandomCluster(6, 6, box: 6, minDistance: 2.3);
        var pass = ParameterResponse.Evaluate(kernels.Calculator(), structure).Pass!;
        var atoms = new AtomStates(kernels.Kernels, structure);
        var hessian = WeightHessian.Of(pass, atoms);
        var random = new Random(3);
        var dw = Enumerable.Range(0, atoms.WeightCount).Select(_ => random.NextDouble() - 0.5).ToArray();
        var linearised = pass.Linearise(dw, -1).Epsilon;
        var scale = linearised.Max(Math.Abs);
        for (var a = 0; a < atoms.WeightCount; a++)
        {
            var product = Enumerable.Range(0, atoms.WeightCount).Sum(b => hessian[a, b] * dw[b]);
            Assert.True(Math.Abs(product - linearised[a]) <= 1e-12 * scale, $"state {a}: K·δw = {product:R}, linearised {linearised[a]:R}");
        }
        Assert.True(pass.EmbeddingCurvature.Any(c => c != 0), "the embedding should be curved here");
    }
}
