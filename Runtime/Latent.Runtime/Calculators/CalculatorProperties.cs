namespace Latent.Runtime.Calculators;

/// <summary>
/// Names of the properties a calculator can give, as ASE spells them (<see cref="ICalculator.ImplementedProperties"/>
/// lists a calculator's). Energies are in eV, forces in eV/Å, stress in eV/Å³, charges in e.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Energy"/> is the free energy A that the forces and the stress derive from. For the ensemble
/// engine A = E + θ Σ w ln(w/g) includes the entropy of the latent weights: it is the energy of the model,
/// and NVE dynamics conserves A plus the kinetic energy. ASE's <c>energy</c> of a smeared DFT calculation is
/// instead an estimate of the zero-temperature energy, and its force-consistent energy is called
/// <c>free_energy</c>; the model has no such extrapolation, so <see cref="FreeEnergy"/> names the same A, and
/// code written against either ASE name gets the energy the forces belong to. E alone is
/// <see cref="InternalEnergy"/>; for a calculator without electronic entropy all three are equal.
/// </para>
/// <para>
/// Files keep their own conventions: a dynamics trajectory frame stores E as <c>energy</c> and A as
/// <c>free_energy</c>, which is how ASE's extended XYZ reader hands them to a single-point calculator.
/// </para>
/// </remarks>
public static class CalculatorProperties
{
    /// <summary>The free energy A (eV) that forces and stress derive from: <see cref="ICalculator.GetPotentialEnergy"/>.</summary>
    public const string Energy = "energy";

    /// <summary>The same A (eV), under ASE's name for the force-consistent energy.</summary>
    public const string FreeEnergy = "free_energy";

    /// <summary>The internal energy E (eV): A without the entropy of the latent weights.</summary>
    public const string InternalEnergy = "internal_energy";

    /// <summary>Forces −∂A/∂R (eV/Å).</summary>
    public const string Forces = "forces";

    /// <summary>Stress (1/V) ∂A/∂ε (eV/Å³, Voigt xx yy zz yz xz xy), for structures periodic in all three directions.</summary>
    public const string Stress = "stress";

    /// <summary>Atomic charges (e).</summary>
    public const string Charges = "charges";

    /// <summary>Latent weights of each atom over its element's states.</summary>
    public const string LatentWeights = "latent_weights";

    /// <summary>Every name above, in this order.</summary>
    public static IReadOnlyList<string> All { get; } = [Energy, FreeEnergy, InternalEnergy, Forces, Stress, Charges, LatentWeights];
}
