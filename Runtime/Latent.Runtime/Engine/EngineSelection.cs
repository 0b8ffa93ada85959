using Latent.Runtime.Engine.ChargeEquilibration;
using Latent.Runtime.Kernels;

namespace Latent.Runtime.Engine;

/// <summary>Which engine runs a potential: latent weights over states, or continuous charges (docs/model.md §8).</summary>
public static class EngineSelection
{
    /// <summary>The calculator for <paramref name="potential"/>: the charge-equilibration engine for continuous charges, else the ensemble engine.</summary>
    /// <exception cref="ArgumentException">Options the engine cannot take (an electronic temperature for continuous charges).</exception>
    public static IEngineCalculator For(PotentialKernels potential, CalculatorOptions? options = null) =>
        potential.HasContinuousCharges
            ? new ChargeEquilibrationCalculator(potential, options)
            : new EnsembleCalculator(potential, options);
}
