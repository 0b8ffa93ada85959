namespace Latent.Runtime.Engine.Solver;

/// <summary>
/// Every buffer one solve needs, kept by <see cref="LatentSolver"/> from solve to solve while the number
/// of weights and atoms stays the same, so a warm-started solve allocates nothing. Weight-sized arrays
/// are flat over all atoms' states (<see cref="EnsembleSystem.StateOffset"/>).
/// </summary>
internal sealed class SolverWorkspace
{
    /// <summary>Buffers for <paramref name="weights"/> weights of <paramref name="atoms"/> atoms, with an Anderson history of <paramref name="history"/> steps.</summary>
    public SolverWorkspace(int weights, int atoms, int history)
    {
        StartResult = new double[weights];
        StartWeights = new double[weights];
        Terms = new EnergyTerms(atoms);
        Weights = new double[weights];
        Epsilon = new double[weights];
        BestResponse = new double[weights];
        BestResponseEpsilon = new double[weights];
        Direction = new double[weights];
        PlainStep = new double[weights];
        AcceleratedStep = new double[weights];
        Mixer = new AndersonMixer(weights, history);
    }

    /// <summary>Number of weights the buffers hold.</summary>
    public int WeightCount => Weights.Length;

    /// <summary>Number of atoms <see cref="Terms"/> holds.</summary>
    public int AtomCount => Terms.Atomic.Length;

    /// <summary>The weights one start ended at, before they are compared with the best so far.</summary>
    public double[] StartResult { get; }

    /// <summary>A start's weights: the isolated-atom start, and along an anneal the weights handed from one temperature to the next.</summary>
    public double[] StartWeights { get; }

    /// <summary>Free-energy terms of the weights evaluated last.</summary>
    public EnergyTerms Terms { get; }

    /// <summary>The current iterate of the minimisation: feasible weights.</summary>
    public double[] Weights { get; }

    /// <summary>ε = ∂E/∂w at <see cref="Weights"/>.</summary>
    public double[] Epsilon { get; }

    /// <summary>The Boltzmann weights of <see cref="Epsilon"/> at the λ that meets the charge condition.</summary>
    public double[] BestResponse { get; }

    /// <summary>ε at <see cref="BestResponse"/>, for the curvature of the energy along the segment.</summary>
    public double[] BestResponseEpsilon { get; }

    /// <summary>The search direction: best response minus weights, then the plain step's change.</summary>
    public double[] Direction { get; }

    /// <summary>The weights after the line-searched step along <see cref="Direction"/>.</summary>
    public double[] PlainStep { get; }

    /// <summary>The Anderson-accelerated candidate, taken when it is feasible and lower than the plain step.</summary>
    public double[] AcceleratedStep { get; }

    /// <summary>The integer charge patterns of the system solved (kept: a warm solve of a small cluster enumerates them every step).</summary>
    public IntegerPatterns IntegerPatterns { get; } = new();

    /// <summary>The per-element patterns of the system solved.</summary>
    public ElementPatterns ElementPatterns { get; } = new();

    /// <summary>Where the λ searches' time is added, or null to not measure.</summary>
    public StepTimings? Timings { get; set; }

    /// <summary>The Anderson history over one minimisation.</summary>
    public AndersonMixer Mixer { get; }

    /// <summary>Whether the buffers fit a system of this many weights and atoms.</summary>
    public bool Fits(EnsembleSystem system) => WeightCount == system.WeightCount && AtomCount == system.AtomCount;
}
