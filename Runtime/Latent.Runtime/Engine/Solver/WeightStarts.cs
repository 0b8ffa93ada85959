namespace Latent.Runtime.Engine.Solver;

/// <summary>
/// Starting points of the weight solver that need no previous solution: isolated atoms (each in its
/// lowest neutral state), and an anneal from a high electronic temperature, where the free energy has
/// one minimum, down to the model's θ. The free energy is not convex in the weights (docs/model.md §3),
/// so different starts can end in different minima; <see cref="LatentSolver"/> compares them. The third
/// cold start, charge equalisation, is <see cref="ChargeEqualisationStart"/>.
/// </summary>
internal static class WeightStarts
{
    /// <summary>
    /// Writes into <paramref name="weights"/> (and returns it) each atom entirely in its lowest-energy
    /// neutral state, or its lowest-energy state if it has no neutral one.
    /// </summary>
    public static double[] IsolatedAtoms(EnsembleSystem system, double[] weights)
    {
        Array.Clear(weights);
        var energies = system.Potential.Elements;
        for (var i = 0; i < system.AtomCount; i++)
        {
            var states = energies[system.Potential.ElementIndex(system.Structure.Symbols[i])].States;
            var best = -1;
            for (var a = 0; a < states.Count; a++)
            {
                var neutral = states[a].Charge == 0;
                if (best < 0 || (neutral && (states[best].Charge != 0 || states[a].Energy < states[best].Energy)) || (!neutral && states[best].Charge != 0 && states[a].Energy < states[best].Energy))
                    best = a;
            }
            weights[system.StateOffset(i) + best] = 1;
        }
        return weights;
    }

    /// <summary>
    /// Anneals from isolated atoms: minimises at θ = <see cref="SolverOptions.AnnealStart"/>, then at
    /// each temperature <see cref="SolverOptions.AnnealFactor"/> times lower while it stays above
    /// <paramref name="theta"/> (to <see cref="SolverOptions.AnnealTolerance"/>), each from the last's
    /// weights and λ, and finally at <paramref name="theta"/> itself (to
    /// <see cref="SolverOptions.Tolerance"/>) into <see cref="SolverWorkspace.StartResult"/>.
    /// </summary>
    /// <returns>The final minimisation, with the iterations and temperatures of the whole path.</returns>
    public static SolveOutcome Annealed(EnsembleSystem system, double theta, ChargeCondition condition, SolverOptions options, SolverWorkspace work)
    {
        var weights = IsolatedAtoms(system, work.StartWeights);
        var lambda = 0.0;
        var iterations = 0;
        var temperatures = 0;
        for (var t = options.AnnealStart; t > theta * 1.000001; t *= options.AnnealFactor)
        {
            // An intermediate temperature only sets the path: a stage that has not converged still
            // hands on the weights it reached.
            var stage = OptimalDamping.Minimise(system, t, condition, weights, lambda, options.AnnealTolerance, options.MaxIterations, work, weights, mustConverge: false);
            lambda = stage.Lambda;
            iterations += stage.Iterations;
            temperatures++;
        }
        var final = OptimalDamping.Minimise(system, theta, condition, weights, lambda, options.Tolerance, options.MaxIterations, work, work.StartResult);
        return final with { Iterations = iterations + final.Iterations, Temperatures = temperatures + 1, Start = "annealing" };
    }
}
