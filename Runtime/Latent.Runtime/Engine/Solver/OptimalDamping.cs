using System.Globalization;

namespace Latent.Runtime.Engine.Solver;

/// <summary>
/// One minimisation of the free energy at one electronic temperature θ by the optimal damping algorithm
/// (Cancès and Le Bris): from feasible weights w, the Boltzmann weights w* of the current ε (with the λ
/// that meets the charge condition, docs/model.md §3) give a descent direction d = w* − w that keeps every
/// simplex and the total charge; the step along it minimises the free energy exactly (E is quadratic
/// along the segment, apart from the embedding's curvature, which a check catches). Unlike plain
/// self-consistency this never climbs: where the energy is concave along charge transfer (Coulomb
/// attraction), it still walks downhill to a minimum rather than oscillating around a saddle. Anderson
/// acceleration of the descent map, safeguarded by the free energy, shortens the slow tail.
/// </summary>
internal static class OptimalDamping
{
    /// <summary>
    /// Minimises from <paramref name="startWeights"/> (and λ, a guess for the root search) until a
    /// best-response step changes no weight by more than <paramref name="tolerance"/>, and writes the
    /// minimum's weights (the last best response) to <paramref name="output"/>. On return
    /// <see cref="SolverWorkspace.Terms"/> and the system's intermediates are those of the output.
    /// </summary>
    /// <param name="system">The configuration, kernels evaluated.</param>
    /// <param name="theta">Electronic temperature (eV).</param>
    /// <param name="condition">Fixed total charge or fixed chemical potential.</param>
    /// <param name="startWeights">Where to start; need not meet a total-charge condition. May be <paramref name="output"/>.</param>
    /// <param name="startLambda">λ to start the root search from (eV/e).</param>
    /// <param name="tolerance">Largest weight change of a best-response step at convergence.</param>
    /// <param name="maxIterations">Iterations before giving up.</param>
    /// <param name="work">Buffers; every buffer but <see cref="SolverWorkspace.StartWeights"/> and <see cref="SolverWorkspace.StartResult"/> is overwritten.</param>
    /// <param name="output">Receives the weights.</param>
    /// <param name="mustConverge">
    /// When false (an anneal's intermediate temperature, which only sets the path) a minimisation that
    /// runs out of iterations hands on the weights it reached (residual NaN); when true it throws.
    /// </param>
    /// <exception cref="LatentSolverException">No convergence in <paramref name="maxIterations"/> and <paramref name="mustConverge"/>.</exception>
    public static SolveOutcome Minimise(EnsembleSystem system, double theta, ChargeCondition condition, double[] startWeights, double startLambda, double tolerance, int maxIterations, SolverWorkspace work, double[] output, bool mustConverge = true)
    {
        var n = system.WeightCount;
        var w = work.Weights;
        var eps = work.Epsilon;
        var bestResponse = work.BestResponse;
        var bestResponseEps = work.BestResponseEpsilon;
        var direction = work.Direction;
        var lambda = startLambda;
        Array.Copy(startWeights, w, n);
        // Make the start feasible for the charge condition: one best-response step from it.
        system.Epsilon(w, eps);
        if (!condition.FixedPotential && Math.Abs(TotalCharge(system, w) - condition.Value) > 1e-9)
        {
            lambda = TimedBoltzmannWeights(system, eps, theta, condition, lambda, w, work.Timings);
            system.Epsilon(w, eps);
        }
        work.Mixer.Reset();
        for (var iteration = 1; iteration <= maxIterations; iteration++)
        {
            lambda = TimedBoltzmannWeights(system, eps, theta, condition, lambda, bestResponse, work.Timings);
            var residual = 0.0;
            for (var k = 0; k < n; k++)
            {
                direction[k] = bestResponse[k] - w[k];
                residual = Math.Max(residual, Math.Abs(direction[k]));
            }
            if (residual <= tolerance)
            {
                Array.Copy(bestResponse, output, n);
                system.FreeEnergy(output, theta, work.Terms);
                return new SolveOutcome(lambda, work.Terms.FreeEnergy, iteration, residual, 1, "");
            }
            if (double.IsNaN(residual))
                break;

            system.Epsilon(bestResponse, bestResponseEps);
            var t = LineSearch(system, theta, w, direction, eps, bestResponseEps, condition.FixedPotential ? lambda : 0);
            // The plain descent step, and its change f = T(w) − w for the acceleration.
            var plain = work.PlainStep;
            for (var k = 0; k < n; k++)
            {
                plain[k] = Math.Max(0, w[k] + t * direction[k]);
                direction[k] = plain[k] - w[k];
            }

            // Anderson acceleration of the descent map T, safeguarded: an affine combination of
            // feasible points keeps every simplex and the total charge, so the candidate is taken
            // when it is non-negative and lowers the free energy more than the plain step does.
            var candidate = work.AcceleratedStep;
            Array.Copy(w, candidate, n);
            work.Mixer.Step(candidate, direction, 1.0);
            var accepted = false;
            if (iteration > 1 && NonNegative(system, candidate))
            {
                var fixedLambda = condition.FixedPotential ? lambda : 0;
                var plainEnergy = GrandFreeEnergy(system, plain, theta, fixedLambda, work.Terms);
                var candidateEnergy = GrandFreeEnergy(system, candidate, theta, fixedLambda, work.Terms);
                if (candidateEnergy < plainEnergy)
                {
                    Array.Copy(candidate, w, n);
                    accepted = true;
                }
            }
            if (!accepted)
                Array.Copy(plain, w, n);
            system.Epsilon(w, eps);
        }
        if (!mustConverge)
        {
            Array.Copy(w, output, n);
            system.FreeEnergy(output, theta, work.Terms);
            return new SolveOutcome(lambda, work.Terms.FreeEnergy, maxIterations, double.NaN, 1, "");
        }
        throw new LatentSolverException(string.Create(CultureInfo.InvariantCulture,
            $"the latent weights did not converge at θ = {theta} eV in {maxIterations} iterations (tolerance {tolerance:E1}): the configuration may sit at a charge-transfer instability; a slightly different geometry or a higher electronic temperature avoids it"));
    }

    /// <summary>Whether weights are a point of the simplices: tiny negatives from round-off are set to zero and the atom renormalised.</summary>
    private static bool NonNegative(EnsembleSystem system, double[] w)
    {
        for (var i = 0; i < system.AtomCount; i++)
        {
            var s0 = system.StateOffset(i);
            var s1 = s0 + system.StateCount(i);
            var clipped = false;
            for (var k = s0; k < s1; k++)
            {
                if (w[k] < -1e-12 || double.IsNaN(w[k]))
                    return false;
                if (w[k] < 0)
                {
                    w[k] = 0;
                    clipped = true;
                }
            }
            if (clipped)
            {
                var sum = 0.0;
                for (var k = s0; k < s1; k++)
                    sum += w[k];
                for (var k = s0; k < s1; k++)
                    w[k] /= sum;
            }
        }
        return true;
    }

    /// <summary><see cref="BoltzmannWeights.ForCondition"/>, its time added to the λ search when <paramref name="timings"/> is given.</summary>
    private static double TimedBoltzmannWeights(EnsembleSystem system, double[] eps, double theta, ChargeCondition condition, double lambda, double[] weights, StepTimings? timings)
    {
        var clock = timings is null ? 0 : System.Diagnostics.Stopwatch.GetTimestamp();
        lambda = BoltzmannWeights.ForCondition(system, eps, theta, condition, lambda, weights);
        timings?.Add(StepTimings.Part.LambdaSearch, clock);
        return lambda;
    }

    /// <summary>A − λ Σq: the free energy at fixed total charge (λ = 0), or the grand potential at fixed λ.</summary>
    private static double GrandFreeEnergy(EnsembleSystem system, double[] w, double theta, double fixedLambda, EnergyTerms scratch)
    {
        system.FreeEnergy(w, theta, scratch);
        return scratch.FreeEnergy - fixedLambda * TotalCharge(system, w);
    }

    /// <summary>Σ_k w_k q_k over all atoms' states, in state order.</summary>
    internal static double TotalCharge(EnsembleSystem system, double[] w)
    {
        var q = system.StateCharges;
        var sum = 0.0;
        for (var k = 0; k < w.Length; k++)
            sum += w[k] * q[k];
        return sum;
    }

    /// <summary>
    /// The step t ∈ [0, 1] minimising φ(t) = Ω(w + t d), Ω = A − λ_fixed Σq. Along the segment E is
    /// quadratic in t with slope ε·d at 0 and curvature (ε(w*) − ε(w))·d, and the entropy is explicit,
    /// so φ and φ′ cost no kernel evaluation. φ′(t) = Σ (ε + tΔε + θ ln((w + td)/g) − λq) d.
    /// </summary>
    private static double LineSearch(EnsembleSystem system, double theta, double[] w, double[] d, double[] eps0, double[] eps1, double fixedLambda)
    {
        var lng = system.StateLogDegeneracies;
        var q = system.StateCharges;
        var n = w.Length;
        double slope0 = 0, curvature = 0;
        for (var k = 0; k < n; k++)
        {
            slope0 += (eps0[k] - fixedLambda * q[k]) * d[k];
            curvature += (eps1[k] - eps0[k]) * d[k];
        }

        if (SegmentSlope(lng, w, d, theta, slope0, curvature, 1) <= 0)
            return 1;
        // φ′ > 0 at 1. If φ′ < 0 somewhere before, bisect for the first root; φ may be non-convex
        // (concave energy), so compare with the end point too and take the lower.
        double lo = 0, hi = 1;
        if (SegmentSlope(lng, w, d, theta, slope0, curvature, 0) >= 0)
            return SegmentValue(lng, w, d, theta, slope0, curvature, 1) < 0 ? 1 : 0.5;
        for (var k = 0; k < 100 && hi - lo > 1e-15; k++)
        {
            var mid = 0.5 * (lo + hi);
            if (SegmentSlope(lng, w, d, theta, slope0, curvature, mid) < 0)
                lo = mid;
            else
                hi = mid;
        }
        var t = 0.5 * (lo + hi);
        return SegmentValue(lng, w, d, theta, slope0, curvature, 1) < SegmentValue(lng, w, d, theta, slope0, curvature, t) ? 1 : t;
    }

    /// <summary>φ′(t), the slope of the grand free energy along the segment.</summary>
    private static double SegmentSlope(ReadOnlySpan<double> lng, double[] w, double[] d, double theta, double slope0, double curvature, double t)
    {
        var s = slope0 + t * curvature;
        for (var k = 0; k < w.Length; k++)
        {
            var v = w[k] + t * d[k];
            if (v > 0 && d[k] != 0)
                s += theta * (Math.Log(v) - lng[k]) * d[k];
        }
        return s;
    }

    /// <summary>φ(t) − φ(0), the change of the grand free energy along the segment.</summary>
    private static double SegmentValue(ReadOnlySpan<double> lng, double[] w, double[] d, double theta, double slope0, double curvature, double t)
    {
        var s = t * slope0 + 0.5 * t * t * curvature;
        for (var k = 0; k < w.Length; k++)
        {
            var v = w[k] + t * d[k];
            if (v > 0)
                s += theta * v * (Math.Log(v) - lng[k]);
            if (w[k] > 0)
                s -= theta * w[k] * (Math.Log(w[k]) - lng[k]);
        }
        return s;
    }
}
