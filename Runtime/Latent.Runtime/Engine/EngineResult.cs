using Latent.Runtime.Calculators;
using Latent.Runtime.Structures;

namespace Latent.Runtime.Engine;

/// <summary>
/// What both engines' results have beyond the calculator properties: the charges (always given), the chemical
/// potential λ = ∂A/∂Q that equalises them, the per-atom energy terms, and the solve's iterations and residual. The
/// ensemble engine's <see cref="CalculationResult"/> adds latent weights and its solver's report; the
/// charge-equilibration engine's <see cref="ChargeEquilibration.ChargeEquilibrationResult"/> its charge solve's report.
/// </summary>
public abstract class EngineResult : CalculatedProperties
{
    private protected EngineResult(double freeEnergy, double internalEnergy, Vec3[] forces, double[]? stress, double[] charges, double[][]? weights, double lambda, EnergyTerms terms)
        : base(freeEnergy, forces, stress, charges, weights, internalEnergy)
    {
        Lambda = lambda;
        Terms = terms;
    }

    /// <summary>Charges (e).</summary>
    public override double[] Charges => base.Charges!;

    /// <summary>The chemical potential λ (eV/e) that equalises the charge: ∂A/∂Q.</summary>
    public double Lambda { get; }

    /// <summary>Per-atom parts of the free energy.</summary>
    public EnergyTerms Terms { get; }

    /// <summary>Iterations of the solve (0 for a direct one).</summary>
    public abstract int SolverIterations { get; }

    /// <summary>Final residual of the solve, in the solver's own measure.</summary>
    public abstract double SolverResidual { get; }
}
