using Latent.Runtime.Fitting.Measures;
using Latent.Runtime.Fitting.Targets;

namespace Latent.Runtime.Validation;

/// <summary>
/// The energy–volume curve of a cubic crystal: the free energy per atom against the separated neutral atoms,
/// E(V)/N − Σ A_atom/N, at volumes V/V₀ about the potential's own zero-stress volume V₀ = a₀³, the cell scaled
/// uniformly (no internal relaxation: every atom of these crystals sits on an inversion centre).
/// </summary>
/// <param name="Name">The crystal.</param>
/// <param name="LatticeConstant">The potential's a₀ (Å).</param>
/// <param name="Ratios">V/V₀ at each point.</param>
/// <param name="Energies">Energy per atom against the neutral atoms (eV); −E_c at V₀.</param>
public sealed record EnergyVolumeCurve(string Name, double LatticeConstant, double[] Ratios, double[] Energies)
{
    /// <summary>The smallest V/V₀.</summary>
    public const double From = 0.80;

    /// <summary>The largest V/V₀.</summary>
    public const double To = 1.40;

    /// <summary>Points per unit of V/V₀ (a step of 0.01: a smooth curve at 61 cells of a few atoms).</summary>
    public const int PointsPerUnit = 100;

    /// <summary>The curve of <paramref name="crystal"/> about <paramref name="a0"/>.</summary>
    public static EnergyVolumeCurve Compute(MeasureContext context, FitStructure crystal, double a0)
    {
        var first = (int)Math.Round(From * PointsPerUnit);
        var last = (int)Math.Round(To * PointsPerUnit);
        var ratios = Enumerable.Range(first, last - first + 1).Select(k => (double)k / PointsPerUnit).ToArray();
        var energies = ratios.Select(r =>
        {
            var cell = CrystalMeasure.Build(context, crystal, a0 * Math.Cbrt(r));
            var alone = cell.Symbols.Sum(s => context.Alone(s).FreeEnergy);
            return (context.Evaluate(cell).FreeEnergy - alone) / cell.Count;
        }).ToArray();
        return new EnergyVolumeCurve(crystal.Name, a0, ratios, energies);
    }
}
