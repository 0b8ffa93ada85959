using Latent.Runtime.Fitting.Response;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace Latent.Runtime.Tests.Fitting;

/// <summary>The estimated reciprocal condition number against the exact 1/(‖A‖₁ ‖A⁻¹‖₁).</summary>
public sealed class ConditionEstimateTests
{
    private static double Exact(Matrix<double> a) => 1 / (a.L1Norm() * a.Inverse().L1Norm());

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 40)]
    [InlineData(3, 120)]
    public void The_estimate_is_within_a_small_factor_of_the_exact_value(int seed, int n)
    {
        var random = new Random(seed);
        // Rows of very different size and a dominant, non-symmetric part: not a friendly matrix.
        var a = Matrix<double>.Build.Dense(n, n, (i, j) => (random.NextDouble() - 0.5) * Math.Pow(10, i % 4) + (i == j ? 0.1 : 0));
        var exact = Exact(a);
        var estimate = ConditionEstimate.Reciprocal(a, a.LU());
        // The estimate of ‖A⁻¹‖₁ is a lower bound, so the reciprocal condition is an upper bound.
        Assert.InRange(estimate, exact * (1 - 1e-12), exact * 10);
    }

    [Fact]
    public void A_singular_matrix_has_a_reciprocal_condition_near_zero()
    {
        var a = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2, 3 }, { 2, 4, 6 }, { 1, 0, 1 } });
        Assert.True(ConditionEstimate.Reciprocal(a, a.LU()) < 1e-15);
    }

    [Fact]
    public void The_identity_is_perfectly_conditioned() =>
        Assert.Equal(1.0, ConditionEstimate.Reciprocal(Matrix<double>.Build.DenseIdentity(7), Matrix<double>.Build.DenseIdentity(7).LU()), 12);
}
