namespace Latent.Runtime.Kernels;

/// <summary>A basis state of an element: integer net charge, degeneracy, and energy relative to the neutral ground state (eV).</summary>
public sealed record StateDescription(string Name, int Charge, int Degeneracy, double Energy, IReadOnlyList<double>? EnergyGradient = null)
{
    /// <summary>∂E_α/∂p (eV per unit of p) for each fitted parameter, in <see cref="PotentialKernels.FittedParameters"/> order; empty when nothing is fitted.</summary>
    public IReadOnlyList<double> EnergyGradient { get; init; } = EnergyGradient ?? [];

    /// <summary>Equal states have equal numbers, the gradient compared entry by entry (not as a reference).</summary>
    public bool Equals(StateDescription? other) =>
        other is not null && Name == other.Name && Charge == other.Charge && Degeneracy == other.Degeneracy
        && Energy.Equals(other.Energy) && EnergyGradient.SequenceEqual(other.EnergyGradient);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, Charge, Degeneracy, Energy, EnergyGradient.Count);
}

/// <summary>
/// An element's charge in a continuous-charge model (docs/model.md §8): its own energy χq + ½Jq², with χ in eV/e
/// and J (positive) in eV/e².
/// </summary>
public sealed record ChargeParameters(double Electronegativity, double Hardness);

/// <summary>
/// An element of a potential: mass (amu), valence charge Z seen by the valence electrons, and its basis states; in a
/// continuous-charge model no states (and Z = 0) but its <see cref="ChargeParameters"/>.
/// </summary>
public sealed record ElementDescription(string Symbol, double Mass, double Valence, IReadOnlyList<StateDescription> States, ChargeParameters? Charge = null);
