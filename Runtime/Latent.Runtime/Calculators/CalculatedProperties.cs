using Latent.Runtime.Structures;

namespace Latent.Runtime.Calculators;

/// <summary>
/// What one calculation gave, in eV, eV/Å, eV/Å³ and e: the results of an ASE calculator as typed
/// properties. The arrays are the caller's (a later calculation does not change them). A property the
/// calculator does not give, or cannot give for this structure, is null.
/// </summary>
/// <remarks>
/// A calculator that gives more derives from this; the ensemble engine's
/// <see cref="Engine.CalculationResult"/> adds the chemical potential, the energy terms and the solver's report.
/// </remarks>
public class CalculatedProperties
{
    /// <summary>
    /// Properties of a structure of <c>forces.Length</c> atoms. <paramref name="internalEnergy"/> defaults
    /// to <paramref name="freeEnergy"/> (a calculator without electronic entropy).
    /// </summary>
    /// <exception cref="ArgumentException">A stress that is not six numbers, or charges or weights for another number of atoms.</exception>
    public CalculatedProperties(double freeEnergy, Vec3[] forces, double[]? stress = null, double[]? charges = null, double[][]? weights = null, double? internalEnergy = null)
    {
        ArgumentNullException.ThrowIfNull(forces);
        if (stress is not null && stress.Length != 6)
            throw new ArgumentException($"a stress is six Voigt numbers (got {stress.Length})", nameof(stress));
        if (charges is not null && charges.Length != forces.Length)
            throw new ArgumentException($"{charges.Length} charges for {forces.Length} atoms", nameof(charges));
        if (weights is not null && weights.Length != forces.Length)
            throw new ArgumentException($"weights of {weights.Length} atoms for {forces.Length} atoms", nameof(weights));
        FreeEnergy = freeEnergy;
        InternalEnergy = internalEnergy ?? freeEnergy;
        Forces = forces;
        Stress = stress;
        Charges = charges;
        Weights = weights;
    }

    /// <summary>A (eV): the energy the forces and stress derive from (<see cref="CalculatorProperties.Energy"/>).</summary>
    public double FreeEnergy { get; }

    /// <summary>E (eV), without the entropy of the latent weights; equal to <see cref="FreeEnergy"/> when there is none.</summary>
    public double InternalEnergy { get; }

    /// <summary>−∂A/∂R per atom (eV/Å).</summary>
    public Vec3[] Forces { get; }

    /// <summary>(1/V) ∂A/∂ε in Voigt order xx yy zz yz xz xy (eV/Å³), as ASE; null for a cluster or a calculator without stress.</summary>
    public double[]? Stress { get; }

    /// <summary>Charges (e); null when the calculator gives none.</summary>
    public virtual double[]? Charges { get; }

    /// <summary>Latent weights of each atom over its element's states; null when the calculator has none.</summary>
    public virtual double[][]? Weights { get; }
}
