using Latent.Runtime.Fitting.Measures;

namespace Latent.Runtime.Validation;

/// <summary>
/// The intrinsic stacking-fault energy of an fcc crystal: a periodic stack of <see cref="Layers"/> (111) layers at the
/// crystal's lattice constant whose cell's third vector is tilted by the Shockley partial a/6⟨112⟩, so the stacking
/// runs …ABC|BCA… across the cell boundary (one fault per cell, no surface), relaxed with FIRE (cell fixed);
/// γ_isf = (A_faulted − A_perfect)/area.
/// </summary>
/// <param name="Atoms">Atoms in the cell.</param>
/// <param name="Unrelaxed">γ_isf of the rigidly shifted stack (mJ/m²).</param>
/// <param name="Relaxed">γ_isf after relaxation (mJ/m²).</param>
/// <param name="Steps">FIRE steps the relaxation took.</param>
public sealed record StackingFault(int Atoms, double Unrelaxed, double Relaxed, int Steps)
{
    /// <summary>(111) layers per cell: four ABC periods, so a fault is 12 layers from its next image.</summary>
    public const int Layers = 12;

    /// <summary>The intrinsic stacking-fault energy of the fcc crystal of <paramref name="symbol"/> at <paramref name="a0"/>.</summary>
    /// <exception cref="MeasurementException">The relaxation failed.</exception>
    public static StackingFault Measure(MeasureContext context, string symbol, double a0)
    {
        var mass = context.Mass(symbol);
        var perfect = context.Evaluate(FccLayers.Build(symbol, mass, a0, FccFace.Face111, Layers)).FreeEnergy;
        var faulted = FccLayers.Build(symbol, mass, a0, FccFace.Face111, Layers, stackingFault: true);
        var shifted = context.Evaluate(faulted).FreeEnergy;
        var (relaxed, steps) = FixedCellRelaxation.Relax(context, faulted, $"the stacking fault of {symbol}");
        var area = FccLayers.Area(FccFace.Face111, a0);
        // eV/Å² → mJ/m².
        const double mJ = SurfaceEnergy.JoulePerSquareMetrePerEvPerSquareAngstrom * 1000;
        return new StackingFault(faulted.Count, (shifted - perfect) / area * mJ, (relaxed - perfect) / area * mJ, steps);
    }
}
