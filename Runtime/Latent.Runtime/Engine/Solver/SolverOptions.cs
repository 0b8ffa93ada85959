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
    /// Make every solve a full search (docs/model.md §3), warm-started ones included: besides the
    /// previous solution, every start a cold solve uses. For single evaluations and scans whose points
    /// must not depend on the path (<c>latent eval</c>, the dimer scan, the engine-run checks).
    /// </summary>
    public bool CompareStarts { get; init; }

    /// <summary>
    /// Minimise from charge patterns (<see cref="ExhaustiveLimit"/>, <see cref="WarmExhaustiveLimit"/>, the
    /// per-element patterns of a full search and of <see cref="ProbeMargin"/>). False leaves the anneal,
    /// neutral atoms and charge equalisation, which miss the ionic branch of a compressed dimer
    /// (docs/model.md §3): for comparisons only.
    /// </summary>
    public bool PatternStarts { get; init; } = true;

    /// <summary>
    /// A full search also minimises from every integer charge pattern (one state per atom, Σq = Q) when
    /// there are at most this many: all of a small cluster's branches (at Q = 0 with three states per
    /// atom a dimer has 3, six atoms 141, the 8-atom rock-salt cell 1107, about a second of minimisations,
    /// which is why that cell is left to the per-element patterns by default). 0 turns the enumeration off.
    /// </summary>
    public int ExhaustiveLimit { get; init; } = 256;

    /// <summary>
    /// A warm-started solve also minimises from every integer charge pattern when there are at most this
    /// many, at every step: a dimer or trimer (3 and 7 patterns at Q = 0) is then searched fully at every
    /// step of a scan, relaxation or trajectory. 0 turns it off.
    /// </summary>
    public int WarmExhaustiveLimit { get; init; } = 32;

    /// <summary>
    /// A warm-started solve is a full search when this many warm solves have passed since the last full
    /// one, whatever else it sees; 0 never.
    /// </summary>
    public int RecheckInterval { get; init; } = 200;

    /// <summary>
    /// The probe of a warm-started solve that enumerates no patterns: it is a full search when the closest
    /// per-element pattern (every atom of an element in the same state, Σq = Q, weights fixed) other than
    /// the one the weights are on lies below the warm result, or has come this many eV per atom closer to
    /// it than at the last full search: another branch may have become, or be about to become, the lowest.
    /// Thermal motion moves that gap by hundredths of an eV per atom. Negative: no probe.
    /// </summary>
    public double ProbeMargin { get; init; } = 0.25;

    /// <summary>
    /// The probe (<see cref="ProbeMargin"/>) runs on the first warm solve after a full search and on every
    /// this-many-th after it: it costs one free-energy pass per per-element pattern, a sizeable part of a
    /// warm step that converges in one iteration, while a branch approaches over many steps.
    /// </summary>
    public int ProbeInterval { get; init; } = 10;
}
