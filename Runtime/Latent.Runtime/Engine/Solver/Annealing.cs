namespace Latent.Runtime.Engine.Solver;

/// <summary>When the solver anneals from a high electronic temperature down to the model's.</summary>
public enum Annealing
{
    /// <summary>Anneal when there is no previous solution to start from (the first call).</summary>
    WhenCold,

    /// <summary>Always anneal, ignoring previous solutions: every configuration is solved the same way
    /// (no hysteresis along a path), at the price of more iterations.</summary>
    Always,

    /// <summary>Never anneal (start from the previous solution or from isolated atoms).</summary>
    Never,
}
