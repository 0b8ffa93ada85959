using System.Collections.ObjectModel;
using System.Diagnostics;
using Latent.Runtime.Calculators;
using Latent.Runtime.Kernels;
using Latent.Runtime.Neighbours;
using Latent.Runtime.Structures;
using Latent.Runtime.Engine.FixedWeights;
using Latent.Runtime.Engine.Solver;

namespace Latent.Runtime.Engine;

/// <summary>
/// The calculator: energies, forces, stress, charges and latent weights of a structure under an
/// ensemble charge-transfer potential, in the style of an ASE calculator. It keeps neighbour lists
/// and the last weights between calls, so relaxation and dynamics warm-start the solver; asking for
/// several properties of an unchanged structure computes once (the cache rule of <see cref="ICalculator"/>).
/// </summary>
public sealed class EnsembleCalculator : IEngineCalculator
{
    private static readonly ReadOnlyCollection<string> Implemented = new([
        CalculatorProperties.Energy, CalculatorProperties.FreeEnergy, CalculatorProperties.InternalEnergy, CalculatorProperties.Forces,
        CalculatorProperties.Stress, CalculatorProperties.Charges, CalculatorProperties.LatentWeights]);

    private readonly PotentialKernels potential;
    private readonly CalculatorOptions options;
    private readonly LatentSolver solver;
    private readonly ParallelOptions parallel;
    private NeighbourList? shortList;
    private NeighbourList? longList;
    // Warm start: the last solution's weights and λ (hasPrevious says whether they are meaningful).
    private double[] previousWeights = [];
    private double previousLambda;
    private bool hasPrevious;
    // What the last solve started from (WarmState): a restart repeats that solve rather than solving the
    // solved positions again, which would count one warm solve too many and could move the last bits.
    private double[] startWeights = [];
    private double startLambda;
    private bool startHasPrevious;
    private int startWarmSolves;
    private double startGap;
    private readonly PairSet shortPairs = PairSet.Reusable();
    private readonly PairSet longPairs = PairSet.Reusable();
    private EnsembleSystem? system;
    private FixedWeightStep? fixedStep;
    private string[]? systemSymbols;
    private LongRangeCoulomb? coulomb;
    // The last evaluation (refilled in place), the configuration it is for, and its public copy once made.
    private Evaluation? current;
    private readonly StructureSnapshot evaluated = new();
    private CalculationResult? cached;

    /// <summary>A calculator for a potential's kernels.</summary>
    /// <exception cref="ArgumentException">A continuous-charge potential, which the charge-equilibration engine runs (<see cref="EngineSelection.For"/>).</exception>
    public EnsembleCalculator(PotentialKernels potential, CalculatorOptions? options = null)
    {
        if (potential.HasContinuousCharges)
            throw new ArgumentException($"potential {potential.Name} has continuous charges, which the charge-equilibration engine runs (EngineSelection.For picks it)", nameof(potential));
        this.potential = potential;
        this.options = options ?? new CalculatorOptions();
        solver = new LatentSolver(this.options.Solver);
        parallel = new ParallelOptions { MaxDegreeOfParallelism = this.options.Threads ?? -1 };
        Timings = this.options.MeasureTimings ? new StepTimings() : null;
        Plan = this.options.Specialised ? StepPlan.For(potential) : StepPlan.General;
        solver.Timings = Timings;
    }

    /// <summary>Which work each evaluation does for this potential (decided once, here).</summary>
    public StepPlan Plan { get; }

    /// <summary>The potential.</summary>
    public PotentialKernels Potential => potential;

    /// <summary>Settings in use.</summary>
    public CalculatorOptions Options => options;

    /// <summary>Electronic temperature in use (eV).</summary>
    public double Temperature => options.Temperature ?? potential.Temperature;

    /// <inheritdoc/>
    public IReadOnlyList<string> ImplementedProperties => Implemented;

    /// <summary>Where the evaluations' time went, when <see cref="CalculatorOptions.MeasureTimings"/> is set; else null.</summary>
    public StepTimings? Timings { get; }

    /// <summary>Forgets the cached results and the previous weights, so the next call solves from scratch.</summary>
    public void Reset()
    {
        hasPrevious = false;
        evaluated.Clear();
        cached = null;
    }

    /// <summary>
    /// What the last solve started from (the weights and λ before it, and the solver's search schedule), for a
    /// restart file: restored, the positions of the last evaluation are solved again exactly as they were.
    /// Null when that solve started cold (the first), and for a potential whose weights are not solved.
    /// </summary>
    public SolverWarmState? WarmState =>
        startHasPrevious && Plan.SolvesWeights
            ? new SolverWarmState((double[])startWeights.Clone(), startLambda, startWarmSolves, startGap)
            : null;

    /// <summary>
    /// Continues from a <see cref="WarmState"/> taken at <paramref name="structure"/>'s positions: the next
    /// solve, of these positions, starts as the interrupted run's solve of them did, so the continued run
    /// repeats the uninterrupted one bit for bit.
    /// </summary>
    /// <exception cref="ArgumentException">The weights are for another number of states.</exception>
    public void RestoreWarmState(Structure structure, SolverWarmState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!Plan.SolvesWeights)
            return;
        var system = SystemFor(structure);
        if (state.Weights.Length != system.WeightCount)
            throw new ArgumentException($"the saved solver state has {state.Weights.Length} weights; these atoms have {system.WeightCount} states", nameof(state));
        previousWeights = (double[])state.Weights.Clone();
        previousLambda = state.Lambda;
        hasPrevious = true;
        solver.RestoreSchedule(system, state.WarmSolvesSinceFull, state.ReferenceGap);
        evaluated.Clear();
        cached = null;
    }

    /// <summary>Evaluates everything for the structure (or returns the result for an unchanged one).</summary>
    public CalculationResult Calculate(Structure structure)
    {
        var evaluation = Evaluate(structure);
        // One state per atom: atom i's weight is weight i.
        return cached ??= Plan.SolvesWeights
            ? evaluation.ToResult(system!.StateOffset, system!.StateCount)
            : evaluation.ToResult(i => i, _ => 1);
    }

    /// <inheritdoc/>
    CalculatedProperties ICalculator.Calculate(Structure structure) => Calculate(structure);

    /// <inheritdoc/>
    EngineResult IEngineCalculator.Calculate(Structure structure) => Calculate(structure);

    /// <inheritdoc/>
    IEvaluation ICalculator.Evaluate(Structure structure) => Evaluate(structure);

    /// <summary>
    /// Evaluates into the calculator's own buffers (or returns them unchanged for an unchanged structure),
    /// valid until the next call. The dynamics and relaxation loops use this: once the sizes are known,
    /// on one thread it allocates nothing; <see cref="Calculate"/> is this plus a copy the caller owns.
    /// </summary>
    internal Evaluation Evaluate(Structure structure)
    {
        if (evaluated.Matches(structure))
            return current!;
        FiniteCheck.RequireUsablePositions(structure);
        if (!Plan.SolvesWeights)
            return EvaluateFixed(structure);

        var timings = Timings;
        var system = SystemFor(structure);
        var clock = timings is null ? 0 : Stopwatch.GetTimestamp();
        var n = structure.Count;
        if (current is null || current.Count != n || current.Weights.Length != system.WeightCount)
            current = new Evaluation(n, system.WeightCount);
        var e = current;
        evaluated.Clear();
        cached = null;
        var theta = Temperature;
        // The solver leaves the system's intermediates and e.Terms at the weights it returns, so the
        // forces follow without another free-energy pass.
        var lambdaBefore = timings?.Ticks(StepTimings.Part.LambdaSearch) ?? 0;
        if (startWeights.Length != previousWeights.Length)
            startWeights = new double[previousWeights.Length];
        previousWeights.CopyTo(startWeights, 0);
        (startLambda, startHasPrevious) = (previousLambda, hasPrevious);
        (startWarmSolves, startGap) = solver.Schedule(system);
        SolveOutcome outcome;
        try
        {
            outcome = solver.Solve(system, theta, options.Charge, hasPrevious ? previousWeights : null, previousLambda, e.Weights, e.Terms);
        }
        catch (LatentSolverException)
        {
            // Coincident atoms show up as a solve that does not converge; name them instead.
            FiniteCheck.RequireSeparatedAtoms(structure);
            throw;
        }
        if (timings is not null)
            clock = timings.AddExcluding(StepTimings.Part.EpsilonSums, clock, StepTimings.Part.LambdaSearch, lambdaBefore);
        if (previousWeights.Length != e.Weights.Length)
            previousWeights = new double[e.Weights.Length];
        e.Weights.CopyTo(previousWeights, 0);
        previousLambda = outcome.Lambda;
        hasPrevious = true;

        Span<double> virial = stackalloc double[6];
        system.Forces(e.Weights, e.Fx, e.Fy, e.Fz, virial);
        if (timings is not null)
        {
            timings.Add(StepTimings.Part.Forces, clock);
            timings.CountEvaluation(outcome.Iterations);
        }
        e.HasStress = structure.Cell.IsPeriodic;
        if (e.HasStress)
        {
            for (var k = 0; k < 6; k++)
                e.Stress[k] = virial[k] / structure.Cell.Volume;
        }
        system.Charges(e.Weights, e.Charges);
        e.FreeEnergy = e.Terms.FreeEnergy;
        e.InternalEnergy = e.Terms.InternalEnergy;
        e.Outcome = outcome;

        EnsureFinite(e, structure, system);
        evaluated.Take(structure);
        return e;
    }

    /// <summary>
    /// The one finiteness check of every result (<see cref="FiniteCheck"/>); a failed evaluation is neither
    /// cached nor used to warm-start the next one.
    /// </summary>
    private void EnsureFinite(Evaluation e, Structure structure, EnsembleSystem? weightsOf)
    {
        try
        {
            FiniteCheck.EnsureWeights(e.Weights, structure, weightsOf);
            FiniteCheck.Ensure(e, structure);
        }
        catch (Exception error) when (error is NonFiniteResultException or AtomsTooCloseException)
        {
            hasPrevious = false;
            throw;
        }
    }

    /// <summary>
    /// The evaluation of a potential with one state per element (<see cref="StepPlan.SolvesWeights"/> false):
    /// the weights are 1, nothing is solved, and the fixed-weight step sums straight over the half neighbour
    /// list, for clusters as for cells.
    /// </summary>
    private Evaluation EvaluateFixed(Structure structure)
    {
        var timings = Timings;
        var clock = timings is null ? 0 : Stopwatch.GetTimestamp();
        var n = structure.Count;
        shortList ??= new NeighbourList(potential.Cutoff, options.Skin, NeighbourListKind.Half);
        shortList.Update(structure);
        PairSet? longRange = null;
        LongRangeCoulomb? form = null;
        if (Plan.HasCharges)
        {
            if (structure.Cell.IsPeriodic)
            {
                longRange = LongPairs(structure);
                form = PeriodicForm();
            }
            else
            {
                form = coulomb is { IsPeriodic: false } direct ? direct : LongRangeCoulomb.Direct();
            }
        }
        if (timings is not null)
            clock = timings.Add(StepTimings.Part.NeighbourList, clock);
        if (fixedStep is null || !ReferenceEquals(fixedStep.Structure, structure) || fixedStep.Coulomb != form
            || systemSymbols is null || !systemSymbols.AsSpan().SequenceEqual(structure.Symbols))
        {
            coulomb = form;
            fixedStep = new FixedWeightStep(potential, structure, form, longRange, parallel);
            systemSymbols = (string[])structure.Symbols.Clone();
        }
        if (current is null || current.Count != n || current.Weights.Length != n)
            current = new Evaluation(n, n);
        var e = current;
        evaluated.Clear();
        cached = null;
        Span<double> virial = stackalloc double[6];
        fixedStep.Evaluate(shortList, longRange, Temperature, e, virial);
        e.HasStress = structure.Cell.IsPeriodic;
        if (e.HasStress)
        {
            for (var k = 0; k < 6; k++)
                e.Stress[k] = virial[k] / structure.Cell.Volume;
        }
        e.FreeEnergy = e.Terms.FreeEnergy;
        e.InternalEnergy = e.Terms.InternalEnergy;
        e.Outcome = SolveOutcome.Fixed(e.FreeEnergy);
        if (timings is not null)
        {
            timings.Add(StepTimings.Part.Kernels, clock);
            timings.CountEvaluation(0);
        }
        EnsureFinite(e, structure, null);
        evaluated.Take(structure);
        return e;
    }

    /// <summary>Free energy A (eV), the energy forces derive from.</summary>
    public double GetPotentialEnergy(Structure structure) => Calculate(structure).FreeEnergy;

    /// <summary>Forces (eV/Å).</summary>
    public Vec3[] GetForces(Structure structure) => Calculate(structure).Forces;

    /// <summary>Stress (eV/Å³, Voigt xx yy zz yz xz xy).</summary>
    /// <exception cref="PropertyNotAvailableException">The structure is not periodic in every direction.</exception>
    public double[] GetStress(Structure structure)
    {
        var p = structure.Cell.Periodic;
        if (!(p[0] && p[1] && p[2]))
            throw new PropertyNotAvailableException(CalculatorProperties.Stress, "the structure is not periodic in all three directions");
        return Calculate(structure).Stress!;
    }

    /// <summary>Charges (e).</summary>
    public double[] GetCharges(Structure structure) => Calculate(structure).Charges;

    /// <summary>Latent weights per atom.</summary>
    public double[][] GetLatentWeights(Structure structure) => Calculate(structure).Weights;

    /// <summary>Cutoff of the damped shifted-force sum for periodic cells (Å); the parameter response sums the same pairs.</summary>
    internal double CoulombCutoff => options.CoulombCutoff ?? Math.Max(12.0, potential.Cutoff);

    /// <summary>Damping of the damped shifted-force sum for periodic cells (1/Å); the parameter response sums the same form.</summary>
    internal double CoulombDamping => options.CoulombDamping ?? 0.2;

    /// <summary>The damped shifted-force form for periodic cells: the previous one while it is periodic, else made from the options.</summary>
    private LongRangeCoulomb PeriodicForm() =>
        coulomb is { IsPeriodic: true } periodic ? periodic : LongRangeCoulomb.DampedShiftedForce(CoulombDamping, CoulombCutoff);

    /// <summary>The pairs within the damped shifted-force cutoff, from the long-range list kept up to date here.</summary>
    private PairSet LongPairs(Structure structure)
    {
        longList ??= new NeighbourList(CoulombCutoff, options.Skin, NeighbourListKind.Half);
        longList.Update(structure);
        return PairSet.FromNeighbourList(longList, structure, CoulombCutoff, longPairs);
    }

    /// <summary>
    /// The system for this configuration: the previous one re-bound to the new positions when the
    /// atoms are the same (as in relaxation and dynamics: nothing is allocated then), else a new one.
    /// </summary>
    private EnsembleSystem SystemFor(Structure structure)
    {
        var clock = Timings is null ? 0 : Stopwatch.GetTimestamp();
        PairSet? longRange = null;
        LongRangeCoulomb form;
        if (!structure.Cell.IsPeriodic)
        {
            PairSet.AllPairs(structure, potential.Cutoff, shortPairs);
            form = coulomb is { IsPeriodic: false } direct ? direct : LongRangeCoulomb.Direct();
        }
        else
        {
            shortList ??= new NeighbourList(potential.Cutoff, options.Skin, NeighbourListKind.Half);
            shortList.Update(structure);
            PairSet.FromNeighbourList(shortList, structure, potential.Cutoff, shortPairs);
            if (Plan.HasCharges && CoulombCutoff == potential.Cutoff)
            {
                // The same cutoff and skin give the same list and pairs in the same order: one of each serves both sums.
                longRange = shortPairs;
            }
            else if (Plan.HasCharges)
            {
                longRange = LongPairs(structure);
            }
            else
            {
                // No state is charged: q_i = 0 at any weights, so the long-range sum is empty.
                longRange = PairSet.None(longPairs);
            }
            form = PeriodicForm();
        }

        if (Timings is not null)
            clock = Timings.Add(StepTimings.Part.NeighbourList, clock);
        if (system is not null && ReferenceEquals(system.Structure, structure) && coulomb == form
            && systemSymbols is not null && systemSymbols.AsSpan().SequenceEqual(structure.Symbols))
        {
            system.Bind(shortPairs, longRange);
        }
        else
        {
            coulomb = form;
            system = new EnsembleSystem(potential, structure, shortPairs, form, longRange, parallel);
            systemSymbols = (string[])structure.Symbols.Clone();
        }
        Timings?.Add(StepTimings.Part.Kernels, clock);
        return system;
    }
}
