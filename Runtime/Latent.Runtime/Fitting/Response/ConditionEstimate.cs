using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace Latent.Runtime.Fitting.Response;

/// <summary>
/// The reciprocal condition number 1/(‖A‖₁ ‖A⁻¹‖₁) of a matrix from its LU factors, with ‖A⁻¹‖₁ estimated by
/// Hager's method as Higham refined it (the estimate of LAPACK's xGECON): a few solves with A and Aᵀ, O(n²)
/// each, where the exact value (or a singular value decomposition) would cost O(n³). The estimate is a lower
/// bound of ‖A⁻¹‖₁ that is rarely more than a factor 3 off, which is all a singularity test needs.
/// </summary>
internal static class ConditionEstimate
{
    private const int MaxIterations = 5;

    /// <summary>1/(‖A‖₁ ‖A⁻¹‖₁) estimated: near 1 for a well-conditioned matrix, near 0 (or 0) for a singular one.</summary>
    public static double Reciprocal(Matrix<double> a, LU<double> lu)
    {
        var n = a.RowCount;
        var norm = a.L1Norm();
        if (n == 0)
            return 1;
        if (!(norm > 0) || !double.IsFinite(norm))
            return 0;
        var inverseNorm = InverseNorm(lu, n);
        return double.IsFinite(inverseNorm) && inverseNorm > 0 ? 1 / (norm * inverseNorm) : 0;
    }

    /// <summary>Estimated ‖A⁻¹‖₁ (Higham, ACM TOMS 14, 381 (1988), Algorithm 4.1 with the alternative estimate).</summary>
    private static double InverseNorm(LU<double> lu, int n)
    {
        var (l, u) = (lu.L.ToArray(), lu.U.ToArray());
        var x = Vector<double>.Build.Dense(n, 1.0 / n);
        var estimate = 0.0;
        var previous = -1;
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            var y = lu.Solve(x);
            estimate = y.L1Norm();
            var sign = y.Map(v => v >= 0 ? 1.0 : -1.0);
            var z = SolveTransposed(l, u, lu.P, sign);
            var j = z.AbsoluteMaximumIndex();
            if (Math.Abs(z[j]) <= z.DotProduct(x) || j == previous)
                break;
            previous = j;
            x = Vector<double>.Build.Dense(n);
            x[j] = 1;
        }
        // Higham's safeguard against the cases that fool the iteration: a vector of alternating growing entries.
        var b = Vector<double>.Build.Dense(n, i => (i % 2 == 0 ? 1 : -1) * (1 + (n == 1 ? 0 : (double)i / (n - 1))));
        var alternative = 2 * lu.Solve(b).L1Norm() / (3 * n);
        return Math.Max(estimate, alternative);
    }

    /// <summary>
    /// Solves Aᵀ x = b with A's factors L, U and permutation <paramref name="p"/>: MathNet's LU has L U = Π A, Π the rows permuted by P,
    /// so Aᵀ = Uᵀ Lᵀ Π: Uᵀ y = b forward, Lᵀ z = y backward (unit diagonal), x = Π⁻¹ z.
    /// </summary>
    private static Vector<double> SolveTransposed(double[,] l, double[,] u, MathNet.Numerics.Permutation p, Vector<double> b)
    {
        var n = b.Count;
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            var sum = b[i];
            for (var k = 0; k < i; k++)
                sum -= u[k, i] * y[k];
            y[i] = sum / u[i, i];
        }
        for (var i = n - 1; i >= 0; i--)
        {
            var sum = y[i];
            for (var k = i + 1; k < n; k++)
                sum -= l[k, i] * y[k];
            y[i] = sum;
        }
        var z = Matrix<double>.Build.DenseOfColumnArrays(y);
        z.PermuteRows(p.Inverse());
        return z.Column(0);
    }
}
