namespace Latent.Runtime.Engine.Solver;

/// <summary>
/// The weights that minimise the free energy for given state energies ε (docs/model.md §3): per atom
/// w_iα = g_α exp(−(ε_iα − λ q_α)/θ) / Σ_β g_β exp(−(ε_iβ − λ q_β)/θ), and the chemical potential λ
/// that meets a charge condition. The total charge Σq(λ) increases with λ (its slope is a sum of charge
/// variances over θ), so its root is bracketed and found by safeguarded Newton.
/// </summary>
internal static class BoltzmannWeights
{
    /// <summary>
    /// Fills <paramref name="weights"/> with the Boltzmann weights of <paramref name="epsilon"/> for the
    /// λ that meets <paramref name="condition"/> and returns that λ: the condition's own value at a fixed
    /// chemical potential, else the root of Σq(λ) = Q, searched from <paramref name="lambda"/>.
    /// </summary>
    public static double ForCondition(EnsembleSystem system, double[] epsilon, double theta, ChargeCondition condition, double lambda, double[] weights)
    {
        if (condition.FixedPotential)
        {
            AtLambda(system, epsilon, theta, condition.Value, weights);
            return condition.Value;
        }

        var target = condition.Value;
        var (sum, slope) = AtLambda(system, epsilon, theta, lambda, weights);
        if (slope == 0 && Math.Abs(sum - target) <= 1e-12 * Math.Max(1, system.AtomCount))
            return lambda; // No charged states, or every atom saturated exactly at the target.

        // Bracket the root of the increasing Σq(λ) − Q, expanding from the current λ.
        double lo = lambda, hi = lambda, step = Math.Max(theta, 0.1);
        double sLo = sum, sHi = sum;
        while (sLo > target)
        {
            hi = lo;
            sHi = sLo;
            lo -= step;
            step *= 2;
            (sLo, _) = AtLambda(system, epsilon, theta, lo, weights);
        }
        step = Math.Max(theta, 0.1);
        while (sHi < target)
        {
            lo = hi;
            sLo = sHi;
            hi += step;
            step *= 2;
            (sHi, _) = AtLambda(system, epsilon, theta, hi, weights);
        }

        // Safeguarded Newton: a Newton step inside the bracket, else bisection.
        var tol = 1e-13 * Math.Max(1, system.AtomCount);
        var l = lambda < lo || lambda > hi ? 0.5 * (lo + hi) : lambda;
        for (var k = 0; k < 200; k++)
        {
            var (s, ds) = AtLambda(system, epsilon, theta, l, weights);
            var g = s - target;
            if (Math.Abs(g) <= tol)
                return l;
            if (g < 0)
                lo = l;
            else
                hi = l;
            var next = ds > 0 ? l - g / ds : double.NaN;
            l = next > lo && next < hi ? next : 0.5 * (lo + hi);
            if (hi - lo <= 1e-15 * Math.Max(1, Math.Abs(l)))
                break;
        }
        AtLambda(system, epsilon, theta, l, weights);
        return l;
    }

    /// <summary>
    /// Fills <paramref name="weights"/> with the Boltzmann weights at λ and returns the total charge
    /// Σ_i q_i and its λ-derivative Σ_i Var_i(q)/θ. Each atom's weights are a log-sum-exp softmax of
    /// ln g − (ε − λq)/θ: shifted by their largest exponent, so no exponential overflows however large
    /// the ε differences or small θ.
    /// </summary>
    public static (double Sum, double Slope) AtLambda(EnsembleSystem system, double[] epsilon, double theta, double lambda, double[] weights)
    {
        var q = system.StateCharges;
        var lng = system.StateLogDegeneracies;
        double sum = 0, slope = 0;
        for (var i = 0; i < system.AtomCount; i++)
        {
            var s0 = system.StateOffset(i);
            var s1 = s0 + system.StateCount(i);
            var max = double.NegativeInfinity;
            for (var a = s0; a < s1; a++)
            {
                var x = lng[a] - (epsilon[a] - lambda * q[a]) / theta;
                weights[a] = x;
                max = Math.Max(max, x);
            }
            var z = 0.0;
            for (var a = s0; a < s1; a++)
            {
                weights[a] = Math.Exp(weights[a] - max);
                z += weights[a];
            }
            double mean = 0, square = 0;
            for (var a = s0; a < s1; a++)
            {
                weights[a] /= z;
                mean += weights[a] * q[a];
                square += weights[a] * q[a] * q[a];
            }
            sum += mean;
            slope += Math.Max(0, square - mean * mean) / theta;
        }
        return (sum, slope);
    }
}
