using System.Globalization;
using System.Text;
using Latent.Cli.Bench.Kernels;
using Latent.Cli.Bench.Lammps;
using Latent.Cli.Bench.Steps;
using Latent.Runtime.Engine;
using Latent.Runtime.Engine.Solver;

namespace Latent.Cli.Bench;

/// <summary>
/// docs/performance.md, written from one <see cref="BenchResults"/>: every figure on the page comes from
/// that run, and each goal of the engine is stated as met or missed, by how much, with the reason where
/// the reason is known from the code (not from this run).
/// </summary>
internal static class PerformancePage
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The page's Markdown.</summary>
    public static string Write(BenchResults results)
    {
        // Numbers in the page read the same on any machine: lines joined from several interpolations are
        // formatted in the current culture, so it is the invariant one while writing.
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = Invariant;
        try
        {
            return Page(results);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    private static string Page(BenchResults results)
    {
        var page = new StringBuilder();
        Header(page, results);
        Goals(page, results);
        KernelTable(page, results);
        StepTable(page, results, StepCase.CopperFamily,
            "## 2. fcc Cu: embedded-atom steps beside LAMMPS `eam/alloy`",
            "The shipped `Cu` (one neutral state per atom, cutoff 5.5 Å) runs the fixed-weight step: no weight solve, no Coulomb sum. "
            + "LAMMPS runs `pair_style eam/alloy` with a setfl table of the same functions written by `latent export setfl Cu` "
            + "(the table agrees with Latent's own energies and forces; `Tests` check it).");
        StepTable(page, results, StepCase.SaltFamily,
            "## 3. Rock-salt NaCl: charge-transfer steps beside LAMMPS `coul/streitz` + `fix qeq/slater`",
            "The shipped `NaCl` (three states per atom, weights solved every step from the previous step's, short-range "
            + "Slater electrostatics to 12 Å, damped shifted-force Coulomb to 12 Å). LAMMPS runs the charge model its users run "
            + "for oxides and salts: Streitz–Mintmire Slater electrostatics with Wolf summation to 12 Å and charges equalised "
            + "every step by `fix qeq/slater`, with a Born–Mayer repulsion so the crystal holds.");
        PairStyleTable(page, results);
        Breakdown(page, results);
        Method(page, results);
        return page.ToString();
    }

    private static string F(double value, int digits) => value.ToString("F" + digits, Invariant);

    private static string Ratio(double value) => double.IsFinite(value) ? F(value, 2) + "×" : "–";

    private static void Header(StringBuilder page, BenchResults r)
    {
        page.AppendLine("# Performance");
        page.AppendLine();
        page.AppendLine($"Written by `latent bench{(r.Settings.Quick ? " --quick" : "")}` on {r.Started:yyyy-MM-dd} from one run of "
            + $"{(r.Finished - r.Started).TotalMinutes:F0} min on the machine below{(r.Settings.Quick ? " — a quick run: one repetition and the smallest crystals only, a check that every part runs, not figures to quote" : "")}. "
            + "Every figure on this page comes from that run. To make it again, from the repository root:");
        page.AppendLine();
        page.AppendLine("    dotnet run -c Release --project Runtime/Latent.Cli -- bench            # writes docs/performance.md");
        page.AppendLine("    dotnet run -c Release --project Runtime/Latent.Cli -- bench --json     # the same figures as JSON on stdout");
        page.AppendLine();
        page.AppendLine("The LAMMPS columns need `lmp` on PATH (Debian: `apt-get install lammps`), and the `pair_style latent` ones cmake, g++, MPI and "
            + "the LAMMPS library (`apt-get install cmake g++ libopenmpi-dev liblammps-dev`); without them they say so and the rest runs. "
            + "Costs measured before this command existed (run-time compilation, the source generator at build time) are in "
            + "[benchmark-history.md](benchmark-history.md).");
        page.AppendLine();
        page.AppendLine("## The machine");
        page.AppendLine();
        page.AppendLine("| | |");
        page.AppendLine("|---|---|");
        page.AppendLine(Invariant, $"| CPU | {r.Machine.Cpu}, {r.Machine.Cores} logical cores, 256-bit SIMD {(r.Machine.Vector256 ? "accelerated" : "not accelerated")} |");
        page.AppendLine(Invariant, $"| OS | {r.Machine.OperatingSystem} |");
        page.AppendLine(Invariant, $"| .NET | {r.Machine.Runtime} |");
        page.AppendLine(Invariant, $"| LAMMPS | {r.LammpsVersion ?? "not run: " + r.LammpsUnavailable} |");
        page.AppendLine(Invariant, $"| load average | {r.LoadBefore} before the run, {r.LoadAfter} after (other work on a shared machine slows both programs alike, since they alternate) |");
        page.AppendLine();
    }

    private static void Goals(StringBuilder page, BenchResults r)
    {
        page.AppendLine("## Goals");
        page.AppendLine();
        page.AppendLine("| goal | measured | |");
        page.AppendLine("|---|---|---|");
        var goals = BenchGoals.Evaluate(r);
        foreach (var goal in goals)
            page.AppendLine(Invariant, $"| {goal.Goal} | {goal.Measured} | {goal.Verdict} |");
        page.AppendLine();
        foreach (var goal in goals.Where(g => g.Why is not null))
        {
            page.AppendLine(Invariant, $"**{goal.Short}.** {goal.Why}");
            page.AppendLine();
        }
    }

    private static void KernelTable(StringBuilder page, BenchResults r)
    {
        page.AppendLine("## 1. Kernels");
        page.AppendLine();
        page.AppendLine("One fused pair kernel computes every term of an element pair and its r-derivative at a distance "
            + "(docs/model.md §2). Distances spread over the kernel's range; median of the repetitions. "
            + "\"generated SIMD\" is the Vector256 kernel, per distance (four lanes a call); the interpreter evaluates the same "
            + "straight-line program from the symbolic core; the hand-written kernels compute the same outputs in plain C# "
            + "and a test holds them equal to the generated ones.");
        page.AppendLine();
        page.AppendLine("| pair | implementation | ns per distance | distances per second | vs hand-written | note |");
        page.AppendLine("|---|---|---:|---:|---:|---|");
        foreach (var row in r.Kernels)
        {
            var hand = r.Kernels.FirstOrDefault(k => k.Pair == row.Pair && k.Implementation == BenchGoals.HandWritten);
            var ratio = hand is null ? double.NaN : hand.NanosecondsPerPair / row.NanosecondsPerPair;
            page.AppendLine(Invariant, $"| {row.Pair} | {row.Implementation} | {F(row.NanosecondsPerPair, 1)} | {row.PairsPerSecond:0.00e0} | {Ratio(ratio)} | {row.Note} |");
        }
        page.AppendLine();
        page.AppendLine("\"vs hand-written\" above 1× is faster than the hand-written kernel.");
        page.AppendLine();
    }

    private static void StepTable(StringBuilder page, BenchResults r, string family, string title, string intro)
    {
        page.AppendLine(title);
        page.AppendLine();
        page.AppendLine(intro);
        page.AppendLine();
        var salt = family == StepCase.SaltFamily;
        page.AppendLine("| atoms | threads | Latent µs/atom-step | LAMMPS µs/atom-step | Latent / LAMMPS | Latent bytes/atom | LAMMPS bytes/atom |" + (salt ? " solver iterations per step (mean, max) |" : ""));
        page.AppendLine("|---:|---:|---:|---:|---:|---:|---:|" + (salt ? "---:|" : ""));
        foreach (var s in r.Steps.Where(s => s.Family == family))
        {
            var l = r.LammpsFor(s);
            var lammps = l is null ? "–" : F(l.MicrosecondsPerAtomStep, 3);
            var ratio = l is null ? "–" : Ratio(s.MicrosecondsPerAtomStep / l.MicrosecondsPerAtomStep);
            var lammpsBytes = l is null ? "–" : F(l.BytesPerAtom, 0);
            page.AppendLine($"| {s.Atoms:N0} | {s.Threads} | {F(s.MicrosecondsPerAtomStep, 3)} | {lammps} | {ratio} | {F(s.BytesPerAtom, 0)} | {lammpsBytes} |"
                + (salt ? $" {F(s.MeanIterations, 1)}, {s.MaxIterations} |" : ""));
        }
        page.AppendLine();
        if (r.LammpsUnavailable is not null)
        {
            page.AppendLine(Invariant, $"LAMMPS was not run: {r.LammpsUnavailable}.");
            page.AppendLine();
        }
        var notes = r.Lammps.Where(l => FamilyOf(l) == family).Select(l => l.Note).Where(n => n.Length > 0).Distinct().ToList();
        foreach (var note in notes)
        {
            page.AppendLine(Invariant, $"LAMMPS: {note}");
            page.AppendLine();
        }
    }

    /// <summary>The NaCl steps again, with the same potential run inside LAMMPS as pair_style latent, beside the .NET engine and qeq/slater.</summary>
    private static void PairStyleTable(StringBuilder page, BenchResults r)
    {
        page.AppendLine("### The same potential inside LAMMPS: `pair_style latent`");
        page.AppendLine();
        page.AppendLine("The shipped `NaCl` exported by `latent export lammps` (docs/scale.md) and run by LAMMPS's MD loop under MPI: "
            + "its charge transfer with the weights solved every step, damped shifted-force Coulomb at the same cutoff and damping as the .NET engine, "
            + "on the same crystals, velocities, skin and steps, on as many MPI ranks as the .NET engine has threads. "
            + "Ratios below 1× mean pair_style latent is the faster.");
        page.AppendLine();
        page.AppendLine("| atoms | ranks | pair_style latent µs/atom-step | .NET engine µs/atom-step | pair_style latent / .NET engine | coul/streitz + qeq/slater µs/atom-step | pair_style latent / qeq/slater | pair_style latent bytes/atom |");
        page.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var s in r.Steps.Where(s => s.Family == StepCase.SaltFamily))
        {
            var latent = r.PairStyleLatentFor(s);
            var qeq = r.LammpsFor(s);
            var us = latent is null ? "–" : F(latent.MicrosecondsPerAtomStep, 3);
            var toDotnet = latent is null ? "–" : Ratio(latent.MicrosecondsPerAtomStep / s.MicrosecondsPerAtomStep);
            var qeqUs = qeq is null ? "–" : F(qeq.MicrosecondsPerAtomStep, 3);
            var toQeq = latent is null || qeq is null ? "–" : Ratio(latent.MicrosecondsPerAtomStep / qeq.MicrosecondsPerAtomStep);
            var bytes = latent is null ? "–" : F(latent.BytesPerAtom, 0);
            page.AppendLine($"| {s.Atoms:N0} | {s.Threads} | {us} | {F(s.MicrosecondsPerAtomStep, 3)} | {toDotnet} | {qeqUs} | {toQeq} | {bytes} |");
        }
        page.AppendLine();
        if (r.PairStyleLatentUnavailable is not null)
        {
            page.AppendLine(Invariant, $"pair_style latent was not run: {r.PairStyleLatentUnavailable}.");
            page.AppendLine();
        }
        if (r.PairStyleLatentBuild is not null)
        {
            var solver = new SolverOptions();
            page.AppendLine($"`pair_style latent` was {r.PairStyleLatentBuild}. Its loop time is the steady state, as Latent's: "
                + "a `run 0` first does the cold weight search (an anneal and every start), and the timed `run` warm-starts every step from the weights "
                + $"the one before left in the fix property/atom. Its solver, like the .NET one, probes the per-element charge patterns every {solver.ProbeInterval} steps "
                + $"and searches afresh every {solver.RecheckInterval} (or when a probe sees another branch approach); each run's note says how many of those its timed steps hold. "
                + "Its bytes per atom are the growth of rank 0's peak resident size (Linux's VmHWM) from before the crystal to after the run, times the ranks: "
                + "LAMMPS's own estimate leaves out the style's arrays.");
            page.AppendLine();
        }

        foreach (var note in r.PairStyleLatent.Select(l => l.Note).Where(n => n.Length > 0).Distinct())
        {
            page.AppendLine(Invariant, $"pair_style latent: {note}");
            page.AppendLine();
        }
    }

    private static string FamilyOf(LammpsTiming timing) =>
        timing.Case.StartsWith(StepCase.SaltFamily, StringComparison.Ordinal) ? StepCase.SaltFamily : StepCase.CopperFamily;

    private static void Breakdown(StringBuilder page, BenchResults r)
    {
        page.AppendLine("## 4. Where a step's time goes");
        page.AppendLine();
        page.AppendLine("µs per atom-step in each part, from the calculator's own clock (`StepTimings`, on only while measuring): "
            + "the neighbour list (the half-skin check, rebuilds, the pairs within the cutoff), the kernels at the new positions, "
            + "the ε and free-energy sums of the weight solve, its λ search, and the forces and virial. The rest of a step "
            + "(\"other\") is the integrator and the calculator's bookkeeping. For Cu the fixed-weight step does kernels, "
            + "densities, embedding and forces in one call, counted as kernels.");
        page.AppendLine();
        page.AppendLine("| case | atoms | threads | neighbour list | kernels | ε sums | λ search | forces | other | total |");
        page.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var s in r.Steps)
        {
            var parts = s.PartMicroseconds;
            var other = s.MicrosecondsPerAtomStep - parts.Sum();
            page.AppendLine(Invariant, $"| {s.Family} | {s.Atoms:N0} | {s.Threads} | {string.Join(" | ", parts.Select(p => F(p, 3)))} | {F(other, 3)} | {F(s.MicrosecondsPerAtomStep, 3)} |");
        }
        page.AppendLine();
    }

    private static void Method(StringBuilder page, BenchResults r)
    {
        page.AppendLine("## 5. How the steps are measured");
        page.AppendLine();
        page.AppendLine(Invariant, $"- Both programs run NVE velocity Verlet with a {StepBench.TimeStep} fs step from velocities drawn at {StepBench.Temperature} K, "
            + $"on the same crystal (Cu a = {BenchRun.CopperLattice} Å, NaCl a = {BenchRun.SaltLattice} Å, atoms listed in lattice order; Latent's one-state step reads such an order in place and would work in the neighbour list's spatial order on shuffled input), "
            + $"with a {BenchRun.Skin} Å Verlet skin and a list rebuilt only when an atom has moved more than half of it.");
        page.AppendLine($"- Latent: `MolecularDynamics.Run` as `latent md` runs it, after a warm-up run of at least {StepBench.WarmUpSeconds} s "
            + "(.NET optimises a method only after it has run a while), timed between two steps by the wall clock; bytes per atom "
            + "are the managed heap the run holds at its end (structure, velocities, neighbour lists, the step's buffers) divided by the atoms.");
        page.AppendLine("- LAMMPS: the `Loop time` it prints for the same number of steps, and its own \"Per MPI rank memory allocation\" summed over ranks. "
            + "`pair_style latent`: the `Loop time` of a second `run` after a `run 0` (its cold weight search, as Latent's warm-up), and the growth of rank 0's peak resident size over the run times the ranks (its own arrays are not in LAMMPS's estimate).");
        page.AppendLine($"- For each crystal and thread count the two programs run one after the other, {(r.Settings.Quick ? 1 : r.Settings.Repetitions)} times for crystals up to 5 000 atoms "
            + "(once above), and the median is kept: a change in the machine's load reaches both.");
        page.AppendLine("- Which step Latent runs is decided once per potential (`StepPlan`): " + string.Join("; ", r.Steps.Select(s => $"{s.Family}: {s.Plan}").Distinct()) + ".");
        page.AppendLine();
    }
}
