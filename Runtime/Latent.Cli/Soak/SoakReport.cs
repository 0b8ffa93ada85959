using System.Globalization;
using Latent.Cli.Output;
using Latent.Runtime.Dynamics.Watchdog;
using Latent.Runtime.Engine.Solver;

namespace Latent.Cli.Soak;

/// <summary>
/// What a soak reports, as tables: its settings, then per phase the run, the conserved quantity, the solver,
/// the charges and the closest approach, and the watchdog's verdict in one sentence. Both the text on stdout
/// and the reliability page's section are written from these, so they cannot disagree.
/// </summary>
internal static class SoakReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The settings, one row each.</summary>
    public static SoakTable Settings(SoakResults r)
    {
        var s = r.Settings;
        var solver = new SolverOptions();
        var composition = string.Join(", ", r.Composition.Select(c => $"{c.Count} {c.Element}"));
        var limits = r.Contacts is null
            ? "no pair has a measured limit"
            : $"below {F(r.Contacts.Fraction, 2)} × each pair's smallest sensible distance ("
                + string.Join(", ", r.Contacts.Scales.Where(p => p.SensibleDistance is not null).Select(p => $"{p.Name} {F(r.ContactLimit(p.A, p.B), 3)} Å")) + ")";
        return new SoakTable("Settings", 2, "setting", "value")
            .Row("potential", $"{SoakSettings.Potential} (shipped)")
            .Row("crystal", $"rock salt, a = {F(SoakSettings.LatticeConstant, 2)} Å, {s.Repeat} × {s.Repeat} × {s.Repeat} conventional cells, periodic: {r.Atoms} atoms ({composition})")
            .Row("start", $"Maxwell–Boltzmann velocities at {F(SoakSettings.Temperature, 0)} K, seed {s.Seed}")
            .Row("equilibration", $"{r.Equilibration.Integrator}, noise seed {s.Seed}, {N(s.EquilibrateSteps)} steps")
            .Row("NVE", $"velocity Verlet from the equilibration's last state (centre-of-mass motion removed), {N(s.Steps)} steps")
            .Row("time step", $"{F(SoakSettings.TimeStep, 0)} fs")
            .Row("threads", s.Threads.ToString(Invariant))
            .Row("solver", $"warm-started each step; a full search every {solver.RecheckInterval} warm solves, or when another per-element pattern comes {F(solver.ProbeMargin, 2)} eV/atom closer")
            .Row("watchdog", "stops at non-finite values, "
                + (double.IsFinite(s.MaxDrift) ? $"at a drift of the conserved quantity above {Numbers.Short(s.MaxDrift * 1000, 6)} meV/atom, " : "not at any drift (--max-drift 0), ")
                + $"at contacts {limits}");
    }

    /// <summary>The figures, one table per kind, a row per phase.</summary>
    public static IReadOnlyList<SoakTable> Figures(SoakResults r)
    {
        var run = new SoakTable("Run", 1, "phase", "steps", "wall time", "µs/atom-step", "mean T (K)", "T range (K)");
        var conserved = new SoakTable("Conserved quantity", 2, "phase", "quantity", "slope (meV/atom/ps)", "largest excursion (meV/atom)", "final − initial (meV/atom)")
        {
            Note = "The slope is a least-squares line through every step; the excursion is the largest distance from the phase's first value.",
        };
        var zeroIterations = r.Phases.Any(p => p.Tally.Iterations.Counts[0] > 0);
        var buckets = Enumerable.Range(zeroIterations ? 0 : 1, IterationHistogram.Labels.Length - (zeroIterations ? 0 : 1)).ToArray();
        var solver = new SoakTable("Solver (steps by iterations)", 1,
            ["phase", "mean iterations", "max", .. buckets.Select(b => IterationHistogram.Labels[b]), "full searches", "branch switches"]);
        var charges = new SoakTable("Charges", 2, "phase", "element", "mean |q| (e)", "min q (e)", "max q (e)");
        var closest = new SoakTable("Closest approach", 2, "phase", "pair", "closest (Å)", "at step", "watchdog limit (Å)", "closest / limit")
        {
            Note = $"Over every step, the starting state included; pairs looked for within {F(ClosestApproach.Reach, 1)} Å.",
        };
        var switches = new List<string>();
        foreach (var p in r.Phases)
        {
            var t = p.Tally;
            run.Row(p.Name, $"{N(t.Steps)} of {N(p.Requested)}", Duration(p.WallSeconds), F(p.MicrosecondsPerAtomStep(r.Atoms), 1),
                F(t.MeanTemperature, 1), $"{F(t.MinTemperature, 0)}–{F(t.MaxTemperature, 0)}");
            conserved.Row(p.Name, p.Name == "NVE" ? "A + kinetic" : "A + kinetic − thermostat work",
                F(r.MilliElectronVoltsPerAtomPerPicosecond(t.Conserved.Slope), 4), F(r.MilliElectronVoltsPerAtom(t.Conserved.LargestExcursion), 4),
                F(r.MilliElectronVoltsPerAtom(t.Conserved.Change), 4));
            solver.Row([p.Name, F(t.Iterations.Mean, 2), t.Iterations.Max.ToString(Invariant), .. buckets.Select(b => N(t.Iterations.Counts[b])),
                N(t.FullSearches), N(t.BranchSwitches)]);
            foreach (var c in t.Charges?.Elements() ?? [])
                charges.Row(p.Name, c.Element, F(c.MeanAbsolute, 6), F(c.Min, 6), F(c.Max, 6));
            foreach (var pair in t.Closest?.Pairs() ?? [])
            {
                var limit = r.ContactLimit(pair.A, pair.B);
                closest.Row(p.Name, $"{pair.A}–{pair.B}", pair.Distance is { } d ? F(d, 3) : $"> {F(ClosestApproach.Reach, 1)}",
                    pair.Distance is null ? "–" : N(pair.Step), limit > 0 ? F(limit, 3) : "unchecked",
                    pair.Distance is { } e && limit > 0 ? F(e / limit, 2) : "–");
            }

            if (t.BranchSwitches > 0)
                switches.Add($"{p.Name}: at step{(t.BranchSwitches > 1 ? "s" : "")} {string.Join(", ", t.SwitchSteps.ToArray().Select(s => N(s)))}{(t.BranchSwitches > SoakTally.NamedSwitches ? ", …" : "")}");
        }

        solver.Note = "A step of one iteration found its weights already converged; full searches (every branch, every start) fill the upper buckets. "
            + (switches.Count == 0 ? "No step switched branch." : "Branch switches " + string.Join("; ", switches) + ".");
        return [run, conserved, solver, charges, closest];
    }

    /// <summary>The watchdog's verdict in one sentence.</summary>
    public static string Watchdog(SoakResults r) => r.Stopped is { } s
        ? $"Watchdog: the {s.Phase.Name} phase stopped at {s.Stop.Message}; its figures are those up to its last good step."
            + (r.Nve is null ? " The NVE phase did not run." : "")
        : $"Watchdog: no check tripped in {N(r.Phases.Sum(p => p.Tally.Steps))} steps.";

    /// <summary>The text summary on stdout.</summary>
    public static void WriteText(TextWriter output, SoakResults r, bool terminal)
    {
        output.WriteLine($"soak: {r.Atoms} atoms of rock-salt NaCl at {F(SoakSettings.Temperature, 0)} K, {N(r.Settings.EquilibrateSteps)} Langevin + {N(r.Settings.Steps)} NVE steps of {F(SoakSettings.TimeStep, 0)} fs"
            + (r.Settings.Quick ? " (--quick: a check that the soak runs, not figures to quote)" : ""));
        output.WriteLine();
        foreach (var table in Figures(r))
            table.WriteText(output, terminal);
        output.WriteLine(Watchdog(r));
    }

    /// <summary>Fixed decimals, invariant; "–" for a figure that does not exist (NaN, infinite).</summary>
    public static string F(double value, int digits) => double.IsFinite(value) ? Numbers.Fixed(value, digits) : "–";

    /// <summary>A count with its thousands separated by spaces, as the docs write them (100 000).</summary>
    public static string N(long value) => value.ToString("N0", Invariant).Replace(",", " ", StringComparison.Ordinal);

    /// <summary>"42.1 s" or "12 min 05 s".</summary>
    public static string Duration(double seconds) => seconds < 60
        ? $"{F(seconds, 1)} s"
        : $"{(int)(seconds / 60)} min {((int)seconds % 60).ToString("00", Invariant)} s";
}
