using System.Collections.ObjectModel;
using Latent.Runtime.Calculators;
using Latent.Runtime.Kernels;
using Latent.Runtime.Neighbours;
using Latent.Runtime.Structures;

namespace Latent.Runtime.Engine.ChargeEquilibration;

/// <summary>
/// The charge-equilibration engine (docs/model.md §8): energies, forces, stress and one continuous charge per atom of
/// a structure under a continuous-charge potential, in the style of an ASE calculator. Its own path, not the ensemble
/// engine's: no latent weights, no entropy, no search over branches (E(q) is quadratic, so its minimum, when it has
/// one, is unique and is a linear solve, <see cref="ChargeSolver"/>). The long-range sum and neighbour handling are the
/// ensemble engine's: the direct sum for clusters, the damped shifted-force sum for periodic cells
/// (docs/model.md §7). It keeps neighbour lists and the last charges between calls (the iterative solve starts from
/// them), and asking for several properties of an unchanged structure computes once (<see cref="ICalculator"/>).
/// </summary>
public sealed class ChargeEquilibrationCalculator : IEngineCalculator
{
    private static readonly ReadOnlyCollection<string> Implemented = new([
        CalculatorProperties.Energy, CalculatorProperties.FreeEnergy, CalculatorProperties.InternalEnergy, CalculatorProperties.Forces,
        CalculatorProperties.Stress, CalculatorProperties.Charges]);

    private readonly CalculatorOptions options;
    private readonly ChargeSolver solver;
    private readonly ParallelOptions parallel;
    private NeighbourList? shortList;
    private NeighbourList? longList;
    private readonly PairSet shortPairs = PairSet.Reusable();
    private readonly PairSet longPairs = PairSet.Reusable();
    private ChargeEquilibrationSystem? system;
    private string[]? systemSymbols;
    private LongRangeCoulomb? coulomb;
    private bool hasPrevious;
    // What the last solve started from (WarmState): a restart repeats that solve rather than solving the solved
    // positions again from their own charges, which would move the last bits.
    private double[] startCharges = [];
    private bool startWarm;
    private int startSinceCheck;
    private ChargeEvaluation? current;
    private readonly StructureSnapshot evaluated = new();
    private ChargeEquilibrationResult? cached;

    /// <summary>A calculator for a continuous-charge potential's kernels.</summary>
    /// <exception cref="ArgumentException">A potential of states, or options with an electronic temperature.</exception>
    public ChargeEquilibrationCalculator(PotentialKernels potential, CalculatorOptions? options = null)
    {
        if (!potential.HasContinuousCharges)
            throw new ArgumentException($"potential {potential.Name} has latent weights over states, which the ensemble engine runs (EngineSelection.For picks it)", nameof(potential));
        options ??= new CalculatorOptions();
        if (options.Temperature is not null)
            throw new ArgumentException($"potential {potential.Name} has continuous charges, so no latent weights and no electronic temperature to set", nameof(options));
        Potential = potential;
        this.options = options;
        solver = new ChargeSolver(options.ChargeEquilibration);
        parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Threads ?? -1 };
    }

    /// <inheritdoc/>
    public PotentialKernels Potential { get; }

    /// <summary>Settings in use.</summary>
    public CalculatorOptions Options => options;

    /// <inheritdoc/>
    public IReadOnlyList<string> ImplementedProperties => Implemented;

    /// <inheritdoc/>
    public void Reset()
    {
        hasPrevious = false;
        evaluated.Clear();
        cached = null;
    }

    /// <summary>Where the last solve started, if it was warm-started; null before any or after a solve from scratch.</summary>
    public ChargeWarmState? WarmState =>
        startWarm ? new ChargeWarmState(startCharges[..current!.Count], startSinceCheck) : null;

    /// <summary>
    /// Continues from a <see cref="WarmState"/> taken at <paramref name="structure"/>'s positions: the next solve, of
    /// these positions, starts as the interrupted run's solve of them did, so the continued run repeats the
    /// uninterrupted one bit for bit.
    /// </summary>
    /// <exception cref="ArgumentException">The charges are for another number of atoms.</exception>
    public void RestoreWarmState(Structure structure, ChargeWarmState state)
    {
        ArgumentNullException.ThrowIfNull(structure);
        ArgumentNullException.ThrowIfNull(state);
        var n = structure.Count;
        if (state.Charges.Length != n)
            throw new ArgumentException($"the saved charge-solver state has {state.Charges.Length} charges; the structure has {n} atoms", nameof(state));
        SystemFor(structure);
        if (current is null || current.Count != n)
            current = new ChargeEvaluation(n);
        state.Charges.CopyTo(current.Charges, 0);
        solver.SolvesSinceCheck = state.SolvesSinceCheck;
        hasPrevious = true;
        evaluated.Clear();
        cached = null;
    }

    /// <summary>Evaluates everything for the structure (or returns the result for an unchanged one).</summary>
    /// <exception cref="ChargeEquilibrationException">E(q) has no minimum at these positions, or the solve did not converge.</exception>
    public ChargeEquilibrationResult Calculate(Structure structure)
    {
        var evaluation = Evaluate(structure);
        return cached ??= evaluation.ToResult();
    }

    /// <inheritdoc/>
    EngineResult IEngineCalculator.Calculate(Structure structure) => Calculate(structure);

    /// <inheritdoc/>
    CalculatedProperties ICalculator.Calculate(Structure structure) => Calculate(structure);

    /// <inheritdoc/>
    IEvaluation ICalculator.Evaluate(Structure structure) => Evaluate(structure);

    /// <summary>
    /// Evaluates into the calculator's own buffers (or returns them unchanged for an unchanged structure), valid until
    /// the next call: the path of relaxation and dynamics, which allocates nothing once the sizes are known.
    /// </summary>
    internal ChargeEvaluation Evaluate(Structure structure)
    {
        if (evaluated.Matches(structure))
            return current!;
        FiniteCheck.RequireUsablePositions(structure);
        var n = structure.Count;
        var system = SystemFor(structure);
        var warm = hasPrevious && current is not null && current.Count == n;
        if (current is null || current.Count != n)
            current = new ChargeEvaluation(n);
        var e = current;
        evaluated.Clear();
        cached = null;
        hasPrevious = false;
        startWarm = warm;
        startSinceCheck = solver.SolvesSinceCheck;
        if (warm)
        {
            BufferCapacity.Ensure(ref startCharges, n);
            Array.Copy(e.Charges, startCharges, n);
        }

        try
        {
            e.Report = solver.Solve(system, options.Charge, warm, e.Charges);
        }
        catch (ChargeEquilibrationException)
        {
            // Coincident atoms show up as a matrix without a minimum; name them instead.
            FiniteCheck.RequireSeparatedAtoms(structure);
            throw;
        }

        system.Energy(e.Charges, e.Terms);
        e.Energy = e.Terms.FreeEnergy;
        Span<double> virial = stackalloc double[6];
        system.Forces(e.Charges, e.Fx, e.Fy, e.Fz, virial);
        e.HasStress = structure.Cell.IsPeriodic;
        if (e.HasStress)
        {
            for (var k = 0; k < 6; k++)
                e.Stress[k] = virial[k] / structure.Cell.Volume;
        }
        FiniteCheck.Ensure(e, structure);
        hasPrevious = true;
        evaluated.Take(structure);
        return e;
    }

    /// <summary>Energy E (eV), the energy the forces derive from.</summary>
    public double GetPotentialEnergy(Structure structure) => Calculate(structure).FreeEnergy;

    /// <summary>
    /// Damping of the damped shifted-force sum when the options leave it open (1/Å). The sum leaves out the
    /// reciprocal-space part of the Coulomb energy, which a charge wave of long wavelength needs: at the ensemble's
    /// α = 0.2 the charge matrix of rock salt NaCl-QEq has curvature −0.7 eV/e² in a 216-atom cell (no minimum), at
    /// α = 0.1 it stays at +1.2 to +0.85 eV/e² from 64 to 1728 atoms.
    /// </summary>
    public const double DefaultCoulombDamping = 0.1;

    /// <summary>Least cutoff of the damped shifted-force sum (Å): α·R_c = 3 at the default α, where the sum has converged (erfc(3) = 2·10⁻⁵).</summary>
    public const double DefaultCoulombCutoff = 30.0;

    /// <summary>Cutoff of the damped shifted-force sum for periodic cells (Å).</summary>
    private double CoulombCutoff => options.CoulombCutoff ?? Math.Max(DefaultCoulombCutoff, Potential.Cutoff);

    /// <summary>The damped shifted-force form for periodic cells: the previous one while it is periodic, else made from the options.</summary>
    private LongRangeCoulomb PeriodicForm() =>
        coulomb is { IsPeriodic: true } periodic ? periodic : LongRangeCoulomb.DampedShiftedForce(options.CoulombDamping ?? DefaultCoulombDamping, CoulombCutoff);

    /// <summary>
    /// The system for this configuration: the previous one re-bound to the new positions when the atoms are the same
    /// (relaxation and dynamics: nothing is allocated then), else a new one. Pairs as the ensemble engine takes them:
    /// all pairs of a cluster within the cutoff, a half neighbour list's for a cell.
    /// </summary>
    private ChargeEquilibrationSystem SystemFor(Structure structure)
    {
        PairSet? longRange = null;
        LongRangeCoulomb form;
        if (!structure.Cell.IsPeriodic)
        {
            PairSet.AllPairs(structure, Potential.Cutoff, shortPairs);
            form = coulomb is { IsPeriodic: false } direct ? direct : LongRangeCoulomb.Direct();
        }
        else
        {
            shortList ??= new NeighbourList(Potential.Cutoff, options.Skin, NeighbourListKind.Half);
            shortList.Update(structure);
            PairSet.FromNeighbourList(shortList, structure, Potential.Cutoff, shortPairs);
            if (CoulombCutoff == Potential.Cutoff)
            {
                // The same cutoff and skin give the same list and pairs in the same order: one of each serves both sums.
                longRange = shortPairs;
            }
            else
            {
                longList ??= new NeighbourList(CoulombCutoff, options.Skin, NeighbourListKind.Half);
                longList.Update(structure);
                longRange = PairSet.FromNeighbourList(longList, structure, CoulombCutoff, longPairs);
            }
            form = PeriodicForm();
        }

        if (system is not null && ReferenceEquals(system.Structure, structure) && coulomb == form
            && systemSymbols is not null && systemSymbols.AsSpan().SequenceEqual(structure.Symbols))
        {
            system.Bind(shortPairs, longRange);
        }
        else
        {
            coulomb = form;
            system = new ChargeEquilibrationSystem(Potential, structure, shortPairs, form, longRange, parallel);
            systemSymbols = (string[])structure.Symbols.Clone();
            hasPrevious = false;
        }
        return system;
    }
}
