using Latent.Runtime.Structures;

namespace Latent.Runtime.Calculators;

/// <summary>
/// A calculator in the style of ASE's: energy, forces and whatever else it implements for a structure.
/// Relaxation and dynamics (<see cref="Dynamics.Fire"/>, <see cref="Dynamics.MolecularDynamics"/>) depend
/// only on this, so another engine plugs in by implementing it; <see cref="Engine.EnsembleCalculator"/> is
/// the ensemble charge-transfer engine.
/// </summary>
/// <remarks>
/// <para>
/// <b>Cache rule</b> (ASE's <c>check_state</c>): a calculator keeps the results of the last configuration it
/// evaluated and gives them again, without computing, while the structure's positions, cell (lattice
/// vectors and periodic flags) and symbols are unchanged; they are compared by value, whichever
/// <see cref="Structure"/> object carries them. Any change computes afresh, and <see cref="Reset"/> forgets
/// the results. Masses do not enter. <see cref="StructureSnapshot"/> implements the comparison.
/// </para>
/// <para>
/// A calculator is used by one thread at a time: it owns the buffers <see cref="Evaluate"/> returns.
/// </para>
/// </remarks>
public interface ICalculator
{
    /// <summary>Names (<see cref="CalculatorProperties"/>) of the properties this calculator can give.</summary>
    IReadOnlyList<string> ImplementedProperties { get; }

    /// <summary>The properties of the structure, as a result the caller keeps (computed, or the cached one for an unchanged structure).</summary>
    CalculatedProperties Calculate(Structure structure);

    /// <summary>
    /// Evaluates the structure into the calculator's own buffers (or leaves them as they are for an unchanged
    /// structure) and returns a view of them. This is the path of the relaxation and dynamics loops: once the
    /// sizes are known it should allocate nothing. <see cref="Calculate"/> is this plus a copy the caller owns.
    /// </summary>
    IEvaluation Evaluate(Structure structure);

    /// <summary>Forgets the cached results (and anything kept to warm-start the next calculation), so the next call computes afresh.</summary>
    void Reset();

    /// <summary>The free energy A (eV) that the forces derive from (<see cref="CalculatorProperties.Energy"/>).</summary>
    double GetPotentialEnergy(Structure structure) => Calculate(structure).FreeEnergy;

    /// <summary>Forces (eV/Å).</summary>
    Vec3[] GetForces(Structure structure) => Calculate(structure).Forces;

    /// <summary>Stress (eV/Å³, Voigt xx yy zz yz xz xy).</summary>
    /// <exception cref="PropertyNotAvailableException">No stress for this structure (a cluster) or from this calculator.</exception>
    double[] GetStress(Structure structure) =>
        Calculate(structure).Stress ?? throw new PropertyNotAvailableException(CalculatorProperties.Stress, Missing(CalculatorProperties.Stress, "the structure is not periodic in all three directions"));

    /// <summary>Charges (e).</summary>
    /// <exception cref="PropertyNotAvailableException">The calculator gives no charges.</exception>
    double[] GetCharges(Structure structure) =>
        Calculate(structure).Charges ?? throw new PropertyNotAvailableException(CalculatorProperties.Charges, Missing(CalculatorProperties.Charges, "this calculation did not give them"));

    /// <summary>Latent weights of each atom over its element's states.</summary>
    /// <exception cref="PropertyNotAvailableException">The calculator has no latent weights.</exception>
    double[][] GetLatentWeights(Structure structure) =>
        Calculate(structure).Weights ?? throw new PropertyNotAvailableException(CalculatorProperties.LatentWeights, Missing(CalculatorProperties.LatentWeights, "this calculation did not give them"));

    /// <summary>
    /// A property by its name (ASE's <c>get_property</c>): a <see cref="double"/> for the energies, <see cref="Vec3"/>[]
    /// for forces, <see cref="double"/>[] for stress and charges, <see cref="double"/>[][] for latent weights.
    /// </summary>
    /// <exception cref="ArgumentException">A name that is none of <see cref="CalculatorProperties"/>'.</exception>
    /// <exception cref="PropertyNotAvailableException">The calculator does not give it, or not for this structure.</exception>
    object GetProperty(string name, Structure structure) =>
        name switch
        {
            CalculatorProperties.Energy or CalculatorProperties.FreeEnergy => GetPotentialEnergy(structure),
            CalculatorProperties.InternalEnergy => Calculate(structure).InternalEnergy,
            CalculatorProperties.Forces => GetForces(structure),
            CalculatorProperties.Stress => GetStress(structure),
            CalculatorProperties.Charges => GetCharges(structure),
            CalculatorProperties.LatentWeights => GetLatentWeights(structure),
            _ => throw new ArgumentException(
                $"no property '{name}': a calculator gives {string.Join(", ", CalculatorProperties.All)}", nameof(name)),
        };

    private string Missing(string property, string whenImplemented) =>
        ImplementedProperties.Contains(property) ? whenImplemented : $"{GetType().Name} does not implement it";
}
