using Latent.Runtime.Engine;
using Xunit;
using Latent.Runtime.Engine.Solver;

namespace Latent.Runtime.Tests.Engine;

/// <summary>
/// The Boltzmann weights of given state energies ε on a small NaCl cluster (each atom has a neutral, a
/// cation and an anion state): they are per-atom distributions, the λ search meets the total charge,
/// the reported slope is dΣq/dλ, and extreme ε neither overflows nor loses the distribution.
/// </summary>
public sealed class BoltzmannWeightsTests
{
    private static readonly EnsembleSystem Cluster = LatentSolverTests.SystemOf(NaClStructures.RandomCluster(3, 5));

    /// <summary>ε spread over a few eV around the states' energies, as a self-consistent loop sees it.</summary>
    private static double[] RandomEpsilon(int seed, double spread = 3.0)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, Cluster.WeightCount).Select(_ => spread * (2 * rng.NextDouble() - 1)).ToArray();
    }

    private static double AtomSum(double[] weights, int i)
    {
        var s = 0.0;
        for (var a = Cluster.StateOffset(i); a < Cluster.StateOffset(i) + Cluster.StateCount(i); a++)
            s += weights[a];
        return s;
    }

    private static double TotalCharge(double[] weights)
    {
        var s = 0.0;
        for (var k = 0; k < weights.Length; k++)
            s += weights[k] * Cluster.StateCharges[k];
        return s;
    }

    [Theory]
    [InlineData(1, 0.025, 0.0)]
    [InlineData(2, 0.025, 2.5)]
    [InlineData(3, 0.5, -1.0)]
    public void The_weights_of_each_atom_are_a_distribution(int seed, double theta, double lambda)
    {
        var weights = new double[Cluster.WeightCount];
        var (sum, _) = BoltzmannWeights.AtLambda(Cluster, RandomEpsilon(seed), theta, lambda, weights);
        Assert.All(weights, w => Assert.InRange(w, 0, 1));
        for (var i = 0; i < Cluster.AtomCount; i++)
            Assert.Equal(1, AtomSum(weights, i), 14);
        Assert.Equal(TotalCharge(weights), sum, 13);
    }

    [Theory]
    [InlineData(1, 0.025, 0.0, 0.0)]
    [InlineData(2, 0.025, 1.0, 3.0)]
    [InlineData(3, 0.025, -2.5, -40.0)]
    [InlineData(4, 1.0, 0.4, 10.0)]
    [InlineData(5, 0.001, 4.7, 0.0)]
    public void The_lambda_found_meets_the_total_charge(int seed, double theta, double q, double startLambda)
    {
        var epsilon = RandomEpsilon(seed);
        var weights = new double[Cluster.WeightCount];
        var lambda = BoltzmannWeights.ForCondition(Cluster, epsilon, theta, ChargeCondition.TotalCharge(q), startLambda, weights);
        Assert.True(Math.Abs(TotalCharge(weights) - q) <= 1e-12, $"Σq = {TotalCharge(weights):R} for Q = {q}");
        // The weights left behind are those at the λ returned.
        var at = new double[Cluster.WeightCount];
        BoltzmannWeights.AtLambda(Cluster, epsilon, theta, lambda, at);
        Assert.Equal(at, weights);
    }

    [Fact]
    public void At_a_fixed_chemical_potential_the_lambda_is_the_condition_s()
    {
        var epsilon = RandomEpsilon(6);
        var weights = new double[Cluster.WeightCount];
        var lambda = BoltzmannWeights.ForCondition(Cluster, epsilon, 0.025, ChargeCondition.ChemicalPotential(-1.75), 3.0, weights);
        Assert.Equal(-1.75, lambda);
        var at = new double[Cluster.WeightCount];
        BoltzmannWeights.AtLambda(Cluster, epsilon, 0.025, -1.75, at);
        Assert.Equal(at, weights);
    }

    [Theory]
    [InlineData(1, 0.025, 0.01)]
    [InlineData(2, 0.2, -0.1)]
    [InlineData(3, 1.0, 0.5)]
    public void The_slope_is_the_derivative_of_the_total_charge_in_lambda(int seed, double theta, double lambda)
    {
        // ε and λq within about θ of each other, so the charge moves with λ and the slope is far from zero.
        var epsilon = RandomEpsilon(seed, theta);
        var weights = new double[Cluster.WeightCount];
        var (_, slope) = BoltzmannWeights.AtLambda(Cluster, epsilon, theta, lambda, weights);
        var h = 1e-4 * theta;
        var (up, _) = BoltzmannWeights.AtLambda(Cluster, epsilon, theta, lambda + h, weights);
        var (down, _) = BoltzmannWeights.AtLambda(Cluster, epsilon, theta, lambda - h, weights);
        var difference = (up - down) / (2 * h);
        Assert.True(slope > 0.1 / theta, $"slope {slope:R}");
        Assert.True(Math.Abs(slope - difference) <= 1e-6 * slope, $"slope {slope:R}, central difference {difference:R}");
    }

    /// <summary>
    /// ε differences of 10⁶ eV at θ = 10⁻³ eV put exponents of 10⁹ into the softmax: shifted by the largest
    /// they stay finite, and each atom is entirely in its lowest state.
    /// </summary>
    [Fact]
    public void Huge_epsilon_differences_do_not_overflow()
    {
        var epsilon = RandomEpsilon(8, 1e6);
        var weights = new double[Cluster.WeightCount];
        var (sum, slope) = BoltzmannWeights.AtLambda(Cluster, epsilon, 1e-3, 0, weights);
        Assert.True(double.IsFinite(sum) && double.IsFinite(slope));
        for (var i = 0; i < Cluster.AtomCount; i++)
        {
            var s0 = Cluster.StateOffset(i);
            var lowest = s0;
            for (var a = s0; a < s0 + Cluster.StateCount(i); a++)
                if (epsilon[a] < epsilon[lowest])
                    lowest = a;
            for (var a = s0; a < s0 + Cluster.StateCount(i); a++)
                Assert.Equal(a == lowest ? 1.0 : 0.0, weights[a]);
        }
        Assert.Equal(0, slope);

        // A total charge still has its λ: about −7·10⁴ eV/e, reached by the expanding bracket. Σq is as close
        // as λ's last digit allows (Σq changes by 1 e over about θ there).
        var lambda = BoltzmannWeights.ForCondition(Cluster, epsilon, 1e-3, ChargeCondition.TotalCharge(0.5), 0, weights);
        Assert.True(double.IsFinite(lambda));
        Assert.True(Math.Abs(TotalCharge(weights) - 0.5) <= 1e-6, $"Σq = {TotalCharge(weights):R}");
        Assert.All(weights, w => Assert.True(double.IsFinite(w)));
        for (var i = 0; i < Cluster.AtomCount; i++)
            Assert.Equal(1, AtomSum(weights, i), 12);
    }
}
