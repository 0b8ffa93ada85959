namespace Latent.Runtime.Engine.Solver;

/// <summary>When the solver anneals from a high electronic temperature down to the model's.</summary>
public enum Annealing
{
    /// <summary>Anneal in every full search, and a full search whenever there is no previous solution to start from (the first call).</summary>
    WhenCold,

    /// <summary>Always a full search with the anneal, ignoring previous solutions: every configuration is solved the same way
    /// (no hysteresis along a path), at the price of more iterations.</summary>
    Always,

    /// <summary>Never anneal: a full search leaves the anneal out of its starts (docs/model.md §3).</summary>
    Never,
}
