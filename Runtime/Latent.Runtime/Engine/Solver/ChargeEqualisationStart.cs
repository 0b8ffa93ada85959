using MathNet.Numerics.LinearAlgebra;

namespace Latent.Runtime.Engine.Solver;

/// <summary>
/// A starting point for the weight solver from charge equalisation (QEq): each atom's energy as a
/// parabola through its neutral, cation and anion states (χ = (E₊ − E₋)/2, J = E₊ + E₋ − 2E₀), point
/// charges interacting through the long-range kernel, and Σq = Q. Its charge pattern (ionic where
/// charge transfer pays) is mapped onto weights. Near an ionic–covalent crossing the free energy has
/// an ionic and a neutral minimum and annealing follows whichever branch it starts on; starting here
/// as well, and keeping the lower result, finds the ionic one where it is lower.
/// </summary>
internal static class ChargeEqualisationStart
{
    /// <summary>Above this many atoms the dense solve costs more than it can save; no QEq start.</summary>
    public const int MaxAtoms = 1500;

    public static double[]? Weights(EnsembleSystem system, ChargeCondition condition)
    {
        var n = system.AtomCount;
        if (n > MaxAtoms || n < 2)
            return null;
        var q = system.StateCharges;
        var chi = new double[n];
        var hardness = new double[n];
        var qMin = new double[n];
        var qMax = new double[n];
        for (var i = 0; i < n; i++)
        {
            var states = system.Potential.Elements[system.Potential.ElementIndex(system.Structure.Symbols[i])].States;
            double? e0 = null, ePlus = null, eMinus = null;
            qMin[i] = double.PositiveInfinity;
            qMax[i] = double.NegativeInfinity;
            foreach (var s in states)
            {
                qMin[i] = Math.Min(qMin[i], s.Charge);
                qMax[i] = Math.Max(qMax[i], s.Charge);
                if (s.Charge == 0) e0 = Math.Min(e0 ?? double.PositiveInfinity, s.Energy);
                if (s.Charge == 1) ePlus = Math.Min(ePlus ?? double.PositiveInfinity, s.Energy);
                if (s.Charge == -1) eMinus = Math.Min(eMinus ?? double.PositiveInfinity, s.Energy);
            }
            var zero = e0 ?? 0;
            // Missing ions: a stiff parabola that keeps the charge near the states it has.
            var plus = ePlus ?? zero + 100;
            var minus = eMinus ?? zero + 100;
            chi[i] = 0.5 * (plus - minus);
            hardness[i] = Math.Max(plus + minus - 2 * zero, 1e-3);
        }

        var coulomb = system.CoulombMatrix();
        // [M 1; 1ᵀ 0][q; −μ] = [−χ; Q], or with a fixed μ = λ: M q = −χ + λ.
        var size = condition.FixedPotential ? n : n + 1;
        var a = Matrix<double>.Build.Dense(size, size);
        var b = Vector<double>.Build.Dense(size);
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
                a[i, j] = coulomb[i, j];
            a[i, i] += hardness[i];
            b[i] = -chi[i] + (condition.FixedPotential ? condition.Value : 0);
            if (!condition.FixedPotential)
            {
                a[i, n] = -1;
                a[n, i] = 1;
            }
        }
        if (!condition.FixedPotential)
            b[n] = condition.Value;

        Vector<double> solution;
        try
        {
            solution = a.Solve(b);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return null;
        }
        if (solution.Any(double.IsNaN))
            return null;

        // Each atom's charge, clamped to what its states allow, shared between the two nearest-charge states.
        var weights = new double[system.WeightCount];
        for (var i = 0; i < n; i++)
        {
            var target = Math.Clamp(solution[i], qMin[i], qMax[i]);
            var s0 = system.StateOffset(i);
            var s1 = s0 + system.StateCount(i);
            int below = -1, above = -1;
            for (var k = s0; k < s1; k++)
            {
                if (q[k] <= target && (below < 0 || q[k] > q[below]))
                    below = k;
                if (q[k] >= target && (above < 0 || q[k] < q[above]))
                    above = k;
            }
            if (below == above || q[above] == q[below])
            {
                weights[below] = 1;
            }
            else
            {
                var t = (target - q[below]) / (q[above] - q[below]);
                weights[below] = 1 - t;
                weights[above] = t;
            }
        }
        return weights;
    }
}
