namespace Latent.Runtime.Engine.ChargeEquilibration;

/// <summary>
/// What the charge-equilibration engine's last solve started from (<see cref="ChargeEquilibrationCalculator.WarmState"/>):
/// the charges the conjugate-gradient solve began at (the solution before it) and the solves since the last curvature
/// check. A restart file keeps it so a continued run repeats that solve, and so the uninterrupted run, bit for bit:
/// solved from zero instead, the same charges come out only to the solver's tolerance.
/// </summary>
public sealed record ChargeWarmState(double[] Charges, int SolvesSinceCheck);
