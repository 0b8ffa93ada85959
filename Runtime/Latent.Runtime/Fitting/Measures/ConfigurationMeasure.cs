using Latent.Runtime.Fitting.Targets;

namespace Latent.Runtime.Fitting.Measures;

/// <summary>The targets of a configuration read from a file, where it stands: free energy A, forces, stress (GPa) and
/// charges, with their parameter gradients straight from the response.</summary>
public static class ConfigurationMeasure
{
    /// <summary>Every property of the configuration, canonical units (stress in GPa, forces x, y, z per atom).</summary>
    public static IReadOnlyDictionary<TargetProperty, Measurement> Measure(MeasureContext context, FitStructure structure)
    {
        var structureAtoms = structure.Configuration!.Structure;
        const double G = CrystalMeasure.GigapascalPerEvPerCubicAngstrom;
        if (context.WithGradients)
        {
            var r = context.Respond(structureAtoms);
            return Assemble(r.Result.FreeEnergy, r.Result.Forces, r.Result.Stress, r.Result.Charges,
                r.FreeEnergy, r.Forces, r.Stress?.Select(row => row.Select(v => v * G).ToArray()).ToArray(), r.Charges);
        }

        var result = context.Evaluate(structureAtoms);
        return Assemble(result.FreeEnergy, result.Forces, result.Stress, result.Charges, null, null, null, null);
    }

    private static Dictionary<TargetProperty, Measurement> Assemble(
        double energy, Structures.Vec3[] forces, double[]? stress, double[] charges,
        double[]? dEnergy, double[][]? dForces, double[][]? dStress, double[][]? dCharges)
    {
        const double G = CrystalMeasure.GigapascalPerEvPerCubicAngstrom;
        var p = dEnergy?.Length ?? 0;
        double[][]? Transpose(double[][]? byParameter, int count) =>
            byParameter is null ? null : Enumerable.Range(0, count).Select(k => Enumerable.Range(0, p).Select(j => byParameter[j][k]).ToArray()).ToArray();

        var flat = forces.SelectMany(f => new[] { f.X, f.Y, f.Z }).ToArray();
        var measured = new Dictionary<TargetProperty, Measurement>
        {
            [TargetProperty.Energy] = Measurement.Scalar(energy, dEnergy),
            [TargetProperty.Forces] = new(flat, Transpose(dForces, flat.Length)),
            [TargetProperty.Charges] = new((double[])charges.Clone(), Transpose(dCharges, charges.Length)),
        };
        if (stress is not null)
            measured[TargetProperty.Stress] = new(stress.Select(v => v * G).ToArray(), Transpose(dStress, 6));
        return measured;
    }
}
