using Latent.Runtime.Calculators;
using Latent.Runtime.Kernels;
using Latent.Runtime.Structures;

namespace Latent.Runtime.Engine;

/// <summary>
/// A calculator of one of Latent's engines for a potential's kernels, whose results carry charges, λ and energy terms
/// (<see cref="EngineResult"/>): the ensemble engine (<see cref="EnsembleCalculator"/>) or the charge-equilibration
/// engine (<see cref="ChargeEquilibration.ChargeEquilibrationCalculator"/>). <see cref="EngineSelection.For"/> picks the one a potential needs.
/// </summary>
public interface IEngineCalculator : ICalculator
{
    /// <summary>The potential.</summary>
    PotentialKernels Potential { get; }

    /// <summary>Evaluates everything for the structure (or returns the result for an unchanged one).</summary>
    new EngineResult Calculate(Structure structure);
}
