using Latent.Runtime.Dynamics;
using Latent.Runtime.Fitting.Measures;
using Latent.Runtime.Structures;

namespace Latent.Runtime.Validation;

/// <summary>
/// The relaxations behind the defect energies: FIRE on the atoms in a fixed cell, to a force criterion tight
/// enough that the energy is converged far below the digits the validation page prints.
/// </summary>
public static class FixedCellRelaxation
{
    /// <summary>Largest force left on any atom (eV/Å).</summary>
    public const double Fmax = 1e-4;

    /// <summary>Most FIRE steps.</summary>
    public const int MaxSteps = 20_000;

    /// <summary>Relaxes <paramref name="structure"/> in place with <paramref name="context"/>'s potential and settings and
    /// returns its free energy A (eV) and the steps taken.</summary>
    /// <exception cref="MeasurementException">The relaxation stopped (non-finite numbers) or did not reach <see cref="Fmax"/>.</exception>
    public static (double FreeEnergy, int Steps) Relax(MeasureContext context, Structure structure, string what)
    {
        var result = Fire.Relax(structure, context.Calculator(), new RelaxOptions { Fmax = Fmax, MaxSteps = MaxSteps });
        if (result.Stop is { } stop)
            throw new MeasurementException($"relaxing {what} stopped at step {stop.Step}: {stop.Message}");
        if (!result.Converged)
            throw new MeasurementException($"relaxing {what} did not bring the largest force below {Fmax} eV/Å in {MaxSteps} FIRE steps (it is {result.Fmax:G3} eV/Å)");
        return (result.Energy, result.Steps);
    }
}
