namespace Latent.Runtime.Engine.ChargeEquilibration;

/// <summary>
/// The charge solve of a continuous-charge potential (docs/model.md §8): minimises E(q) = ½qᵀHq + χᵀq on Σq = Q (or
/// E − μΣq at a fixed μ). Systems of up to <see cref="ChargeEquilibrationOptions.DenseLimit"/> atoms are solved densely
/// (<see cref="DenseChargeSolve"/>, which also proves the minimum exists); larger ones by projected conjugate gradients
/// (<see cref="ConjugateGradientChargeSolve"/>), warm-started from the previous charges, with a Lanczos estimate of the
/// lowest curvature (<see cref="LanczosCurvature"/>) on a solve from scratch and every
/// <see cref="ChargeEquilibrationOptions.CurvatureCheckInterval"/> solves after it. Nothing is allocated per solve once
/// the buffers have grown.
/// </summary>
internal sealed class ChargeSolver(ChargeEquilibrationOptions options)
{
    private readonly DenseChargeSolve dense = new();
    private readonly ConjugateGradientChargeSolve iterative = new();
    private readonly LanczosCurvature lanczos = new();
    private int sinceCheck;

    /// <summary>The settings in use.</summary>
    public ChargeEquilibrationOptions Options => options;

    /// <summary>Warm solves since the last curvature check: part of the warm state a restart restores.</summary>
    public int SolvesSinceCheck
    {
        get => sinceCheck;
        set => sinceCheck = value;
    }

    /// <summary>
    /// Solves into <paramref name="charges"/>; with <paramref name="warm"/> they hold the previous solution of the same
    /// atoms, the iterative solve's start.
    /// </summary>
    /// <exception cref="ChargeEquilibrationException">E(q) has no minimum here, or the solve does not converge.</exception>
    public ChargeSolveReport Solve(ChargeEquilibrationSystem system, Solver.ChargeCondition condition, bool warm, double[] charges)
    {
        var n = system.AtomCount;
        if (n == 0)
            throw new ArgumentException("a charge solve needs at least one atom: no atoms have no chemical potential", nameof(system));
        if (n <= options.DenseLimit)
            return dense.Solve(system, condition, options.Tolerance, charges);
        if (!warm || ++sinceCheck >= options.CurvatureCheckInterval)
        {
            sinceCheck = 0;
            var lowest = lanczos.Lowest(system, project: !condition.FixedPotential, options.LanczosSteps);
            if (!(lowest > 0))
                throw ChargeEquilibrationException.NoMinimumAlong(system.Structure, lowest, default, $"a Lanczos estimate of the lowest curvature ({options.LanczosSteps} steps)");
        }
        if (!warm)
            Array.Clear(charges, 0, n);
        return iterative.Solve(system, condition, options.Tolerance, options.MaxIterations, charges);
    }
}
