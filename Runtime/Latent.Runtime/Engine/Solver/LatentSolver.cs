using System.Globalization;

namespace Latent.Runtime.Engine.Solver;

/// <summary>
/// The encoder: the latent weights w and chemical potential λ that minimise the free energy
/// A(R, w) = E(R, w) + θ Σ w ln(w/g) over each atom's simplex with Σ q = Q, or the grand potential
/// A − λ Σ q at a fixed λ (docs/model.md §3 defines ε = ∂E/∂w and the Boltzmann weights of the minimum).
/// Each minimisation is the optimal damping algorithm with Anderson acceleration
/// (<see cref="OptimalDamping"/>), a descent that ends in the minimum whose basin it starts in. A is not
/// convex in w (the ionic–covalent crossing is first order), so the solver minimises from starts that
/// cover every competing branch and keeps the lowest (a later start must be lower by more than
/// round-off). A full search, on every cold solve: an anneal from a high θ
/// (<see cref="WeightStarts.Annealed"/>), neutral atoms, charge equalisation
/// (<see cref="ChargeEqualisationStart"/>), and every integer charge pattern when there are at most
/// <see cref="SolverOptions.ExhaustiveLimit"/> (<see cref="IntegerPatterns"/>), else every per-element
/// pattern (<see cref="ElementPatterns"/>). A warm-started solve (relaxation, dynamics) starts from the
/// previous solution, adds every integer pattern of a small cluster
/// (<see cref="SolverOptions.WarmExhaustiveLimit"/>), and runs the full search every
/// <see cref="SolverOptions.RecheckInterval"/> warm solves or when a per-element pattern comes within
/// <see cref="SolverOptions.ProbeMargin"/> of the warm result; the report says when a start other than
/// the previous solution won (<see cref="SolverReport.BranchSwitch"/>).
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
    private int warmSolvesSinceFull;
    // The probe's reference (per atom, eV): how far above the solution the closest other per-element
    // pattern lay at the last full search (or first warm solve) of referenceSystem.
    private double referenceGap;
    private EnsembleSystem? referenceSystem;

    /// <summary>What a report names each start by.</summary>
    internal const string PreviousStart = "previous solution";
    internal const string NeutralStart = "neutral atoms";
    internal const string ChargeEqualisationName = "charge equalisation";
    internal const string IntegerPatternStart = "integer charge pattern";
    internal const string ElementPatternStart = "per-element pattern";

    /// <summary>A solver with the given settings.</summary>
    public LatentSolver(SolverOptions? options = null)
    {
        this.options = options ?? new SolverOptions();
    }

    /// <summary>Settings in use.</summary>
    public SolverOptions Options => options;

    /// <summary>Where the λ searches' time is added (<see cref="StepTimings.Part.LambdaSearch"/>), or null to not measure.</summary>
    internal StepTimings? Timings { get; set; }

    /// <summary>What decides the next warm solve beyond the previous weights: warm solves since the last full search, and the probe's reference gap (NaN when none).</summary>
    internal (int WarmSolvesSinceFull, double ReferenceGap) Schedule(EnsembleSystem system) =>
        (warmSolvesSinceFull, ReferenceEquals(referenceSystem, system) ? referenceGap : double.NaN);

    /// <summary>Puts back a <see cref="Schedule"/> of <paramref name="system"/>, so a continued run searches on the steps the uninterrupted one did.</summary>
    internal void RestoreSchedule(EnsembleSystem system, int warmSolves, double gap)
    {
        warmSolvesSinceFull = warmSolves;
        (referenceSystem, referenceGap) = double.IsNaN(gap) ? (null, 0) : (system, gap);
    }

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
        // Starts are compared by what they minimise: A, or Ω = A − λΣq at a fixed λ. The first start wins
        // ties, later ones must be lower by more than round-off, so a warm solve stays on its branch at a tie.
        var fixedLambda = condition.FixedPotential ? condition.Value : 0;
        var have = false;
        var termsAtBest = false;
        var best = default(SolveOutcome);
        var bestObjective = 0.0;
        var iterations = 0;
        var starts = 0;
        void Consider(SolveOutcome outcome)
        {
            iterations += outcome.Iterations;
            starts++;
            var objective = outcome.FreeEnergy - fixedLambda * OptimalDamping.TotalCharge(system, work.StartResult);
            termsAtBest = !have || objective < bestObjective - 1e-12 * Math.Max(1, Math.Abs(bestObjective));
            if (termsAtBest)
            {
                Array.Copy(work.StartResult, weights, weights.Length);
                best = outcome;
                bestObjective = objective;
                have = true;
            }
        }

        // The search policy (docs/model.md §3): a cold solve tries every start; a warm one the previous
        // solution, plus every integer pattern of a small cluster, and the whole search when it is due
        // (RecheckInterval) or when the probe sees another branch approach (ClosestPatternGap).
        var warm = previousWeights is not null && options.Anneal != Annealing.Always;
        var full = !warm || options.CompareStarts || (options.RecheckInterval > 0 && warmSolvesSinceFull + 1 >= options.RecheckInterval);
        var enumerated = false;
        if (warm)
        {
            Consider(SolveFrom(system, theta, condition, previousWeights!, previousLambda, work, PreviousStart));
            if (!full && options.PatternStarts && options.WarmExhaustiveLimit > 0 && work.IntegerPatterns.Prepare(system, condition, options.WarmExhaustiveLimit) > 0)
            {
                enumerated = true;
                while (work.IntegerPatterns.Next(system, work.StartWeights))
                    Consider(SolveFrom(system, theta, condition, work.StartWeights, previousLambda, work, IntegerPatternStart));
            }
            // The probe costs a free-energy pass per pattern, a sizeable part of a one-iteration warm solve: on the
            // first warm solve after a full search and every ProbeInterval-th after it.
            var probeDue = options.ProbeInterval <= 1 || warmSolvesSinceFull % options.ProbeInterval == 0;
            if (!full && !enumerated && probeDue && options.PatternStarts && options.ProbeMargin >= 0)
            {
                // Without a reference for this system, this solve sets it, and only a pattern below the result counts.
                var known = ReferenceEquals(referenceSystem, system);
                var alarm = known ? referenceGap - options.ProbeMargin : 0;
                var gap = ClosestPatternGap(system, theta, condition, work, weights, bestObjective, alarm);
                termsAtBest = false;
                full = gap < alarm;
                if (!known)
                    (referenceSystem, referenceGap) = (system, gap);
            }
        }
        if (full)
        {
            if (options.Anneal != Annealing.Never)
                Consider(WeightStarts.Annealed(system, theta, condition, options, work));
            Consider(SolveFrom(system, theta, condition, WeightStarts.IsolatedAtoms(system, work.StartWeights), 0, work, NeutralStart));
            var qeq = ChargeEqualisationStart.Weights(system, condition);
            if (qeq is not null)
                Consider(SolveFrom(system, theta, condition, qeq, 0, work, ChargeEqualisationName));
            if (options.PatternStarts && !enumerated && options.ExhaustiveLimit > 0 && work.IntegerPatterns.Prepare(system, condition, options.ExhaustiveLimit) > 0)
            {
                enumerated = true;
                while (work.IntegerPatterns.Next(system, work.StartWeights))
                    Consider(SolveFrom(system, theta, condition, work.StartWeights, 0, work, IntegerPatternStart));
            }
            // Every per-element pattern is an integer pattern too: only without the enumeration.
            if (options.PatternStarts && !enumerated)
            {
                work.ElementPatterns.Prepare(system, condition);
                while (work.ElementPatterns.Next(system, work.StartWeights))
                    Consider(SolveFrom(system, theta, condition, work.StartWeights, 0, work, ElementPatternStart));
            }
        }
        if (full && options.PatternStarts && options.ProbeMargin >= 0)
        {
            referenceGap = ClosestPatternGap(system, theta, condition, work, weights, bestObjective, double.NegativeInfinity);
            referenceSystem = system;
            termsAtBest = false;
        }
        warmSolvesSinceFull = full ? 0 : warmSolvesSinceFull + 1;

        // The winning start's terms (and the system's intermediates) are at its weights when nothing was evaluated since.
        if (termsAtBest)
            work.Terms.CopyTo(terms);
        else
            system.FreeEnergy(weights, theta, terms);
        return best with
        {
            Iterations = iterations,
            Starts = starts,
            FullSearch = full,
            BranchSwitch = warm && !ReferenceEquals(best.Start, PreviousStart),
        };
    }

    /// <summary>
    /// The probe of a warm result: how far above it (eV per atom; Ω at a fixed λ) the closest per-element
    /// pattern other than the one the weights are on lies, at the pattern's own fixed weights. A branch's
    /// minimum lies below its pattern's value (the descent from the pattern never climbs), so a negative
    /// gap proves the warm result is not the global minimum, and a gap that shrank by
    /// <see cref="SolverOptions.ProbeMargin"/> since the last full search says a branch is approaching.
    /// Costs one free-energy pass per pattern, no minimisation; stops once the gap is below <paramref name="stopBelow"/>.
    /// </summary>
    private static double ClosestPatternGap(EnsembleSystem system, double theta, ChargeCondition condition, SolverWorkspace work, double[] current, double currentObjective, double stopBelow)
    {
        var fixedLambda = condition.FixedPotential ? condition.Value : 0;
        var closest = double.PositiveInfinity;
        var patterns = work.ElementPatterns;
        patterns.Prepare(system, condition);
        while (patterns.Next(system, work.StartWeights))
        {
            if (OnPattern(current, work.StartWeights))
                continue;
            system.FreeEnergy(work.StartWeights, theta, work.Terms);
            var gap = (work.Terms.FreeEnergy - fixedLambda * OptimalDamping.TotalCharge(system, work.StartWeights) - currentObjective) / system.AtomCount;
            closest = Math.Min(closest, gap);
            if (closest < stopBelow)
                break;
        }
        return closest;
    }

    /// <summary>Whether every atom's weights have at least half their weight on the pattern's state: the branch the weights are on.</summary>
    private static bool OnPattern(double[] weights, double[] pattern)
    {
        for (var k = 0; k < weights.Length; k++)
        {
            if (pattern[k] == 1 && weights[k] < 0.5)
                return false;
        }
        return true;
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
