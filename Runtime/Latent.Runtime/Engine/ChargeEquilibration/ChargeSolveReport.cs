namespace Latent.Runtime.Engine.ChargeEquilibration;

/// <summary>How a charge solve went (docs/model.md §8); a value, so a dynamics step allocates nothing for it.</summary>
/// <param name="Method">"dense Cholesky" or "projected conjugate gradients" (see <see cref="ChargeEquilibrationOptions.DenseLimit"/>).</param>
/// <param name="Iterations">Conjugate-gradient iterations (0 for the dense solve).</param>
/// <param name="Residual">max_i |∂E/∂q_i − μ| at the solution (eV/e).</param>
/// <param name="ChemicalPotential">μ = ∂E/∂q_i, the same for every atom at the solution: ∂E/∂Q (eV/e).</param>
public readonly record struct ChargeSolveReport(string Method, int Iterations, double Residual, double ChemicalPotential)
{
    /// <summary>Name of the dense method.</summary>
    public const string Dense = "dense Cholesky";

    /// <summary>Name of the iterative method.</summary>
    public const string ConjugateGradients = "projected conjugate gradients";
}
