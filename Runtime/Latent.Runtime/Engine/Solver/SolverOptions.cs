namespace Latent.Runtime.Engine.Solver;

/// <summary>Settings of the latent-weight solver.</summary>
public sealed record SolverOptions
{
    /// <summary>Converged when a best-response step changes no weight by more than this. Forces are exact to first order in it.</summary>
    public double Tolerance { get; init; } = 1e-10;

    /// <summary>Looser tolerance for the intermediate temperatures of an anneal.</summary>
    public double AnnealTolerance { get; init; } = 1e-7;

    /// <summary>Most iterations of one minimisation (one start at one temperature) before the solver gives up.</summary>
    public int MaxIterations { get; init; } = 2000;

    /// <summary>Steps the Anderson acceleration remembers.</summary>
    public int History { get; init; } = 8;

    /// <summary>Highest electronic temperature of an anneal (eV), where the free-energy minimum is unique.</summary>
    public double AnnealStart { get; init; } = 2.0;

    /// <summary>Ratio of successive temperatures of an anneal.</summary>
    public double AnnealFactor { get; init; } = 0.5;

    /// <summary>When to anneal.</summary>
    public Annealing Anneal { get; init; } = Annealing.WhenCold;

    /// <summary>
    /// Also solve from isolated atoms, from charge equalisation and (if it has not run) by annealing, and
    /// keep the solution of lowest free energy: where two minima coexist (near an ionic–covalent
    /// crossing) this finds the lower one.
    /// </summary>
    public bool CompareStarts { get; init; }
}
