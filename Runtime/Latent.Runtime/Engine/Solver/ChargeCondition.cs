namespace Latent.Runtime.Engine.Solver;

/// <summary>The charge condition on the weights: a fixed total charge, or a fixed chemical potential (open system).</summary>
public readonly record struct ChargeCondition(bool FixedPotential, double Value)
{
    /// <summary>Σ_i q_i = Q.</summary>
    public static ChargeCondition TotalCharge(double q) => new(false, q);

    /// <summary>A fixed λ (eV/e): an electron reservoir such as an electrode; the total charge follows.</summary>
    public static ChargeCondition ChemicalPotential(double lambda) => new(true, lambda);
}
