using Latent.Runtime.Structures;

namespace Latent.Runtime.Engine.ChargeEquilibration;

/// <summary>
/// Everything one evaluation of the charge-equilibration engine gives (docs/model.md §8), in eV, Å, eV/Å, eV/Å³ and e:
/// energy E (there is no entropy, so the free energy is E), forces, stress, one continuous charge per atom, the
/// chemical potential μ = ∂E/∂q_i common to every atom, the per-atom energy terms and the solve's report. There are
/// no latent weights (<see cref="Calculators.CalculatedProperties.Weights"/> is null).
/// </summary>
public sealed class ChargeEquilibrationResult : EngineResult
{
    internal ChargeEquilibrationResult(double energy, Vec3[] forces, double[]? stress, double[] charges, EnergyTerms terms, ChargeSolveReport report)
        : base(energy, energy, forces, stress, charges, null, report.ChemicalPotential, terms)
    {
        Report = report;
    }

    /// <summary>How the charge solve went.</summary>
    public ChargeSolveReport Report { get; }

    /// <inheritdoc/>
    public override int SolverIterations => Report.Iterations;

    /// <inheritdoc/>
    public override double SolverResidual => Report.Residual;
}
