using System.Text.Json.Nodes;
using Latent.Cli.Output;

namespace Latent.Cli.Validate;

/// <summary>The <c>--json</c> form of a validation: every row, curve and table value unrounded, and the files written.</summary>
internal static class ValidationJson
{
    /// <summary>The JSON of <paramref name="potentials"/>, written to <paramref name="page"/> and <paramref name="plots"/>.</summary>
    public static JsonObject Of(IReadOnlyList<PotentialResults> potentials, string page, IReadOnlyList<string> plots) => new()
    {
        ["page"] = page,
        ["plots"] = new JsonArray(plots.Select(p => (JsonNode)p).ToArray()),
        ["goals_missed"] = potentials.Sum(p => p.Missed.Count()),
        ["potentials"] = new JsonArray(potentials.Select(Potential).ToArray()),
    };

    private static JsonNode Potential(PotentialResults p) => new JsonObject
    {
        ["name"] = p.Name,
        ["file"] = p.File,
        ["fitted"] = p.Fitted.IsFitted ? new JsonObject { ["targets"] = p.Fitted.Path, ["date"] = p.Fitted.Date } : null,
        ["rows"] = new JsonArray(p.Rows.Select(Row).ToArray()),
        ["systems"] = new JsonArray(p.Systems.Select(System).ToArray()),
        ["dissociation"] = p.Dissociation is { } d ? Dissociation(d) : null,
        ["charged_atoms"] = new JsonArray(p.ChargedAtoms.Select(c => (JsonNode)new JsonObject
        {
            ["element"] = c.Symbol,
            ["temperature"] = c.Temperature,
            ["ionisation_energy"] = c.Line.IonisationEnergy,
            ["electron_affinity"] = c.Line.ElectronAffinity,
            ["charges"] = Numbers(c.Charges),
            ["energies"] = Numbers(c.Energies),
            ["largest_deviation"] = JsonOutput.Number(c.Largest.Deviation),
            ["largest_deviation_at"] = c.Largest.Charge,
        }).ToArray()),
    };

    private static JsonNode Row(PropertyResult r) => new JsonObject
    {
        ["system"] = r.Definition.System.Key,
        ["property"] = r.Definition.Property,
        ["label"] = r.Definition.Label,
        ["unit"] = r.Definition.Format.Unit,
        ["experiment"] = r.Experiment is { } e
            ? new JsonObject { ["value"] = e.Value, ["source"] = e.Source.Short, ["citation"] = e.Source.Full, ["note"] = e.Note }
            : null,
        ["value"] = r.Value is { } v ? JsonOutput.Number(v) : null,
        ["failure"] = r.Failure,
        ["relative_error"] = r.RelativeError is { } x ? JsonOutput.Number(x) : null,
        ["goal"] = r.Definition.Goal,
        ["status"] = r.Status switch { GoalStatus.Met => "met", GoalStatus.Missed => "missed", _ => null },
        ["origin"] = r.Origin,
    };

    private static JsonNode System(SystemMeasurement s)
    {
        var o = new JsonObject
        {
            ["system"] = s.System.Key,
            ["values"] = new JsonObject(s.Values.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonOutput.Number(kv.Value)))),
            ["failures"] = new JsonObject(s.Failures.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
        };
        if (s.EnergyVolume is { } ev)
            o["energy_volume"] = new JsonObject { ["lattice_constant"] = ev.LatticeConstant, ["volume_ratios"] = Numbers(ev.Ratios), ["energies_per_atom"] = Numbers(ev.Energies) };
        if (s.Vacancy is { } v)
            o["vacancy"] = new JsonObject { ["repeat"] = v.Repeat, ["sites"] = v.Atoms, ["unrelaxed"] = v.Unrelaxed, ["relaxed"] = v.Relaxed, ["fire_steps"] = v.Steps };
        if (s.Surfaces.Count > 0)
            o["surfaces"] = new JsonArray(s.Surfaces.Select(f => (JsonNode)new JsonObject
            {
                ["face"] = Runtime.Validation.FccLayers.Name(f.Face), ["atoms"] = f.Atoms, ["unrelaxed"] = f.Unrelaxed, ["relaxed"] = f.Relaxed, ["fire_steps"] = f.Steps,
            }).ToArray());
        if (s.Fault is { } sf)
            o["stacking_fault"] = new JsonObject { ["atoms"] = sf.Atoms, ["unrelaxed"] = sf.Unrelaxed, ["relaxed"] = sf.Relaxed, ["fire_steps"] = sf.Steps };
        return o;
    }

    private static JsonNode Dissociation(DissociationCurve d) => new JsonObject
    {
        ["pair"] = $"{d.A}-{d.B}",
        ["separated_atoms"] = d.SeparatedAtoms,
        ["equilibrium"] = d.Properties is { } p ? p.Equilibrium : null,
        ["charge_at_equilibrium"] = d.Properties?.ChargeA,
        ["switch_off"] = d.Properties?.SwitchOff,
        ["crossing"] = d.Crossing?.Distance,
        ["charges_at"] = new JsonObject(DissociationCurve.ChargeDistances.Select(r =>
            KeyValuePair.Create(Output.Numbers.Format(r), (JsonNode?)JsonOutput.Number(d.ChargeAt(r))))),
        ["distances"] = Numbers(d.Points.Select(x => x.R)),
        ["energies"] = Numbers(d.Points.Select(x => x.FreeEnergy - d.SeparatedAtoms)),
        ["charges"] = Numbers(d.Points.Select(x => x.Charges[0])),
    };

    private static JsonArray Numbers(IEnumerable<double> values) => new(values.Select(v => (JsonNode?)JsonOutput.Number(v)).ToArray());
}
