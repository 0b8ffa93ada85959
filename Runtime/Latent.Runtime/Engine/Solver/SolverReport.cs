namespace Latent.Runtime.Engine.Solver;

/// <summary>How a solve went: iterations over all temperatures, final residual, the chemical potential, and which start won.</summary>
public sealed record SolverReport(int Iterations, double Residual, double Lambda, int Temperatures, string Start);
