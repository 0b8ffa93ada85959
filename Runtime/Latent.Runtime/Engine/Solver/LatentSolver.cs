using System.Globalization;

namespace Latent.Runtime.Engine.Solver;

/// <summary>
/// The encoder: the latent weights w and chemical potential λ that minimise the free energy
/// A(R, w) = E(R, w) + θ Σ w ln(w/g) over each atom's simplex with Σ q = Q, or the grand potential
/// A − λ Σ q at a fixed λ (docs/model.md §3 defines ε = ∂E/∂w and the Boltzmann weights of the minimum).
/// Each minimisation is the optimal damping algorithm with Anderson acceleration
/// (<see cref="OptimalDamping"/>). A is not convex in w (the ionic–covalent crossing is first order), so
/// the solver minimises from several starts and keeps the best, the one of lowest free energy (a later
/// start must be lower by more than round-off): the previous solution when there is one; an anneal from
/// a high θ (<see cref="WeightStarts.Annealed"/>) on a cold solve; isolated atoms when neither ran; and
/// with <see cref="SolverOptions.CompareStarts"/> also isolated atoms (reported as "neutral atoms"),
/// charge equalisation (<see cref="ChargeEqualisationStart"/>) and the anneal if it has not run.
/// </summary>
/// <remarks>
/// The solver keeps its work buffers from one solve to the next (a dynamics step allocates nothing), so
/// one instance must not solve on two threads at once; each calculator has its own. Inside a test's
/// <see cref="SolverPerturbation"/> scope the total charge solved for is shifted; nothing else reads it.
/// </remarks>
public sealed class LatentSolver
{
    private readonly SolverOptions options;
    private SolverWorkspace? workspace;

    /// <summary>A solver with the given settings.</summary>
    public LatentSolver(SolverOptions? options = null)
    {
        this.options = options ?? new SolverOptions();
    }

    /// <summary>Settings in use.</summary>
    public SolverOptions Options => options;

    /// <summary>Where the λ searches' time is added (<see cref="StepTimings.Part.LambdaSearch"/>), or null to not measure.</summary>
    internal StepTimings? Timings { get; set; }

    /// <summary>Solves for the weights of <paramref name="system"/> at electronic temperature θ.</summary>
    /// <param name="system">The configuration with its kernels evaluated.</param>
    /// <param name="theta">Electronic temperature θ &gt; 0 (eV).</param>
    /// <param name="condition">Fixed total charge or fixed chemical potential.</param>
    /// <param name="previous">A previous solution of the same atoms (warm start), or null.</param>
    /// <exception cref="LatentSolverException">No convergence, or an unreachable total charge.</exception>
    public LatentSolution Solve(EnsembleSystem system, double theta, ChargeCondition condition, LatentSolution? previous = null)
    {
        var weights = new double[system.WeightCount];
        var outcome = Solve(system, theta, condition, previous?.Weights, previous?.Lambda ?? 0, weights, new EnergyTerms(system.AtomCount));
        return new LatentSolution(weights, outcome.Lambda, outcome.FreeEnergy, outcome.ToReport());
    }

    /// <summary>
    /// <see cref="Solve(EnsembleSystem, double, ChargeCondition, LatentSolution?)"/> into caller-owned
    /// buffers: the weights (<see cref="EnsembleSystem.WeightCount"/>) and the free-energy terms at them
    /// (<see cref="EnsembleSystem.AtomCount"/>). On return the system's intermediates are those of the
    /// weights, so <see cref="EnsembleSystem.Forces"/> may follow without another free-energy pass.
    /// A warm-started solve of a system of the same size as the last allocates nothing: the workspace is kept.
    /// </summary>
    internal SolveOutcome Solve(EnsembleSystem system, double theta, ChargeCondition condition, double[]? previousWeights, double previousLambda, double[] weights, EnergyTerms terms)
    {
        if (!(theta > 0) || double.IsInfinity(theta))
            throw new ArgumentException($"the electronic temperature must be positive and finite (got {theta} eV)", nameof(theta));
        if (previousWeights is not null && previousWeights.Length != system.WeightCount)
            previousWeights = null;
        // Read once: everything below, Parallel loops included, sees only the condition.
        var shift = SolverPerturbation.ChargeOffset;
        if (shift != 0 && !condition.FixedPotential)
            condition = ChargeCondition.TotalCharge(condition.Value + shift);
        CheckReachable(system, condition);

        var work = WorkspaceFor(system);
        // Every start solves into work.StartResult; the best so far is copied to the caller's weights.
        // The first start wins ties, later ones must be lower by more than round-off.
        var have = false;
        var bestIsLast = false;
        var best = default(SolveOutcome);
        var iterations = 0;
        void Consider(SolveOutcome outcome)
        {
            iterations += outcome.Iterations;
            bestIsLast = !have || outcome.FreeEnergy < best.FreeEnergy - 1e-12 * Math.Max(1, Math.Abs(best.FreeEnergy));
            if (bestIsLast)
            {
                Array.Copy(work.StartResult, weights, weights.Length);
                best = outcome;
                have = true;
            }
        }

        var anneal = options.Anneal == Annealing.Always || (options.Anneal == Annealing.WhenCold && previousWeights is null);
        if (previousWeights is not null && options.Anneal != Annealing.Always)
            Consider(SolveFrom(system, theta, condition, previousWeights, previousLambda, work, "previous solution"));
        if (anneal)
            Consider(WeightStarts.Annealed(system, theta, condition, options, work));
        if (!have)
            Consider(SolveFrom(system, theta, condition, WeightStarts.IsolatedAtoms(system, work.StartWeights), 0, work, "isolated atoms"));
        if (options.CompareStarts)
        {
            Consider(SolveFrom(system, theta, condition, WeightStarts.IsolatedAtoms(system, work.StartWeights), 0, work, "neutral atoms"));
            var qeq = ChargeEqualisationStart.Weights(system, condition);
            if (qeq is not null)
                Consider(SolveFrom(system, theta, condition, qeq, 0, work, "charge equalisation"));
            if (!anneal)
                Consider(WeightStarts.Annealed(system, theta, condition, options, work));
        }

        // The last start's terms (and the system's intermediates) are at its weights: reuse them when it won.
        if (bestIsLast)
            work.Terms.CopyTo(terms);
        else
            system.FreeEnergy(weights, theta, terms);
        return best with { Iterations = iterations };
    }

    /// <summary>The kept workspace when the sizes match, else a new one (kept for the next solve).</summary>
    private SolverWorkspace WorkspaceFor(EnsembleSystem system)
    {
        if (workspace is null || !workspace.Fits(system))
            workspace = new SolverWorkspace(system.WeightCount, system.AtomCount, options.History);
        workspace.Timings = Timings;
        return workspace;
    }

    /// <summary>One minimisation at θ from the given weights into the workspace's start result.</summary>
    private SolveOutcome SolveFrom(EnsembleSystem system, double theta, ChargeCondition condition, double[] weights, double lambda, SolverWorkspace work, string start) =>
        OptimalDamping.Minimise(system, theta, condition, weights, lambda, options.Tolerance, options.MaxIterations, work, work.StartResult) with { Start = start };

    /// <summary>Throws when no weights reach the total charge: it must lie between the sums of the atoms' lowest and highest state charges.</summary>
    private static void CheckReachable(EnsembleSystem system, ChargeCondition condition)
    {
        if (condition.FixedPotential)
            return;
        double lo = 0, hi = 0;
        var q = system.StateCharges;
        for (var i = 0; i < system.AtomCount; i++)
        {
            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            for (var a = system.StateOffset(i); a < system.StateOffset(i) + system.StateCount(i); a++)
            {
                min = Math.Min(min, q[a]);
                max = Math.Max(max, q[a]);
            }
            lo += min;
            hi += max;
        }
        if (condition.Value < lo - 1e-12 || condition.Value > hi + 1e-12)
            throw new LatentSolverException(string.Create(CultureInfo.InvariantCulture, $"a total charge of {condition.Value} e cannot be reached: with these atoms' states it lies between {lo} and {hi} e"));
    }
}
