using System.Text.Json.Nodes;
using Latent.Cli.Bench.Kernels;
using Latent.Cli.Bench.Lammps;
using Latent.Cli.Bench.Steps;
using Latent.Cli.Output;
using Latent.Runtime.Engine;

namespace Latent.Cli.Bench;

/// <summary>Every figure of one benchmark run, for the page and for <c>--json</c>.</summary>
/// <param name="Settings">How it was measured.</param>
/// <param name="Machine">Where.</param>
/// <param name="Started">When it started (UTC).</param>
/// <param name="Finished">When it finished (UTC).</param>
/// <param name="LoadBefore">The load average before the run (/proc/loadavg), or "unknown".</param>
/// <param name="LoadAfter">The same after.</param>
/// <param name="Kernels">The kernel table.</param>
/// <param name="Steps">Latent's MD steps.</param>
/// <param name="Lammps">LAMMPS's runs of the same crystals (empty when it was not run).</param>
/// <param name="LammpsVersion">LAMMPS's version line, when it ran.</param>
/// <param name="LammpsUnavailable">Why LAMMPS was not run, or null.</param>
/// <param name="PairStyleLatent">pair_style latent's runs of the NaCl crystals in LAMMPS (empty when it was not built).</param>
/// <param name="PairStyleLatentUnavailable">Why pair_style latent was not built or run, or null.</param>
/// <param name="PairStyleLatentBuild">How pair_style latent was built (compiler, flags, LAMMPS library), when it was.</param>
internal sealed record BenchResults(
    BenchSettings Settings, MachineInfo Machine, DateTimeOffset Started, DateTimeOffset Finished, string LoadBefore, string LoadAfter,
    IReadOnlyList<KernelBenchRow> Kernels, IReadOnlyList<StepTiming> Steps, IReadOnlyList<LammpsTiming> Lammps,
    string? LammpsVersion, string? LammpsUnavailable,
    IReadOnlyList<LammpsTiming> PairStyleLatent, string? PairStyleLatentUnavailable, string? PairStyleLatentBuild)
{
    /// <summary>pair_style latent's run of the same crystal on as many MPI ranks as a Latent step's threads, if there was one.</summary>
    public LammpsTiming? PairStyleLatentFor(StepTiming step) =>
        PairStyleLatent.FirstOrDefault(l => l.Atoms == step.Atoms && l.Threads == step.Threads && l.Case.StartsWith(step.Family, StringComparison.Ordinal));

    /// <summary>LAMMPS's run of the same crystal on as many threads as a Latent step, if there was one.</summary>
    public LammpsTiming? LammpsFor(StepTiming step) =>
        Lammps.FirstOrDefault(l => l.Atoms == step.Atoms && l.Threads == step.Threads && l.Case.StartsWith(step.Family, StringComparison.Ordinal));

    /// <summary>The figures as JSON.</summary>
    public JsonNode ToJson() => new JsonObject
    {
        ["quick"] = Settings.Quick,
        ["machine"] = Machine.ToJson(),
        ["started"] = Started.ToString("u"),
        ["finished"] = Finished.ToString("u"),
        ["load_before"] = LoadBefore,
        ["load_after"] = LoadAfter,
        ["lammps"] = LammpsVersion,
        ["lammps_unavailable"] = LammpsUnavailable,
        ["pair_style_latent_unavailable"] = PairStyleLatentUnavailable,
        ["pair_style_latent_build"] = PairStyleLatentBuild,
        ["pair_style_latent_notes"] = new JsonArray(PairStyleLatent.Select(l => l.Note).Distinct().Select(n => (JsonNode)n).ToArray()),
        ["kernels"] = new JsonArray(Kernels.Select(k => (JsonNode)new JsonObject
        {
            ["pair"] = k.Pair,
            ["implementation"] = k.Implementation,
            ["ns_per_distance"] = JsonOutput.Number(k.NanosecondsPerPair),
            ["distances_per_second"] = JsonOutput.Number(k.PairsPerSecond),
        }).ToArray()),
        ["steps"] = new JsonArray(Steps.Select(s => (JsonNode)new JsonObject
        {
            ["case"] = s.Case,
            ["family"] = s.Family,
            ["atoms"] = s.Atoms,
            ["threads"] = s.Threads,
            ["steps"] = s.Steps,
            ["us_per_atom_step"] = JsonOutput.Number(s.MicrosecondsPerAtomStep),
            ["bytes_per_atom"] = JsonOutput.Number(s.BytesPerAtom),
            ["parts_us_per_atom_step"] = new JsonObject(Enum.GetValues<StepTimings.Part>().Select(p =>
                KeyValuePair.Create(p.ToString(), (JsonNode?)JsonOutput.Number(s.PartMicroseconds[(int)p])))),
            ["mean_iterations"] = JsonOutput.Number(s.MeanIterations),
            ["max_iterations"] = s.MaxIterations,
            ["plan"] = s.Plan,
            ["lammps_us_per_atom_step"] = LammpsFor(s) is { } l ? JsonOutput.Number(l.MicrosecondsPerAtomStep) : null,
            ["lammps_bytes_per_atom"] = LammpsFor(s) is { } m ? JsonOutput.Number(m.BytesPerAtom) : null,
            ["pair_style_latent_us_per_atom_step"] = PairStyleLatentFor(s) is { } p ? JsonOutput.Number(p.MicrosecondsPerAtomStep) : null,
            ["pair_style_latent_bytes_per_atom"] = PairStyleLatentFor(s) is { } b ? JsonOutput.Number(b.BytesPerAtom) : null,
            ["pair_style_latent_steps"] = PairStyleLatentFor(s)?.Steps,
        }).ToArray()),
        ["goals"] = new JsonArray(BenchGoals.Evaluate(this).Select(g => (JsonNode)new JsonObject
        {
            ["goal"] = g.Goal,
            ["measured"] = g.Measured,
            ["verdict"] = g.Verdict,
        }).ToArray()),
    };
}
