namespace Latent.Runtime.Engine.Solver;

/// <summary>How a solve went: iterations over all temperatures, final residual, the chemical potential, and which start won.</summary>
public sealed record SolverReport(int Iterations, double Residual, double Lambda, int Temperatures, string Start)
{
    /// <summary>Nothing was solved: every element has one state, so every weight is 1 (<see cref="StepPlan"/>).</summary>
    public bool WeightsFixed => Start == SolveOutcome.FixedStart;
}
