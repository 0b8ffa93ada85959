using System.Globalization;
using Latent.Cli.Bench.Steps;

namespace Latent.Cli.Bench;

/// <summary>
/// The engine's performance goals (issue 10), each judged from one run's figures. The reasons given for a
/// miss are what is known from the code and from profiles, written here beside the thresholds so that the
/// page states them whenever the figures fall short.
/// </summary>
internal static class BenchGoals
{
    /// <summary>Kernel implementation names, as the kernel table labels them.</summary>
    public const string GeneratedScalar = "generated scalar";

    /// <inheritdoc cref="GeneratedScalar"/>
    public const string GeneratedSimd = "generated SIMD";

    /// <inheritdoc cref="GeneratedScalar"/>
    public const string HandWritten = "hand-written";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Every goal, met or not.</summary>
    public static IReadOnlyList<BenchGoal> Evaluate(BenchResults r) =>
    [
        AgainstLammps(r, StepCase.CopperFamily, 1.0, 0.7,
            "Cu step against LAMMPS", "Cu EAM step no slower than LAMMPS `eam/alloy` per atom-step, same crystal, cutoff and threads (stretch: 0.7×)",
            "Latent was about 100× slower before this page existed: the step now skips the weight solve and the Coulomb sums a one-state neutral potential does not need, and evaluates the kernel in SIMD batches. What is left: `eam/alloy` reads cubic splines from a table (a few multiply-adds per pair, recomputed in its force pass, nothing stored per pair), while the fixed-weight step evaluates the generated kernel (two exponentials, two 20th powers and the quintic switch) once per list entry, those between the cutoff and the list radius too, the embedding (Rose's curve at an effective lattice constant less the pair energy of five neighbour shells: a logarithm, eleven exponentials and ten 20th powers, with their first and second derivatives, done one lane at a time) per atom, and keeps five values per entry between its passes. That per-entry storage is also why the gap grows with size: see the memory and flatness rows."),
        AgainstLammps(r, StepCase.SaltFamily, 0.5, double.NaN,
            "NaCl step against LAMMPS", "NaCl charge-transfer step (weights included) at most half the per-atom-step cost of LAMMPS `coul/streitz` + `fix qeq/slater`",
            "From the warm start a step takes one solver iteration (the rock-salt weights are saturated), so its cost is the 12 Å pair kernels and the long-range erfc (\"kernels\"), one ε pass and the forces. With two threads LAMMPS's MPI ranks divide all of their work, while parts of Latent's step stay on one thread (the neighbour-list check, the solver's per-atom loops, the free-energy terms) and the rest are shared loops with a barrier each."),
        PairStyleAgainstQeq(r),
        KernelsAgainstHandWritten(r),
        SimdAgainstScalar(r),
        Flat(r),
        MemoryPerAtom(r),
        Threads(r),
    ];

    private static string F(double value, int digits) => value.ToString("F" + digits, Invariant);

    private static BenchGoal AgainstLammps(BenchResults r, string family, double goal, double stretch, string name, string text, string why)
    {
        var ratios = r.Steps.Where(s => s.Family == family)
            .Select(s => (Step: s, Lammps: r.LammpsFor(s)))
            .Where(p => p.Lammps is not null)
            .Select(p => (p.Step, Ratio: p.Step.MicrosecondsPerAtomStep / p.Lammps!.MicrosecondsPerAtomStep))
            .ToList();
        if (ratios.Count == 0)
            return new BenchGoal(name, text, "–", "not measured: " + (r.LammpsUnavailable ?? "no LAMMPS run for this crystal"), null);
        var worst = ratios.MaxBy(p => p.Ratio);
        var best = ratios.MinBy(p => p.Ratio);
        var measured = $"Latent / LAMMPS from {F(best.Ratio, 2)}× ({best.Step.Atoms:N0} atoms, {best.Step.Threads} thread{(best.Step.Threads > 1 ? "s" : "")}) to {F(worst.Ratio, 2)}× ({worst.Step.Atoms:N0} atoms, {worst.Step.Threads} thread{(worst.Step.Threads > 1 ? "s" : "")})";
        if (worst.Ratio <= goal)
        {
            var stretchMet = double.IsFinite(stretch) && worst.Ratio <= stretch;
            return new BenchGoal(name, text, measured, stretchMet ? "**met**, stretch too" : double.IsFinite(stretch) ? $"**met**; stretch missed by {F(worst.Ratio / stretch, 2)}×" : "**met**", null);
        }
        var met = ratios.Count(p => p.Ratio <= goal);
        return new BenchGoal(name, text, measured, $"**missed** by up to {F(worst.Ratio / goal, 2)}× ({met} of {ratios.Count} cases met)", why);
    }

    private static BenchGoal PairStyleAgainstQeq(BenchResults r)
    {
        const string name = "pair_style latent against qeq/slater";
        const string text = "NaCl through `pair_style latent` (weights solved every step) no slower than LAMMPS `coul/streitz` + `fix qeq/slater` per atom-step, same crystal, cutoff and MPI ranks";
        var ratios = r.Steps.Where(s => s.Family == StepCase.SaltFamily)
            .Select(s => (Step: s, Latent: r.PairStyleLatentFor(s), Qeq: r.LammpsFor(s)))
            .Where(p => p.Latent is not null && p.Qeq is not null)
            .Select(p => (p.Step, Ratio: p.Latent!.MicrosecondsPerAtomStep / p.Qeq!.MicrosecondsPerAtomStep))
            .ToList();
        if (ratios.Count == 0)
            return new BenchGoal(name, text, "–", "not measured: " + (r.PairStyleLatentUnavailable ?? r.LammpsUnavailable ?? "no pair_style latent run beside a qeq/slater one"), null);
        var worst = ratios.MaxBy(p => p.Ratio);
        var best = ratios.MinBy(p => p.Ratio);
        var measured = $"pair_style latent / qeq/slater from {F(best.Ratio, 2)}× ({best.Step.Atoms:N0} atoms, {Ranks(best.Step.Threads)}) to {F(worst.Ratio, 2)}× ({worst.Step.Atoms:N0} atoms, {Ranks(worst.Step.Threads)})";
        if (worst.Ratio <= 1)
            return new BenchGoal(name, text, measured, "**met**", null);
        return new BenchGoal(name, text, measured, $"**missed** by up to {F(worst.Ratio, 2)}× ({ratios.Count(p => p.Ratio <= 1)} of {ratios.Count} cases met)",
            "For every pair within 12 Å and the skin the style evaluates the potential's terms of every pair of states (three states per atom in NaCl) and keeps them for the solve's ε passes and the forces "
            + "(the bytes per atom in the table), and the probe of the charge patterns every few steps is one free-energy pass per pattern; qeq/slater keeps one matrix entry per pair and spends its time in conjugate-gradient iterations over them.");
    }

    private static string Ranks(int ranks) => ranks == 1 ? "1 rank" : $"{ranks} ranks";

    private static BenchGoal KernelsAgainstHandWritten(BenchResults r)
    {
        const string name = "Generated against hand-written kernels";
        const string text = "Generated scalar kernel at least as fast as the hand-written one";
        var pairs = r.Kernels.Select(k => k.Pair).Distinct().ToList();
        var ratios = new List<(string Pair, double Ratio)>();
        foreach (var pair in pairs)
        {
            var generated = r.Kernels.FirstOrDefault(k => k.Pair == pair && k.Implementation == GeneratedScalar);
            var hand = r.Kernels.FirstOrDefault(k => k.Pair == pair && k.Implementation == HandWritten);
            if (generated is not null && hand is not null)
                ratios.Add((pair, generated.NanosecondsPerPair / hand.NanosecondsPerPair));
        }
        if (ratios.Count == 0)
            return new BenchGoal(name, text, "–", "not measured", null);
        var measured = string.Join("; ", ratios.Select(p => $"{p.Pair}: generated takes {F(p.Ratio, 2)}× the hand-written time"));
        var worst = ratios.Max(p => p.Ratio);
        return worst <= 1
            ? new BenchGoal(name, text, measured, "**met**", null)
            : new BenchGoal(name, text, measured, $"**missed** by {F(worst, 2)}×",
                "Both kernels call the same exponentials; the rest is arithmetic, and the generated Na–Cl kernel has about twice the hand-written one's adds and multiplies: every switched output is two multiplications where a person writes one, each derivative five operations where a person writes three, and the per-state sums share no partial sums. The emitter cannot regroup them, since `latent verify` holds the scalar kernel to the interpreter bit for bit; the fix belongs in the straight-line programs (`Symbolic/StraightLine.fs`). The engine runs the SIMD kernel, which the row below shows at more than 3× the scalar one.");
    }

    private static BenchGoal SimdAgainstScalar(BenchResults r)
    {
        const string name = "SIMD against scalar kernels";
        const string text = "SIMD kernel at least 2.5× the scalar one per distance";
        var ratios = new List<(string Pair, double Ratio)>();
        foreach (var pair in r.Kernels.Select(k => k.Pair).Distinct())
        {
            var scalar = r.Kernels.FirstOrDefault(k => k.Pair == pair && k.Implementation == GeneratedScalar);
            var simd = r.Kernels.FirstOrDefault(k => k.Pair == pair && k.Implementation == GeneratedSimd);
            if (scalar is not null && simd is not null)
                ratios.Add((pair, scalar.NanosecondsPerPair / simd.NanosecondsPerPair));
        }
        if (ratios.Count == 0)
            return new BenchGoal(name, text, "–", "not measured", null);
        var measured = string.Join("; ", ratios.Select(p => $"{p.Pair}: {F(p.Ratio, 2)}×"));
        var worst = ratios.Min(p => p.Ratio);
        return worst >= 2.5
            ? new BenchGoal(name, text, measured, "**met**", null)
            : new BenchGoal(name, text, measured, $"**missed** by {F(2.5 / worst, 2)}×",
                "Four lanes bound the gain at 4×; the vector exponential and the lane-wise selects cost more per lane than the scalar `Math.Exp` and branches.");
    }

    private static BenchGoal Flat(BenchResults r)
    {
        const string name = "Flat with size";
        const string text = "Cu time per atom-step flat within 25 % from 4 000 to 1 000 000 atoms";
        var oneThread = r.Steps.Where(s => s.Family == StepCase.CopperFamily && s.Threads == 1).ToList();
        if (oneThread.Count < 2)
            return new BenchGoal(name, text, "–", "not measured (a quick run has one size)", null);
        var (fast, slow) = (oneThread.MinBy(s => s.MicrosecondsPerAtomStep)!, oneThread.MaxBy(s => s.MicrosecondsPerAtomStep)!);
        var spread = slow.MicrosecondsPerAtomStep / fast.MicrosecondsPerAtomStep;
        var measured = $"1 thread: {F(fast.MicrosecondsPerAtomStep, 3)} µs ({fast.Atoms:N0} atoms) to {F(slow.MicrosecondsPerAtomStep, 3)} µs ({slow.Atoms:N0} atoms), spread {F((spread - 1) * 100, 0)} %";
        return spread <= 1.25
            ? new BenchGoal(name, text, measured, "**met**", null)
            : new BenchGoal(name, text, measured, $"**missed**: {F((spread - 1) * 100, 0)} % against 25 %",
                "Past the processor's caches every entry's stored kernel outputs (five doubles) and the list's neighbours and shifts come from main memory on the step's passes; LAMMPS stores nothing per pair and recomputes its splines instead.");
    }

    private static BenchGoal MemoryPerAtom(BenchResults r)
    {
        const string name = "Memory per atom";
        const string text = "At most 1 KB of memory per atom for Cu";
        var cu = r.Steps.Where(s => s.Family == StepCase.CopperFamily).ToList();
        if (cu.Count == 0)
            return new BenchGoal(name, text, "–", "not measured", null);
        var largest = cu.MaxBy(s => s.Atoms)!;
        var measured = $"{F(largest.BytesPerAtom, 0)} bytes per atom at {largest.Atoms:N0} atoms (managed heap the run holds)";
        return largest.BytesPerAtom <= 1024
            ? new BenchGoal(name, text, measured, "**met**", null)
            : new BenchGoal(name, text, measured, $"**missed** by {F(largest.BytesPerAtom / 1024, 2)}×",
                "The half list keeps every pair within cutoff + skin (39 per atom for fcc Cu at 5.5 + 0.5 Å, of which 27 are inside the cutoff), with its images and shift (40 bytes an entry); the fixed-weight step keeps 5 values per entry (the neighbour's density, the two terms, their slope and the density slope) and the transposed list (two indices) so that every kernel runs once per pair; the neighbour search, the integrator and the calculator keep their own per-atom arrays.");
    }

    private static BenchGoal Threads(BenchResults r)
    {
        const string name = "Two threads";
        const string text = "Two threads at least 1.7× one thread on 32 000 atoms";
        var measured = new List<string>();
        var worst = double.PositiveInfinity;
        foreach (var family in new[] { StepCase.CopperFamily, StepCase.SaltFamily })
        {
            var sized = r.Steps.Where(s => s.Family == family && s.Atoms >= 30_000 && s.Atoms <= 35_000).ToList();
            var one = sized.FirstOrDefault(s => s.Threads == 1);
            var two = sized.FirstOrDefault(s => s.Threads == 2);
            if (one is null || two is null)
                continue;
            var speedup = one.MicrosecondsPerAtomStep / two.MicrosecondsPerAtomStep;
            worst = Math.Min(worst, speedup);
            measured.Add($"{family} {one.Atoms:N0} atoms: {F(speedup, 2)}×");
        }
        if (measured.Count == 0)
            return new BenchGoal(name, text, "–", "not measured (needs a full run with 1 and 2 threads)", null);
        return worst >= 1.7
            ? new BenchGoal(name, text, string.Join("; ", measured), "**met**", null)
            : new BenchGoal(name, text, string.Join("; ", measured), $"**missed** by {F(1.7 / worst, 2)}×",
                "The Cu step is four passes over memory-bound arrays, each a parallel loop over fixed blocks with a barrier at its end, and the integrator's updates, the neighbour-list check and the energy sums run on one thread; two cores share one memory bus. The NaCl step keeps its neighbour-list check, the solver's per-atom loops and the free-energy terms on one thread. On a shared two-core machine the second core is also not always free.");
    }
}
