using Latent.Runtime.Fitting.Measures;

namespace Latent.Runtime.Validation;

/// <summary>
/// The energy of a free surface of an fcc crystal: a slab of <see cref="Layers"/> layers at the crystal's lattice
/// constant, periodic in its plane, with <see cref="Vacuum"/> of empty space between it and its next image, relaxed
/// with FIRE (cell fixed); γ = (A_slab − A_bulk)/(2·area), the bulk being the same atoms with no vacuum.
/// </summary>
/// <param name="Face">The surface.</param>
/// <param name="Atoms">Atoms in the slab.</param>
/// <param name="Unrelaxed">γ of the slab as cut (J/m²).</param>
/// <param name="Relaxed">γ after relaxation (J/m²).</param>
/// <param name="Steps">FIRE steps the relaxation took.</param>
public sealed record SurfaceEnergy(FccFace Face, int Atoms, double Unrelaxed, double Relaxed, int Steps)
{
    /// <summary>Layers of the slab (six (100) or four (111) stacking periods): deep enough that its two surfaces do not
    /// see each other through the middle.</summary>
    public const int Layers = 12;

    /// <summary>Empty space (Å) between a slab and its periodic image: wider than any cutoff a potential uses, the
    /// engine's long-range Coulomb sum's included.</summary>
    public const double Vacuum = 20;

    /// <summary>eV/Å² in J/m².</summary>
    public const double JoulePerSquareMetrePerEvPerSquareAngstrom = 16.02176634;

    /// <summary>The surface energy of <paramref name="face"/> of the fcc crystal of <paramref name="symbol"/> at <paramref name="a0"/>.</summary>
    /// <exception cref="MeasurementException">The slab's relaxation failed.</exception>
    public static SurfaceEnergy Measure(MeasureContext context, string symbol, double a0, FccFace face)
    {
        var mass = context.Mass(symbol);
        var layers = Layers;
        var bulk = context.Evaluate(FccLayers.Build(symbol, mass, a0, face, layers)).FreeEnergy;
        var slab = FccLayers.Build(symbol, mass, a0, face, layers, Vacuum);
        var cut = context.Evaluate(slab).FreeEnergy;
        var (relaxed, steps) = FixedCellRelaxation.Relax(context, slab, $"the {FccLayers.Name(face)} slab of {symbol}");
        var twoFaces = 2 * FccLayers.Area(face, a0);
        const double J = JoulePerSquareMetrePerEvPerSquareAngstrom;
        return new SurfaceEnergy(face, slab.Count, (cut - bulk) / twoFaces * J, (relaxed - bulk) / twoFaces * J, steps);
    }
}
