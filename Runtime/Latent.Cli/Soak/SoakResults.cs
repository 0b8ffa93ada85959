using System.Text.Json.Nodes;
using Latent.Cli.Bench;
using Latent.Cli.Output;
using Latent.Runtime.Dynamics.Watchdog;

namespace Latent.Cli.Soak;

/// <summary>Every figure of one soak, for the report, the reliability page and <c>--json</c>.</summary>
/// <param name="Settings">What was run.</param>
/// <param name="Machine">Where.</param>
/// <param name="Started">When it started (UTC).</param>
/// <param name="Finished">When it finished (UTC).</param>
/// <param name="Atoms">Atoms in the crystal.</param>
/// <param name="Composition">Each element and its number of atoms.</param>
/// <param name="Contacts">The watchdog's contact limits; null if no pair has one.</param>
/// <param name="Equilibration">The Langevin phase.</param>
/// <param name="Nve">The NVE phase; null when the equilibration was stopped, so it never started.</param>
internal sealed record SoakResults(
    SoakSettings Settings, MachineInfo Machine, DateTimeOffset Started, DateTimeOffset Finished, int Atoms,
    IReadOnlyList<(string Element, int Count)> Composition, ContactLimits? Contacts, SoakPhase Equilibration, SoakPhase? Nve)
{
    /// <summary>The phases that ran, in order.</summary>
    public IEnumerable<SoakPhase> Phases => Nve is null ? [Equilibration] : [Equilibration, Nve];

    /// <summary>The first watchdog stop, or null when every step of both phases passed.</summary>
    public (SoakPhase Phase, DynamicsStop Stop)? Stopped =>
        Phases.Where(p => p.Stop is not null).Select(p => ((SoakPhase, DynamicsStop)?)(p, p.Stop!)).FirstOrDefault();

    /// <summary>The watchdog's closest allowed distance for a pair (Å); 0 when the pair is unchecked.</summary>
    public double ContactLimit(string a, string b) => Contacts?.Limit(a, b) ?? 0;

    /// <summary>A drift figure as the report gives it: eV over the crystal to meV per atom.</summary>
    public double MilliElectronVoltsPerAtom(double electronVolts) => electronVolts * 1000 / Atoms;

    /// <summary>A slope in eV/fs over the crystal as meV per atom per ps.</summary>
    public double MilliElectronVoltsPerAtomPerPicosecond(double electronVoltsPerFemtosecond) => electronVoltsPerFemtosecond * 1e6 / Atoms;

    /// <summary>The figures as JSON.</summary>
    public JsonNode ToJson(string output) => new JsonObject
    {
        ["command"] = Settings.CommandLine,
        ["quick"] = Settings.Quick,
        ["started"] = Started.ToString("u"),
        ["finished"] = Finished.ToString("u"),
        ["machine"] = Machine.ToJson(),
        ["settings"] = new JsonObject
        {
            ["potential"] = SoakSettings.Potential,
            ["lattice_constant"] = JsonOutput.Number(SoakSettings.LatticeConstant),
            ["repeat"] = Settings.Repeat,
            ["temperature"] = JsonOutput.Number(SoakSettings.Temperature),
            ["friction"] = JsonOutput.Number(SoakSettings.Friction),
            ["dt"] = JsonOutput.Number(SoakSettings.TimeStep),
            ["equilibrate"] = Settings.EquilibrateSteps,
            ["steps"] = Settings.Steps,
            ["seed"] = Settings.Seed,
            ["threads"] = Settings.Threads,
            ["max_drift"] = double.IsFinite(Settings.MaxDrift) ? JsonOutput.Number(Settings.MaxDrift) : null,
            ["contact_fraction"] = Contacts is null ? null : JsonOutput.Number(Contacts.Fraction),
        },
        ["atoms"] = Atoms,
        ["composition"] = new JsonObject(Composition.Select(c => KeyValuePair.Create(c.Element, (JsonNode?)c.Count))),
        ["equilibration"] = Phase(Equilibration),
        ["nve"] = Nve is null ? null : Phase(Nve),
        ["out"] = output,
    };

    private JsonObject Phase(SoakPhase phase)
    {
        var t = phase.Tally;
        return new JsonObject
        {
            ["integrator"] = phase.Integrator,
            ["requested_steps"] = phase.Requested,
            ["steps"] = t.Steps,
            ["wall_seconds"] = JsonOutput.Number(phase.WallSeconds),
            ["us_per_atom_step"] = JsonOutput.Number(phase.MicrosecondsPerAtomStep(Atoms)),
            ["temperature"] = new JsonObject
            {
                ["mean"] = JsonOutput.Number(t.MeanTemperature),
                ["min"] = JsonOutput.Number(t.MinTemperature),
                ["max"] = JsonOutput.Number(t.MaxTemperature),
            },
            ["conserved"] = new JsonObject
            {
                ["slope_mev_per_atom_per_ps"] = JsonOutput.Number(MilliElectronVoltsPerAtomPerPicosecond(t.Conserved.Slope)),
                ["max_excursion_mev_per_atom"] = JsonOutput.Number(MilliElectronVoltsPerAtom(t.Conserved.LargestExcursion)),
                ["final_minus_initial_mev_per_atom"] = JsonOutput.Number(MilliElectronVoltsPerAtom(t.Conserved.Change)),
            },
            ["iterations"] = new JsonObject
            {
                ["mean"] = JsonOutput.Number(t.Iterations.Mean),
                ["max"] = t.Iterations.Max,
                ["histogram"] = new JsonObject(IterationHistogram.Labels.Select((label, k) => KeyValuePair.Create(label, (JsonNode?)t.Iterations.Counts[k]))),
            },
            ["full_searches"] = t.FullSearches,
            ["branch_switches"] = t.BranchSwitches,
            ["branch_switch_steps"] = new JsonArray(t.SwitchSteps.ToArray().Select(s => (JsonNode?)s).ToArray()),
            ["charges"] = new JsonObject((t.Charges?.Elements() ?? []).Select(c => KeyValuePair.Create(c.Element, (JsonNode?)new JsonObject
            {
                ["mean_abs"] = JsonOutput.Number(c.MeanAbsolute),
                ["min"] = JsonOutput.Number(c.Min),
                ["max"] = JsonOutput.Number(c.Max),
            }))),
            ["closest"] = new JsonArray((t.Closest?.Pairs() ?? []).Select(p => (JsonNode?)new JsonObject
            {
                ["pair"] = $"{p.A}-{p.B}",
                ["distance"] = p.Distance is { } d ? JsonOutput.Number(d) : null,
                ["step"] = p.Distance is null ? null : p.Step,
                ["contact_limit"] = JsonOutput.Number(ContactLimit(p.A, p.B)),
            }).ToArray()),
            ["watchdog"] = phase.Stop is not { } stop ? null : new JsonObject
            {
                ["reason"] = stop.Reason.ToString(),
                ["step"] = stop.Step,
                ["atoms"] = new JsonArray(stop.Atoms.Select(a => (JsonNode?)a).ToArray()),
                ["message"] = stop.Message,
            },
        };
    }
}
