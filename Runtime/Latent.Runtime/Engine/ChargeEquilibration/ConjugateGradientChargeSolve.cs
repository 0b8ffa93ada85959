namespace Latent.Runtime.Engine.ChargeEquilibration;

/// <summary>
/// The charge solve of a large system (docs/model.md §8): conjugate gradients on E(q) = ½qᵀHq + χᵀq with products
/// H·x only, preconditioned by the hardnesses J_i, and on Σq = Q projected so that every step keeps the total
/// (the residual's preconditioned projection z = (r − λ)/J, λ = Σ(r_i/J_i)/Σ(1/J_i), sums to zero; Gould, Hribar
/// and Nocedal, SIAM J. Sci. Comput. 23, 1376 (2001)). At the solution every ∂E/∂q_i equals μ = λ. A step along a
/// direction p with pᵀHp ≤ 0 proves that E has no minimum and ends the solve. Warm-started from the previous
/// charges (moved onto Σq = Q), so a dynamics step costs a few products. Buffers grow with the number of atoms only.
/// </summary>
internal sealed class ConjugateGradientChargeSolve
{
    private double[] r = [];
    private double[] z = [];
    private double[] p = [];
    private double[] hp = [];

    /// <summary>Solves for the charges, starting from <paramref name="charges"/> as they are (any values; they are moved onto the condition).</summary>
    /// <exception cref="ChargeEquilibrationException">A direction of curvature ≤ 0, or no convergence in <paramref name="maxIterations"/>.</exception>
    public ChargeSolveReport Solve(ChargeEquilibrationSystem system, Solver.ChargeCondition condition, double tolerance, int maxIterations, double[] charges)
    {
        var n = system.AtomCount;
        BufferCapacity.Ensure(ref r, n);
        BufferCapacity.Ensure(ref z, n);
        BufferCapacity.Ensure(ref p, n);
        BufferCapacity.Ensure(ref hp, n);
        var fixedTotal = !condition.FixedPotential;
        if (fixedTotal)
            Feasible(charges, n, condition.Value);
        var chi = system.Electronegativity;
        var hardness = system.Hardness;

        var (lambda, residual) = Gradient(system, chi, hardness, condition, fixedTotal, charges, n);
        var rz = ProjectedDot(lambda, n);
        for (var i = 0; i < n; i++)
            p[i] = -z[i];
        var iterations = 0;
        while (true)
        {
            if (residual <= tolerance)
            {
                // The updated residual drifts from the true gradient by round-off: stop only if the true one agrees,
                // else start the directions afresh from it.
                (lambda, residual) = Gradient(system, chi, hardness, condition, fixedTotal, charges, n);
                if (residual <= tolerance)
                    break;
                rz = ProjectedDot(lambda, n);
                for (var i = 0; i < n; i++)
                    p[i] = -z[i];
            }
            if (iterations == maxIterations)
            {
                throw new ChargeEquilibrationException(
                    $"the conjugate-gradient charge solve of {n} atoms did not converge in {maxIterations} iterations: ∂E/∂q_i are still {residual:G3} eV/e from equal (tolerance {tolerance:G3})",
                    noMinimum: false);
            }
            system.Multiply(p, hp);
            var curvature = Dot(p, hp, n);
            if (!(curvature > 0))
            {
                var length = Dot(p, p, n);
                throw ChargeEquilibrationException.NoMinimumAlong(system.Structure, curvature / length, p.AsSpan(0, n), "the conjugate-gradient solve");
            }
            var alpha = rz / curvature;
            for (var i = 0; i < n; i++)
            {
                charges[i] += alpha * p[i];
                r[i] += alpha * hp[i];
            }
            (lambda, residual) = Precondition(hardness, n, fixedTotal);
            var next = ProjectedDot(lambda, n);
            var beta = next / rz;
            rz = next;
            for (var i = 0; i < n; i++)
                p[i] = -z[i] + beta * p[i];
            iterations++;
        }
        // Round-off moves the total by a few ulps over the iterations: put it back exactly where it belongs.
        if (fixedTotal)
            Feasible(charges, n, condition.Value);
        return new ChargeSolveReport(ChargeSolveReport.ConjugateGradients, iterations, residual, fixedTotal ? lambda : condition.Value);
    }

    /// <summary>r = ∂E/∂q at the charges (minus μ at a fixed μ), computed afresh, and z, λ and the residual from it.</summary>
    private (double Lambda, double Residual) Gradient(ChargeEquilibrationSystem system, ReadOnlySpan<double> chi, ReadOnlySpan<double> hardness, Solver.ChargeCondition condition, bool fixedTotal, double[] charges, int n)
    {
        system.Multiply(charges, r);
        for (var i = 0; i < n; i++)
            r[i] += chi[i] - (fixedTotal ? 0 : condition.Value);
        return Precondition(hardness, n, fixedTotal);
    }

    /// <summary>
    /// rᵀz, taken as Σ (r_i − λ) z_i: equal in exact arithmetic (Σz = 0), but λ Σz is round-off the size of λ that
    /// would swamp rᵀz near convergence and turn β into noise.
    /// </summary>
    private double ProjectedDot(double lambda, int n)
    {
        var s = 0.0;
        for (var i = 0; i < n; i++)
            s += (r[i] - lambda) * z[i];
        return s;
    }

    /// <summary>z = P(r): the preconditioned residual, projected onto Σz = 0 on Σq = Q; λ and max |r_i − λ|.</summary>
    private (double Lambda, double Residual) Precondition(ReadOnlySpan<double> hardness, int n, bool project)
    {
        var lambda = 0.0;
        if (project)
        {
            double weighted = 0, weights = 0;
            for (var i = 0; i < n; i++)
            {
                weighted += r[i] / hardness[i];
                weights += 1 / hardness[i];
            }
            lambda = weighted / weights;
        }
        var residual = 0.0;
        for (var i = 0; i < n; i++)
        {
            z[i] = (r[i] - lambda) / hardness[i];
            residual = Math.Max(residual, double.IsNaN(r[i]) ? double.PositiveInfinity : Math.Abs(r[i] - lambda));
        }
        return (lambda, residual);
    }

    /// <summary>Moves the charges uniformly onto Σq = Q.</summary>
    internal static void Feasible(double[] charges, int n, double total)
    {
        var sum = 0.0;
        for (var i = 0; i < n; i++)
            sum += charges[i];
        var shift = (total - sum) / n;
        for (var i = 0; i < n; i++)
            charges[i] += shift;
    }

    private static double Dot(double[] a, double[] b, int n)
    {
        var s = 0.0;
        for (var i = 0; i < n; i++)
            s += a[i] * b[i];
        return s;
    }
}
