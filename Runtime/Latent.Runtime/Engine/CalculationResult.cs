using Latent.Runtime.Structures;

namespace Latent.Runtime.Engine;

/// <summary>
/// Everything one evaluation gives, in eV, Å, eV/Å, eV/Å³ and e. The potential energy is the free
/// energy A = E + θ Σ w ln(w/g) that the forces derive from (force-consistent, as ASE calls it); the
/// internal energy E is given too.
/// </summary>
public sealed class CalculationResult
{
    internal CalculationResult(double freeEnergy, double internalEnergy, Vec3[] forces, double[]? stress, double[] charges, double[][] weights, double lambda, EnergyTerms terms, SolverReport report)
    {
        FreeEnergy = freeEnergy;
        InternalEnergy = internalEnergy;
        Forces = forces;
        Stress = stress;
        Charges = charges;
        Weights = weights;
        Lambda = lambda;
        Terms = terms;
        Report = report;
    }

    /// <summary>A = E + θ Σ w ln(w/g) (eV): the energy the forces and stress derive from.</summary>
    public double FreeEnergy { get; }

    /// <summary>E (eV), without the electronic entropy term.</summary>
    public double InternalEnergy { get; }

    /// <summary>−∂A/∂R per atom (eV/Å).</summary>
    public Vec3[] Forces { get; }

    /// <summary>(1/V) ∂A/∂ε in Voigt order xx yy zz yz xz xy (eV/Å³), as ASE; null for a cluster.</summary>
    public double[]? Stress { get; }

    /// <summary>q_i = Σ_α w_iα q_α (e).</summary>
    public double[] Charges { get; }

    /// <summary>Latent weights of each atom over its element's states (in the potential's state order).</summary>
    public double[][] Weights { get; }

    /// <summary>The chemical potential λ (eV/e) that equalises the charge.</summary>
    public double Lambda { get; }

    /// <summary>Per-atom parts of the free energy.</summary>
    public EnergyTerms Terms { get; }

    /// <summary>How the latent-weight solver went.</summary>
    public SolverReport Report { get; }
}
