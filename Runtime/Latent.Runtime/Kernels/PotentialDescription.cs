namespace Latent.Runtime.Kernels;

/// <summary>A basis state of an element: integer net charge, degeneracy, and energy relative to the neutral ground state (eV).</summary>
public sealed record StateDescription(string Name, int Charge, int Degeneracy, double Energy, IReadOnlyList<double>? EnergyGradient = null)
{
    /// <summary>∂E_α/∂p (eV per unit of p) for each fitted parameter, in <see cref="PotentialKernels.FittedParameters"/> order; empty when nothing is fitted.</summary>
    public IReadOnlyList<double> EnergyGradient { get; init; } = EnergyGradient ?? [];
}

/// <summary>An element of a potential: mass (amu), valence charge Z seen by the valence electrons, and its basis states.</summary>
public sealed record ElementDescription(string Symbol, double Mass, double Valence, IReadOnlyList<StateDescription> States);
