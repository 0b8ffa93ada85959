namespace Latent.Cli.Dimer;

/// <summary>One point of a dissociation curve: distance (Å), free energy A and internal energy E (eV),
/// the charges of A and B (e), their weights over their states (potential order; null for continuous charges),
/// and λ (eV/e).</summary>
public sealed record DimerPoint(double R, double FreeEnergy, double InternalEnergy, double[] Charges, double[][]? Weights, double Lambda);
