namespace Latent.Runtime.Engine;

/// <summary>
/// What the ensemble engine's next solve starts from (<see cref="EnsembleCalculator.WarmState"/>): the last
/// weights (flat, in the engine's state order) and λ, the warm solves since the last full search, and the
/// probe's reference gap (eV/atom; NaN when there is none). A restart file keeps it so a continued run
/// repeats the uninterrupted one bit for bit.
/// </summary>
public sealed record SolverWarmState(double[] Weights, double Lambda, int WarmSolvesSinceFull, double ReferenceGap);
