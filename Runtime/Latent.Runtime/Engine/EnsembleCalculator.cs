using Latent.Runtime.Kernels;
using Latent.Runtime.Neighbours;
using Latent.Runtime.Structures;

namespace Latent.Runtime.Engine;

/// <summary>
/// The calculator: energies, forces, stress, charges and latent weights of a structure under an
/// ensemble charge-transfer potential, in the style of an ASE calculator. It keeps neighbour lists
/// and the last weights between calls, so relaxation and dynamics warm-start the solver; asking for
/// several properties of an unchanged structure computes once.
/// </summary>
public sealed class EnsembleCalculator
{
    private readonly PotentialKernels potential;
    private readonly CalculatorOptions options;
    private readonly LatentSolver solver;
    private readonly ParallelOptions parallel;
    private NeighbourList? shortList;
    private NeighbourList? longList;
    private LatentSolution? previous;
    private readonly PairSet shortPairs = PairSet.Reusable();
    private readonly PairSet longPairs = PairSet.Reusable();
    private EnsembleSystem? system;
    private string[]? systemSymbols;
    private LongRangeCoulomb? coulomb;
    private (double[] X, double[] Y, double[] Z, Cell Cell)? cachedFor;
    private CalculationResult? cached;

    /// <summary>A calculator for a potential's kernels.</summary>
    public EnsembleCalculator(PotentialKernels potential, CalculatorOptions? options = null)
    {
        this.potential = potential;
        this.options = options ?? new CalculatorOptions();
        solver = new LatentSolver(this.options.Solver);
        parallel = new ParallelOptions { MaxDegreeOfParallelism = this.options.Threads ?? -1 };
    }

    /// <summary>The potential.</summary>
    public PotentialKernels Potential => potential;

    /// <summary>Settings in use.</summary>
    public CalculatorOptions Options => options;

    /// <summary>Electronic temperature in use (eV).</summary>
    public double Temperature => options.Temperature ?? potential.Temperature;

    /// <summary>Forgets the previous weights, so the next call solves from scratch.</summary>
    public void Reset()
    {
        previous = null;
        cached = null;
        cachedFor = null;
    }

    /// <summary>Evaluates everything for the structure (or returns the result for an unchanged one).</summary>
    public CalculationResult Calculate(Structure structure)
    {
        if (cached is not null && cachedFor is { } c && c.Cell == structure.Cell
            && c.X.AsSpan().SequenceEqual(structure.X) && c.Y.AsSpan().SequenceEqual(structure.Y) && c.Z.AsSpan().SequenceEqual(structure.Z))
            return cached;

        var system = SystemFor(structure);
        var theta = Temperature;
        var solution = solver.Solve(system, theta, options.Charge, previous);
        previous = solution;

        var terms = system.FreeEnergy(solution.Weights, theta);
        var n = structure.Count;
        var fx = new double[n];
        var fy = new double[n];
        var fz = new double[n];
        Span<double> virial = stackalloc double[6];
        system.Forces(solution.Weights, fx, fy, fz, virial);
        var forces = new Vec3[n];
        for (var i = 0; i < n; i++)
            forces[i] = new Vec3(fx[i], fy[i], fz[i]);
        double[]? stress = null;
        if (structure.Cell.IsPeriodic)
        {
            stress = new double[6];
            for (var k = 0; k < 6; k++)
                stress[k] = virial[k] / structure.Cell.Volume;
        }
        var charges = new double[n];
        system.Charges(solution.Weights, charges);
        var weights = new double[n][];
        for (var i = 0; i < n; i++)
            weights[i] = solution.Weights.AsSpan(system.StateOffset(i), system.StateCount(i)).ToArray();

        cached = new CalculationResult(terms.FreeEnergy, terms.InternalEnergy, forces, stress, charges, weights, solution.Lambda, terms, solution.Report);
        cachedFor = ((double[])structure.X.Clone(), (double[])structure.Y.Clone(), (double[])structure.Z.Clone(), structure.Cell);
        return cached;
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
            throw new PropertyNotAvailableException("stress", "the structure is not periodic in all three directions");
        return Calculate(structure).Stress!;
    }

    /// <summary>Charges (e).</summary>
    public double[] GetCharges(Structure structure) => Calculate(structure).Charges;

    /// <summary>Latent weights per atom.</summary>
    public double[][] GetLatentWeights(Structure structure) => Calculate(structure).Weights;

    /// <summary>
    /// The system for this configuration: the previous one re-bound to the new positions when the
    /// atoms are the same (as in relaxation and dynamics: nothing is allocated then), else a new one.
    /// </summary>
    private EnsembleSystem SystemFor(Structure structure)
    {
        PairSet? longRange = null;
        LongRangeCoulomb form;
        if (!structure.Cell.IsPeriodic)
        {
            PairSet.AllPairs(structure, potential.Cutoff, shortPairs);
            form = coulomb is { IsPeriodic: false } direct ? direct : LongRangeCoulomb.Direct();
        }
        else
        {
            var coulombCutoff = options.CoulombCutoff ?? Math.Max(12.0, potential.Cutoff);
            shortList ??= new NeighbourList(potential.Cutoff, options.Skin, NeighbourListKind.Half);
            longList ??= new NeighbourList(coulombCutoff, options.Skin, NeighbourListKind.Half);
            shortList.Update(structure);
            longList.Update(structure);
            PairSet.FromNeighbourList(shortList, structure, potential.Cutoff, shortPairs);
            longRange = PairSet.FromNeighbourList(longList, structure, coulombCutoff, longPairs);
            form = coulomb is { IsPeriodic: true } periodic ? periodic : LongRangeCoulomb.DampedShiftedForce(options.CoulombDamping, coulombCutoff);
        }

        if (system is not null && ReferenceEquals(system.Structure, structure) && coulomb == form
            && systemSymbols is not null && systemSymbols.AsSpan().SequenceEqual(structure.Symbols))
        {
            system.Bind(shortPairs, longRange);
            return system;
        }
        coulomb = form;
        system = new EnsembleSystem(potential, structure, shortPairs, form, longRange, parallel);
        systemSymbols = (string[])structure.Symbols.Clone();
        return system;
    }
}
