using MathNet.Numerics.LinearAlgebra;

namespace Latent.Runtime.Engine.ChargeEquilibration;

/// <summary>
/// The charge solve of a small system (docs/model.md §8): H assembled, the last atom's charge eliminated by the
/// condition (q_{n−1} = Q − Σ_{a&lt;n−1} q_a, so q = Q e_{n−1} + Z y with Z = [I; −1ᵀ]), and the reduced matrix ZᵀHZ
/// factorised by Cholesky. The factorisation exists exactly when E has a minimum on Σq = Q, so a pivot that is not
/// positive is the proof that it has none. At a fixed μ the whole H is factorised instead (E − μΣq has a minimum when
/// H is positive definite). One step of refinement with the same factor follows when the residual is above the
/// tolerance. Buffers are kept and grow with the number of atoms only.
/// </summary>
internal sealed class DenseChargeSolve
{
    // Pivots at or below this fraction of the largest diagonal count as zero: H is singular or indefinite there.
    private const double PivotFloor = 1e-12;
    private const int Refinements = 2;
    private double[] matrix = [];
    private double[] factor = [];
    private double[] rhs = [];
    private double[] gradient = [];

    /// <summary>Solves for the charges (written to <paramref name="charges"/>).</summary>
    /// <exception cref="ChargeEquilibrationException">E(q) has no minimum, or the residual stays above the tolerance.</exception>
    public ChargeSolveReport Solve(ChargeEquilibrationSystem system, Solver.ChargeCondition condition, double tolerance, double[] charges)
    {
        var n = system.AtomCount;
        BufferCapacity.Ensure(ref matrix, n * n);
        BufferCapacity.Ensure(ref factor, n * n);
        BufferCapacity.Ensure(ref rhs, n);
        BufferCapacity.Ensure(ref gradient, n);
        system.AssembleMatrix(matrix);
        var fixedTotal = !condition.FixedPotential;
        // Unknowns: the first n − 1 charges on Σq = Q, or all n at a fixed μ.
        var m = fixedTotal ? n - 1 : n;
        Reduce(n, m, fixedTotal);
        if (!Factorise(m))
            throw NoMinimum(system, n, m, fixedTotal);

        // The right-hand side: minus the reduced gradient at the start q = Q e_{n−1} (or q = 0 at a fixed μ).
        Array.Clear(charges, 0, n);
        if (fixedTotal)
            charges[n - 1] = condition.Value;
        var residual = 0.0;
        var mu = 0.0;
        for (var pass = 0; pass <= Refinements; pass++)
        {
            (mu, residual) = Gradient(system, condition, charges, n);
            if (residual <= tolerance && pass > 0)
                break;
            for (var a = 0; a < m; a++)
                rhs[a] = -(fixedTotal ? gradient[a] - gradient[n - 1] : gradient[a] - condition.Value);
            Substitute(m);
            var moved = 0.0;
            for (var a = 0; a < m; a++)
            {
                charges[a] += rhs[a];
                moved += rhs[a];
            }
            if (fixedTotal)
                charges[n - 1] -= moved;
        }
        (mu, residual) = Gradient(system, condition, charges, n);
        if (!(residual <= tolerance))
        {
            throw new ChargeEquilibrationException(
                $"the dense charge solve of {n} atoms leaves ∂E/∂q_i {residual:G3} eV/e from equal (tolerance {tolerance:G3}): H is too close to singular here", noMinimum: false);
        }
        return new ChargeSolveReport(ChargeSolveReport.Dense, 0, residual, fixedTotal ? mu : condition.Value);
    }

    /// <summary>factor = ZᵀHZ (Σq = Q) or H (fixed μ), m × m.</summary>
    private void Reduce(int n, int m, bool eliminateLast)
    {
        var last = n - 1;
        for (var a = 0; a < m; a++)
        {
            for (var b = 0; b < m; b++)
            {
                factor[a * m + b] = eliminateLast
                    ? matrix[a * n + b] - matrix[a * n + last] - matrix[last * n + b] + matrix[last * n + last]
                    : matrix[a * n + b];
            }
        }
    }

    /// <summary>Cholesky L Lᵀ of the m × m factor in place (lower triangle); false when a pivot is not positive.</summary>
    private bool Factorise(int m)
    {
        var largest = 0.0;
        for (var a = 0; a < m; a++)
            largest = Math.Max(largest, Math.Abs(factor[a * m + a]));
        var floor = PivotFloor * largest;
        for (var j = 0; j < m; j++)
        {
            var d = factor[j * m + j];
            for (var k = 0; k < j; k++)
                d -= factor[j * m + k] * factor[j * m + k];
            if (!(d > floor))
                return false;
            var l = Math.Sqrt(d);
            factor[j * m + j] = l;
            for (var i = j + 1; i < m; i++)
            {
                var s = factor[i * m + j];
                for (var k = 0; k < j; k++)
                    s -= factor[i * m + k] * factor[j * m + k];
                factor[i * m + j] = s / l;
            }
        }
        return true;
    }

    /// <summary>rhs ← (L Lᵀ)⁻¹ rhs.</summary>
    private void Substitute(int m)
    {
        for (var i = 0; i < m; i++)
        {
            var s = rhs[i];
            for (var k = 0; k < i; k++)
                s -= factor[i * m + k] * rhs[k];
            rhs[i] = s / factor[i * m + i];
        }
        for (var i = m - 1; i >= 0; i--)
        {
            var s = rhs[i];
            for (var k = i + 1; k < m; k++)
                s -= factor[k * m + i] * rhs[k];
            rhs[i] = s / factor[i * m + i];
        }
    }

    /// <summary>∂E/∂q = Hq + χ into the gradient buffer; μ (their mean, or the fixed one) and max |∂E/∂q_i − μ|.</summary>
    private (double Mu, double Residual) Gradient(ChargeEquilibrationSystem system, Solver.ChargeCondition condition, double[] charges, int n)
    {
        var chi = system.Electronegativity;
        var mean = 0.0;
        for (var i = 0; i < n; i++)
        {
            var g = chi[i];
            for (var j = 0; j < n; j++)
                g += matrix[i * n + j] * charges[j];
            gradient[i] = g;
            mean += g;
        }
        var mu = condition.FixedPotential ? condition.Value : mean / n;
        var residual = 0.0;
        for (var i = 0; i < n; i++)
            residual = Math.Max(residual, double.IsNaN(gradient[i]) ? double.PositiveInfinity : Math.Abs(gradient[i] - mu));
        return (mu, residual);
    }

    /// <summary>The proof that there is no minimum: the lowest eigenvalue of the reduced matrix and its mode (allocates: a failure path).</summary>
    private ChargeEquilibrationException NoMinimum(ChargeEquilibrationSystem system, int n, int m, bool eliminateLast)
    {
        Reduce(n, m, eliminateLast);
        var reduced = Matrix<double>.Build.Dense(m, m, (a, b) => factor[a * m + b]);
        if (!reduced.Enumerate().All(double.IsFinite))
        {
            return new ChargeEquilibrationException(
                "the charge matrix is not finite at these positions (atoms on top of each other?), so there are no charges to report", noMinimum: true);
        }
        var evd = reduced.Evd(Symmetricity.Symmetric);
        var values = evd.EigenValues.Select(v => v.Real).ToArray();
        var lowest = Array.IndexOf(values, values.Min());
        var y = evd.EigenVectors.Column(lowest);
        var mode = new double[n];
        for (var a = 0; a < m; a++)
            mode[a] = y[a];
        if (eliminateLast)
            mode[n - 1] = -y.Sum();
        // The curvature along the mode per unit length of the change of the charges: Z is not orthonormal, so the
        // reduced eigenvalue is rescaled by |y|²/|Zy|².
        var curvature = values[lowest] * y.DotProduct(y) / mode.Sum(v => v * v);
        return ChargeEquilibrationException.NoMinimumAlong(system.Structure, curvature, mode, $"the dense solve (its Cholesky factorisation of H on {(eliminateLast ? "Σq = Q" : "all charges")} fails)");
    }
}
