namespace Latent.Runtime.Engine.Solver;

/// <summary>The latent weights of every atom and the chemical potential λ at the free-energy minimum.</summary>
public sealed record LatentSolution(double[] Weights, double Lambda, double FreeEnergy, SolverReport Report);
