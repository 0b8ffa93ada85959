using Latent.Runtime.Fitting.Measures;
using Latent.Runtime.Fitting.Targets;
using Latent.Runtime.Validation;

namespace Latent.Cli.Validate;

/// <summary>
/// What one potential gives for one system: every property its rows ask for, measured by the fit's own measurements
/// (<see cref="DimerMeasure"/>, <see cref="CrystalMeasure"/>: a page and a fit compute a property the same way) and,
/// for an fcc crystal, the relaxed defects and surfaces at the crystal's own a₀; a property that cannot be measured
/// (a dimer that does not bind) carries the reason instead of a number. Crystals also get their energy–volume curve.
/// </summary>
internal sealed class SystemMeasurement
{
    /// <summary>The properties measured in a relaxed fcc crystal, beyond the fit's.</summary>
    public static readonly string[] DefectProperties = ["relaxed_vacancy_formation_energy", "surface_energy_100", "surface_energy_111", "stacking_fault_energy"];

    private readonly Dictionary<string, double> values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> failures = new(StringComparer.Ordinal);

    private SystemMeasurement(ValidatedSystem system) => System = system;

    /// <summary>The system.</summary>
    public ValidatedSystem System { get; }

    /// <summary>Each property measured, in its <see cref="PropertyFormat"/> unit.</summary>
    public IReadOnlyDictionary<string, double> Values => values;

    /// <summary>Why a property was not measured (the dimer does not bind, a relaxation failed).</summary>
    public IReadOnlyDictionary<string, string> Failures => failures;

    /// <summary>True for a dimer whose curve has no minimum: every property is a failure, and the page says it does not bind.</summary>
    public bool Unbound { get; private set; }

    /// <summary>A crystal's energy–volume curve.</summary>
    public EnergyVolumeCurve? EnergyVolume { get; private set; }

    /// <summary>An fcc crystal's relaxed vacancy.</summary>
    public RelaxedVacancy? Vacancy { get; private set; }

    /// <summary>An fcc crystal's surfaces, (100) then (111).</summary>
    public IReadOnlyList<SurfaceEnergy> Surfaces { get; private set; } = [];

    /// <summary>An fcc crystal's intrinsic stacking fault.</summary>
    public StackingFault? Fault { get; private set; }

    /// <summary>Measures <paramref name="properties"/> of <paramref name="system"/>; a crystal's search for zero stress starts at
    /// the measured lattice constant.</summary>
    public static SystemMeasurement Measure(MeasureContext context, ValidatedSystem system, IReadOnlySet<string> properties, ExperimentalData experiment)
    {
        var measured = new SystemMeasurement(system);
        if (system.Kind == StructureKind.Dimer)
            measured.Dimer(context, properties);
        else
            measured.Crystal(context, properties, experiment);
        return measured;
    }

    private void Dimer(MeasureContext context, IReadOnlySet<string> properties)
    {
        try
        {
            Keep(DimerMeasure.Measure(context, System.Structure()));
        }
        catch (MeasurementException e)
        {
            Unbound = true;
            foreach (var p in properties)
                failures[p] = e.Message;
        }
    }

    private void Crystal(MeasureContext context, IReadOnlySet<string> properties, ExperimentalData experiment)
    {
        var start = experiment.Find(System.Key, "lattice_constant")
            ?? throw new InvalidOperationException($"experiment.toml has no lattice_constant of {System.Key} to start the search for zero stress from");
        var structure = System.Structure(start.Value);
        IReadOnlySet<TargetProperty> wanted = properties.Contains(TargetProperty.VacancyFormationEnergy.Name)
            ? new HashSet<TargetProperty> { TargetProperty.VacancyFormationEnergy }
            : new HashSet<TargetProperty>();
        try
        {
            Keep(CrystalMeasure.Measure(context, structure, wanted));
        }
        catch (MeasurementException e)
        {
            foreach (var p in properties)
                failures[p] = e.Message;
            return;
        }

        var a0 = values[TargetProperty.LatticeConstant.Name];
        EnergyVolume = EnergyVolumeCurve.Compute(context, structure, a0);
        if (System.Kind != StructureKind.Fcc)
            return;
        var element = System.Elements[0];
        if (properties.Contains("relaxed_vacancy_formation_energy"))
            Try("relaxed_vacancy_formation_energy", () => (Vacancy = RelaxedVacancy.Measure(context, structure, a0)).Relaxed);
        var surfaces = new List<SurfaceEnergy>();
        foreach (var face in new[] { FccFace.Face100, FccFace.Face111 })
        {
            var property = face == FccFace.Face100 ? "surface_energy_100" : "surface_energy_111";
            if (properties.Contains(property))
                Try(property, () =>
                {
                    var surface = SurfaceEnergy.Measure(context, element, a0, face);
                    surfaces.Add(surface);
                    return surface.Relaxed;
                });
        }

        Surfaces = surfaces;
        if (properties.Contains("stacking_fault_energy"))
            Try("stacking_fault_energy", () => (Fault = StackingFault.Measure(context, element, a0)).Relaxed);
    }

    private void Keep(IReadOnlyDictionary<TargetProperty, Measurement> measured)
    {
        foreach (var (property, measurement) in measured)
            values[property.Name] = measurement.Values[0];
    }

    private void Try(string property, Func<double> measure)
    {
        try
        {
            values[property] = measure();
        }
        catch (MeasurementException e)
        {
            failures[property] = e.Message;
        }
    }
}
