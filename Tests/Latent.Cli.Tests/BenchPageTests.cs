using Latent.Cli.Bench;
using Latent.Cli.Bench.Kernels;
using Latent.Cli.Bench.Lammps;
using Latent.Cli.Bench.Steps;
using Latent.Runtime.Potentials;

namespace Latent.Cli.Tests;

/// <summary>
/// <c>latent bench</c>'s page and goals from figures given here, so every verdict is checked against
/// numbers chosen to sit on either side of its threshold; and one real step measurement on a small crystal.
/// </summary>
public sealed class BenchPageTests
{
    private static readonly double[] NoParts = [0.01, 0.2, 0, 0, 0];

    private static StepTiming Step(string family, int atoms, int threads, double us, double bytes = 800) =>
        new($"{family} case", family, atoms, threads, 10, us, bytes, NoParts, family == StepCase.SaltFamily ? 2.5 : 0, family == StepCase.SaltFamily ? 4 : 0, "plan");

    private static LammpsTiming Lammps(string family, int atoms, int threads, double us) =>
        new($"{family} lammps", atoms, threads, 20, us, 900, "lmp -in x", "note");

    private static LammpsTiming PairStyle(int atoms, int ranks, double us) =>
        new("NaCl pair_style latent", atoms, ranks, 20, us, 90000, "lmp-latent -in x", "serial, one process; 20 timed steps");

    private static BenchResults Results(IReadOnlyList<StepTiming> steps, IReadOnlyList<LammpsTiming> lammps, IReadOnlyList<KernelBenchRow>? kernels = null, IReadOnlyList<LammpsTiming>? pairStyle = null) =>
        new(new BenchSettings(false, [1, 2], 3, 0.5), new MachineInfo("cpu", 2, ".NET", "os", true),
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddMinutes(10), "1.0 1.0 1.0", "1.0 1.0 1.0",
            kernels ?? [
                new KernelBenchRow("Cu–Cu (Cu)", BenchGoals.GeneratedScalar, 10, 1e8, ""),
                new KernelBenchRow("Cu–Cu (Cu)", BenchGoals.GeneratedSimd, 3, 3.3e8, ""),
                new KernelBenchRow("Cu–Cu (Cu)", BenchGoals.HandWritten, 12, 8.3e7, ""),
            ],
            steps, lammps, "LAMMPS (test)", null, pairStyle ?? [], pairStyle is null ? "cmake missing (not on PATH)" : null,
            pairStyle is null ? null : "built by the test with -ffp-contract=off");

    private static BenchGoal Goal(BenchResults r, string name) => BenchGoals.Evaluate(r).Single(g => g.Short == name);

    [Fact]
    public void Each_goal_is_met_or_missed_by_its_threshold()
    {
        var met = Results(
            [Step("Cu", 4000, 1, 0.20), Step("Cu", 32000, 1, 0.22), Step("Cu", 32000, 2, 0.12), Step("NaCl", 32768, 1, 30), Step("NaCl", 32768, 2, 17)],
            [Lammps("Cu", 4000, 1, 0.25), Lammps("Cu", 32000, 1, 0.25), Lammps("Cu", 32000, 2, 0.13), Lammps("NaCl", 32768, 1, 80), Lammps("NaCl", 32768, 2, 40)],
            pairStyle: [PairStyle(32768, 1, 79), PairStyle(32768, 2, 40)]);
        Assert.StartsWith("**met**; stretch missed", Goal(met, "Cu step against LAMMPS").Verdict);
        Assert.Equal("**met**", Goal(met, "NaCl step against LAMMPS").Verdict);
        Assert.Equal("**met**", Goal(met, "pair_style latent against qeq/slater").Verdict);
        Assert.Equal("**met**", Goal(met, "Generated against hand-written kernels").Verdict);
        Assert.Equal("**met**", Goal(met, "SIMD against scalar kernels").Verdict);
        Assert.Equal("**met**", Goal(met, "Flat with size").Verdict);
        Assert.Equal("**met**", Goal(met, "Memory per atom").Verdict);
        Assert.Equal("**met**", Goal(met, "Two threads").Verdict);
        Assert.All(BenchGoals.Evaluate(met), g => Assert.Null(g.Why));

        var missed = Results(
            [Step("Cu", 4000, 1, 0.30, 1500), Step("Cu", 32000, 1, 0.45, 1500), Step("Cu", 32000, 2, 0.30, 1500), Step("NaCl", 32768, 1, 60), Step("NaCl", 32768, 2, 50)],
            [Lammps("Cu", 4000, 1, 0.25), Lammps("Cu", 32000, 1, 0.25), Lammps("Cu", 32000, 2, 0.13), Lammps("NaCl", 32768, 1, 80), Lammps("NaCl", 32768, 2, 40)],
            [
                new KernelBenchRow("Na–Cl (NaCl)", BenchGoals.GeneratedScalar, 60, 1.7e7, ""),
                new KernelBenchRow("Na–Cl (NaCl)", BenchGoals.GeneratedSimd, 30, 3.3e7, ""),
                new KernelBenchRow("Na–Cl (NaCl)", BenchGoals.HandWritten, 50, 2e7, ""),
            ],
            [PairStyle(32768, 1, 60), PairStyle(32768, 2, 42)]);
        // Cu: worst 0.30/0.13 = 2.31×; NaCl: worst 50/40 = 1.25× against 0.5, so 2.5× over.
        Assert.Equal("**missed** by up to 2.31× (0 of 3 cases met)", Goal(missed, "Cu step against LAMMPS").Verdict);
        Assert.Equal("**missed** by up to 2.50× (0 of 2 cases met)", Goal(missed, "NaCl step against LAMMPS").Verdict);
        // pair_style latent: 60/80 = 0.75× meets it, 42/40 = 1.05× does not.
        Assert.Equal("**missed** by up to 1.05× (1 of 2 cases met)", Goal(missed, "pair_style latent against qeq/slater").Verdict);
        Assert.Equal("**missed** by 1.20×", Goal(missed, "Generated against hand-written kernels").Verdict);
        Assert.Equal("**missed** by 1.25×", Goal(missed, "SIMD against scalar kernels").Verdict);
        Assert.Equal("**missed**: 50 % against 25 %", Goal(missed, "Flat with size").Verdict);
        Assert.Equal("**missed** by 1.46×", Goal(missed, "Memory per atom").Verdict);
        // Cu 0.45/0.30 = 1.5×, NaCl 60/50 = 1.2×: the worst decides.
        Assert.Equal("**missed** by 1.42×", Goal(missed, "Two threads").Verdict);
        Assert.All(BenchGoals.Evaluate(missed), g => Assert.False(string.IsNullOrWhiteSpace(g.Why)));
    }

    [Fact]
    public void Without_LAMMPS_the_page_says_why_and_keeps_Latents_figures()
    {
        var r = Results([Step("Cu", 4000, 1, 0.3)], []) with { LammpsVersion = null, LammpsUnavailable = "LAMMPS not installed (lmp is not on PATH)" };
        var page = PerformancePage.Write(r);
        Assert.Contains("| LAMMPS | not run: LAMMPS not installed (lmp is not on PATH) |", page);
        Assert.Contains("| 4,000 | 1 | 0.300 | – | – | 800 | – |", page);
        Assert.Contains("not measured: LAMMPS not installed", page);
        Assert.Contains("dotnet run -c Release --project Runtime/Latent.Cli -- bench", page);
    }

    [Fact]
    public void The_page_puts_each_step_beside_LAMMPS_on_the_same_crystal_and_threads()
    {
        var r = Results([Step("Cu", 4000, 1, 0.30), Step("Cu", 4000, 2, 0.20), Step("NaCl", 1728, 1, 60)],
            [Lammps("Cu", 4000, 1, 0.25), Lammps("Cu", 4000, 2, 0.10), Lammps("NaCl", 1728, 1, 80)]);
        var page = PerformancePage.Write(r);
        Assert.Contains("| 4,000 | 1 | 0.300 | 0.250 | 1.20× | 800 | 900 |", page);
        Assert.Contains("| 4,000 | 2 | 0.200 | 0.100 | 2.00× | 800 | 900 |", page);
        Assert.Contains("| 1,728 | 1 | 60.000 | 80.000 | 0.75× | 800 | 900 | 2.5, 4 |", page);
        var json = r.ToJson().ToJsonString();
        Assert.Contains("\"lammps_us_per_atom_step\":0.25", json);
    }

    [Fact]
    public void The_NaCl_section_puts_pair_style_latent_beside_the_dotnet_engine_and_qeq_slater()
    {
        var r = Results([Step("NaCl", 4096, 1, 28), Step("NaCl", 4096, 2, 16)],
            [Lammps("NaCl", 4096, 1, 60), Lammps("NaCl", 4096, 2, 30)],
            pairStyle: [PairStyle(4096, 1, 39), PairStyle(4096, 2, 24)]);
        var page = PerformancePage.Write(r);
        Assert.Contains("### The same potential inside LAMMPS: `pair_style latent`", page);
        // µs, the .NET engine's, the ratio to it, qeq/slater's, the ratio to that, bytes.
        Assert.Contains("| 4,096 | 1 | 39.000 | 28.000 | 1.39× | 60.000 | 0.65× | 90000 |", page);
        Assert.Contains("| 4,096 | 2 | 24.000 | 16.000 | 1.50× | 30.000 | 0.80× | 90000 |", page);
        Assert.Contains("pair_style latent: serial, one process; 20 timed steps", page);
        Assert.Contains("`pair_style latent` was built by the test with -ffp-contract=off. Its loop time is the steady state", page);
        Assert.Contains("probes the per-element charge patterns every 10 steps and searches afresh every 200", page);
        Assert.Contains("a `run 0` (its cold weight search", page);
        Assert.Contains("| NaCl through `pair_style latent` (weights solved every step) no slower than LAMMPS `coul/streitz` + `fix qeq/slater`", page);
        var json = r.ToJson().ToJsonString();
        Assert.Contains("\"pair_style_latent_us_per_atom_step\":39", json);
        Assert.Contains("\"pair_style_latent_bytes_per_atom\":90000", json);
        Assert.Contains("\"pair_style_latent_notes\":[\"serial, one process; 20 timed steps\"]", json);
        Assert.Contains("\"pair_style_latent_build\":\"built by the test with -ffp-contract=off\"", json);
    }

    [Fact]
    public void Without_pair_style_latent_the_NaCl_section_says_why_and_keeps_the_other_figures()
    {
        var r = Results([Step("NaCl", 4096, 1, 28)], [Lammps("NaCl", 4096, 1, 60)]);
        var page = PerformancePage.Write(r);
        Assert.Contains("| 4,096 | 1 | – | 28.000 | – | 60.000 | – | – |", page);
        Assert.Contains("pair_style latent was not run: cmake missing (not on PATH).", page);
        Assert.Contains("| 4,096 | 1 | 28.000 | 60.000 | 0.47× |", page);
        Assert.Equal("not measured: cmake missing (not on PATH)", Goal(r, "pair_style latent against qeq/slater").Verdict);
        Assert.Contains("\"pair_style_latent_unavailable\":\"cmake missing (not on PATH)\"", r.ToJson().ToJsonString());
    }

    [Fact]
    public void A_step_measurement_runs_the_fixed_weight_step_on_a_small_crystal()
    {
        var cu = new PotentialLoader().Load("Cu");
        var timing = StepBench.Run(new StepCase("Cu fcc 3³ cells", StepCase.CopperFamily, cu, 3, 3.615, 0.5), 1,
            new BenchSettings(true, [1], 1, 0.01));
        Assert.Equal(108, timing.Atoms);
        Assert.True(timing.MicrosecondsPerAtomStep > 0 && double.IsFinite(timing.MicrosecondsPerAtomStep));
        // Bytes per atom are a difference of the whole process's heap; other tests run beside this one, so
        // only a number is required here (the bench runs alone in its own process).
        Assert.True(double.IsFinite(timing.BytesPerAtom));
        Assert.Equal(0, timing.MaxIterations);
        Assert.Contains("no solve", timing.Plan);
        // The parts are a share of the whole.
        Assert.True(timing.PartMicroseconds.Sum() <= timing.MicrosecondsPerAtomStep * 1.01);
    }

    [Fact]
    public void A_thread_count_above_the_cores_is_a_usage_error()
    {
        CliRun.Of("bench", "--quick", "--threads", (Environment.ProcessorCount + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), "-o", Path.Combine(Path.GetTempPath(), "never.md"))
            .AssertUserError("--threads", "cores");
    }
}
