using Latent.Runtime.Structures;
using Latent.Runtime.Engine.Solver;

namespace Latent.Runtime.Engine;

/// <summary>
/// Everything one evaluation of the ensemble engine gives, in eV, Å, eV/Å, eV/Å³ and e: the calculator
/// properties (always with charges and latent weights) plus the chemical potential, the per-atom energy
/// terms and the solver's report. The potential energy is the free energy A = E + θ Σ w ln(w/g) that the
/// forces derive from (force-consistent, as ASE calls it); the internal energy E is given too.
/// </summary>
public sealed class CalculationResult : EngineResult
{
    internal CalculationResult(double freeEnergy, double internalEnergy, Vec3[] forces, double[]? stress, double[] charges, double[][] weights, double lambda, EnergyTerms terms, SolverReport report)
        : base(freeEnergy, internalEnergy, forces, stress, charges, weights, lambda, terms)
    {
        Report = report;
    }

    /// <summary>q_i = Σ_α w_iα q_α (e).</summary>
    public override double[] Charges => base.Charges;

    /// <summary>Latent weights of each atom over its element's states (in the potential's state order).</summary>
    public override double[][] Weights => base.Weights!;

    /// <summary>How the latent-weight solver went.</summary>
    public SolverReport Report { get; }

    /// <inheritdoc/>
    public override int SolverIterations => Report.Iterations;

    /// <inheritdoc/>
    public override double SolverResidual => Report.Residual;
}
