namespace Latent.Runtime.Engine.Solver;

/// <summary>
/// What a solve into caller-owned buffers gives besides the weights: a value, so the solver's hot path
/// allocates no report; <see cref="ToReport"/> makes the public record when one is asked for.
/// </summary>
/// <param name="Lambda">The chemical potential λ (eV/e).</param>
/// <param name="FreeEnergy">A at the weights (eV).</param>
/// <param name="Iterations">Iterations over all temperatures and starts.</param>
/// <param name="Residual">Final largest weight change.</param>
/// <param name="Temperatures">Temperatures the winning start went through.</param>
/// <param name="Start">Which start won.</param>
internal readonly record struct SolveOutcome(double Lambda, double FreeEnergy, int Iterations, double Residual, int Temperatures, string Start)
{
    /// <summary>How many starts were minimised.</summary>
    public int Starts { get; init; } = 1;

    /// <summary>Whether every start of a cold solve was tried.</summary>
    public bool FullSearch { get; init; }

    /// <summary>A warm-started solve that another start than the previous solution won.</summary>
    public bool BranchSwitch { get; init; }

    /// <summary>What names the fixed-weight step's outcome: no solve (one state per element).</summary>
    public const string FixedStart = "fixed weights (one state per element)";

    /// <summary>The outcome of a step that solved nothing: every weight is 1 and λ plays no part (reported as 0).</summary>
    public static SolveOutcome Fixed(double freeEnergy) => new(0, freeEnergy, 0, 0, 0, FixedStart);

    /// <summary>The public report.</summary>
    public SolverReport ToReport() => new(Iterations, Residual, Lambda, Temperatures, Start, Starts, FullSearch, BranchSwitch);
}
