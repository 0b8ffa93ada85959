using Latent.Runtime.Fitting.Measures;
using Latent.Runtime.Fitting.Targets;

namespace Latent.Runtime.Validation;

/// <summary>
/// The relaxed vacancy formation energy of an elemental cubic crystal, in the supercell the unrelaxed one is measured
/// in (<see cref="CrystalMeasure.VacancyRepeat"/>, at the crystal's zero-stress lattice constant, the cell held fixed):
/// one atom taken out, the rest relaxed with FIRE, E_v = A(N − 1) − (N − 1)/N·A(N).
/// </summary>
/// <param name="Repeat">Conventional cells along each axis of the supercell.</param>
/// <param name="Atoms">Atoms in the perfect supercell (N).</param>
/// <param name="Unrelaxed">E_v before relaxing (eV): <see cref="CrystalMeasure"/>'s unrelaxed vacancy energy.</param>
/// <param name="Relaxed">E_v after relaxing (eV).</param>
/// <param name="Steps">FIRE steps the relaxation took.</param>
public sealed record RelaxedVacancy(int Repeat, int Atoms, double Unrelaxed, double Relaxed, int Steps)
{
    /// <summary>The vacancy of <paramref name="crystal"/> (fcc or bcc) at lattice constant <paramref name="a0"/>.</summary>
    /// <exception cref="MeasurementException">The relaxation failed.</exception>
    /// <exception cref="ArgumentException">The crystal is not elemental.</exception>
    public static RelaxedVacancy Measure(MeasureContext context, FitStructure crystal, double a0)
    {
        if (crystal.Kind is not (StructureKind.Fcc or StructureKind.Bcc))
            throw new ArgumentException($"{crystal.Name}: a vacancy formation energy is measured in an elemental crystal", nameof(crystal));
        var repeat = CrystalMeasure.VacancyRepeat(crystal.Kind);
        var perfect = CrystalMeasure.Build(context, crystal, a0, repeat);
        var n = perfect.Count;
        var full = context.Evaluate(perfect).FreeEnergy;
        var defect = new Structures.Structure(perfect.Symbols[1..], Enumerable.Range(1, n - 1).Select(perfect.Position).ToArray(), perfect.Masses[1..], perfect.Cell);
        var unrelaxed = context.Evaluate(defect).FreeEnergy;
        var (relaxed, steps) = FixedCellRelaxation.Relax(context, defect, $"the vacancy in {n} atoms of {crystal.Name}");
        var reference = (double)(n - 1) / n * full;
        return new RelaxedVacancy(repeat, n, unrelaxed - reference, relaxed - reference, steps);
    }
}
