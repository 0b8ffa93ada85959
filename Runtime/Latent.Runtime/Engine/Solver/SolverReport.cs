namespace Latent.Runtime.Engine.Solver;

/// <summary>How a solve went: iterations over all temperatures and starts, final residual, the chemical potential, and which start won.</summary>
/// <param name="Iterations">Iterations over all temperatures and starts.</param>
/// <param name="Residual">Final largest weight change.</param>
/// <param name="Lambda">The chemical potential λ (eV/e).</param>
/// <param name="Temperatures">Temperatures the winning start went through.</param>
/// <param name="Start">Which start won.</param>
/// <param name="Starts">How many starts were minimised.</param>
/// <param name="FullSearch">Whether every start of a cold solve was tried (docs/model.md §3).</param>
/// <param name="BranchSwitch">A warm-started solve where a start other than the previous solution won: the weights left the branch they were on.</param>
public sealed record SolverReport(int Iterations, double Residual, double Lambda, int Temperatures, string Start, int Starts = 1, bool FullSearch = false, bool BranchSwitch = false)
{
    /// <summary>Nothing was solved: every element has one state, so every weight is 1 (<see cref="StepPlan"/>).</summary>
    public bool WeightsFixed => Start == SolveOutcome.FixedStart;
}
