namespace Latent.Runtime.Engine.ChargeEquilibration;

/// <summary>Settings of the charge solve of a continuous-charge potential (docs/model.md §8).</summary>
public sealed record ChargeEquilibrationOptions
{
    /// <summary>
    /// Systems of at most this many atoms are solved densely: H assembled and factorised by Cholesky on Σq = Q, which
    /// also proves (or refutes) that E(q) has a minimum. Larger ones use projected conjugate gradients.
    /// </summary>
    public int DenseLimit { get; init; } = 128;

    /// <summary>Converged when every ∂E/∂q_i is within this of their common value μ (eV/e).</summary>
    public double Tolerance { get; init; } = 1e-10;

    /// <summary>Most conjugate-gradient iterations of one solve.</summary>
    public int MaxIterations { get; init; } = 1000;

    /// <summary>
    /// A conjugate-gradient solve from scratch, and every this many after it, also estimates the lowest curvature of
    /// E on Σq = Q by Lanczos from a fixed start, to catch an indefinite H in modes the right-hand side does not reach.
    /// </summary>
    public int CurvatureCheckInterval { get; init; } = 100;

    /// <summary>Lanczos steps of that estimate.</summary>
    public int LanczosSteps { get; init; } = 40;
}
