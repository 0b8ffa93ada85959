using System.Text;
using System.Text.Json;
using Latent.Cli.Soak;
using Latent.Cli.Output;
using Latent.Runtime.Dynamics;
using Latent.Runtime.Dynamics.Observers;
using Latent.Runtime.Engine;
using Latent.Runtime.Engine.Solver;
using Latent.Runtime.Potentials;
using Latent.Runtime.Structures;

namespace Latent.Cli.Tests;

/// <summary>
/// <c>latent soak</c>: a quick soak end to end with figures that make sense, the page's marked section replaced
/// with every other byte kept, bad pages and options refused before anything runs, a tripped watchdog
/// reported as a result, and the counting of full searches and branch switches against the solver's own
/// reports on a dimer made to cross its ionic–covalent branch point.
/// </summary>
public sealed class SoakTests : IDisposable
{
    private const string Page = "# Reliability\n\nThe corpus section, kept as it is.\n\n<!-- soak:begin -->\nan old soak\n<!-- soak:end -->\n\nAfter the soak.\n";

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void A_quick_soak_runs_end_to_end_with_plausible_figures_and_rewrites_only_its_section()
    {
        var page = temp.Write("reliability.md", Page);
        var run = CliRun.Of("soak", "--quick", "-o", page, "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var doc = JsonDocument.Parse(run.Stdout);
        var root = doc.RootElement;
        Assert.Equal(8, root.GetProperty("atoms").GetInt32());
        Assert.True(root.GetProperty("quick").GetBoolean());
        Assert.Equal("latent soak --repeat 1 --equilibrate 200 --steps 1000 --seed 1 --threads 1 --max-drift 0.1", root.GetProperty("command").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("equilibration").GetProperty("watchdog").ValueKind);

        var nve = root.GetProperty("nve");
        Assert.Equal(1000, nve.GetProperty("steps").GetInt32());
        Assert.Equal(JsonValueKind.Null, nve.GetProperty("watchdog").ValueKind);
        Assert.True(nve.GetProperty("us_per_atom_step").GetDouble() > 0);
        // Velocity Verlet at 1 fs holds A + kinetic to hundredths of a meV per atom over a picosecond.
        var conserved = nve.GetProperty("conserved");
        Assert.InRange(conserved.GetProperty("slope_mev_per_atom_per_ps").GetDouble(), -0.1, 0.1);
        var excursion = conserved.GetProperty("max_excursion_mev_per_atom").GetDouble();
        Assert.InRange(excursion, 1e-6, 0.5);
        Assert.True(Math.Abs(conserved.GetProperty("final_minus_initial_mev_per_atom").GetDouble()) <= excursion);
        var temperature = nve.GetProperty("temperature");
        var (mean, min, max) = (temperature.GetProperty("mean").GetDouble(), temperature.GetProperty("min").GetDouble(), temperature.GetProperty("max").GetDouble());
        Assert.InRange(mean, 300, 1500);
        Assert.True(min < mean && mean < max, $"{min} < {mean} < {max}");

        var iterations = nve.GetProperty("iterations");
        Assert.True(iterations.GetProperty("mean").GetDouble() >= 1);
        Assert.True(iterations.GetProperty("max").GetInt32() > 1);
        Assert.Equal(1000, iterations.GetProperty("histogram").EnumerateObject().Sum(b => b.Value.GetInt64()));
        // A full search every 200 warm solves (the solver's default), and each one is a step of many iterations.
        Assert.Equal(5, nve.GetProperty("full_searches").GetInt32());
        Assert.True(iterations.GetProperty("histogram").GetProperty(">10").GetInt64() >= 5);
        Assert.Equal(0, nve.GetProperty("branch_switches").GetInt32());

        var na = nve.GetProperty("charges").GetProperty("Na");
        Assert.InRange(na.GetProperty("mean_abs").GetDouble(), 0.5, 1.0 + 1e-9);
        Assert.True(nve.GetProperty("charges").GetProperty("Cl").GetProperty("max").GetDouble() < 0);
        var closest = nve.GetProperty("closest").EnumerateArray().Single(p => p.GetProperty("pair").GetString() == "Na-Cl");
        Assert.InRange(closest.GetProperty("distance").GetDouble(), closest.GetProperty("contact_limit").GetDouble(), 2.82);

        var written = File.ReadAllText(page);
        Assert.StartsWith("# Reliability\n\nThe corpus section, kept as it is.\n\n<!-- soak:begin -->\n", written);
        Assert.EndsWith("<!-- soak:end -->\n\nAfter the soak.\n", written);
        Assert.DoesNotContain("an old soak", written);
        Assert.Contains("Written by `latent soak --repeat 1 --equilibrate 200 --steps 1000 --seed 1 --threads 1 --max-drift 0.1`", written);
        Assert.Contains("| NVE | 1 000 of 1 000 |", written);
        Assert.Contains("Watchdog: no check tripped in 1 200 steps.", written);
    }

    [Fact]
    public void Two_threads_give_the_figures_of_one()
    {
        if (Environment.ProcessorCount < 2)
            return;
        string Figures(string threads)
        {
            var page = temp.Write($"threads-{threads}.md", Page);
            var run = CliRun.Of("soak", "--quick", "--steps", "300", "--threads", threads, "-o", page, "--json");
            Assert.True(run.ExitCode == 0, run.Stderr);
            var root = System.Text.Json.Nodes.JsonNode.Parse(run.Stdout)!;
            // Everything but the clock.
            foreach (var phase in new[] { "equilibration", "nve" })
            {
                root[phase]!.AsObject().Remove("wall_seconds");
                root[phase]!.AsObject().Remove("us_per_atom_step");
            }
            return root["equilibration"]!.ToJsonString() + root["nve"]!.ToJsonString();
        }

        Assert.Equal(Figures("1"), Figures("2"));
    }

    [Fact]
    public void The_section_is_replaced_and_every_byte_around_it_kept_crlf_and_byte_order_mark_included()
    {
        var before = "\uFEFF# Reliability\r\n\r\nProse before, with a | pipe.\r\n<!-- soak:begin -->\r\n";
        var after = "<!-- soak:end -->\r\nProse after.\r\nNo newline at the end";
        var path = temp.File("crlf.md");
        var utf8 = new UTF8Encoding(false);
        File.WriteAllBytes(path, utf8.GetBytes(before + "old\r\nlines\r\n" + after));

        var section = MarkedSection.Read(path, "--out", MarkedSection.Soak);
        Assert.Equal("\r\n", section.Newline);
        section.Write("new figures\r\n");
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(utf8.GetBytes(before + "\r\nnew figures\r\n\r\n" + after), bytes);

        // Again: the same bytes, so a page regenerated with the same figures does not change.
        MarkedSection.Read(path, "--out", MarkedSection.Soak).Write("new figures\r\n");
        Assert.Equal(bytes, File.ReadAllBytes(path));
        Assert.Empty(Directory.GetFiles(temp.Path, "*.tmp"));
    }

    [Theory]
    [InlineData("# No markers at all\n", "no <!-- soak:begin --> line")]
    [InlineData("<!-- soak:begin -->\nonly the start\n", "no <!-- soak:end --> line")]
    [InlineData("<!-- soak:end -->\n<!-- soak:begin -->\n", ":1: <!-- soak:end --> comes before <!-- soak:begin --> (line 2)")]
    [InlineData("<!-- soak:begin -->\n<!-- soak:end -->\n<!-- soak:begin -->\n", ":3: a second <!-- soak:begin --> (the first is on line 1)")]
    [InlineData("<!-- soak:begin --> <!-- soak:end -->\n", ":1: <!-- soak:begin --> and <!-- soak:end --> share a line")]
    public void A_page_without_one_clean_pair_of_markers_is_refused_before_the_soak_runs(string text, string message)
    {
        var page = temp.Write("page.md", text);
        var run = CliRun.Of("soak", "-o", page);
        // Refused before the full soak's 102 000 steps: a test that waited for them would time out.
        run.AssertUserError(message);
        Assert.Equal(text, File.ReadAllText(page));
    }

    [Fact]
    public void A_missing_page_is_refused()
    {
        CliRun.Of("soak", "--quick", "-o", temp.File("none.md")).AssertUserError("--out", "none.md: no such file");
    }

    [Theory]
    [InlineData("--repeat", "0", "--repeat must be 1 or more cells (got 0)")]
    [InlineData("--repeat", "21", "give at most 20")]
    [InlineData("--steps", "0", "--steps must be 1 or more (got 0)")]
    [InlineData("--equilibrate", "-1", "--equilibrate must be 0 or more steps (got -1)")]
    [InlineData("--threads", "0", "--threads must be 1 or more")]
    [InlineData("--max-drift", "-1", "--max-drift must be 0 (off) or a positive number of eV/atom (got -1)")]
    public void Bad_settings_are_refused(string option, string value, string message)
    {
        var page = temp.Write("page.md", Page);
        CliRun.Of("soak", "--quick", option, value, "-o", page).AssertUserError(message);
        Assert.Equal(Page, File.ReadAllText(page));
    }

    [Fact]
    public void A_tripped_watchdog_is_a_result_written_to_the_page_with_exit_4()
    {
        var page = temp.Write("reliability.md", Page);
        var run = CliRun.Of("soak", "--quick", "--max-drift", "1e-9", "-o", page, "--json");
        Assert.Equal(4, run.ExitCode);
        run.AssertNoStackTrace();
        Assert.StartsWith("latent: error: the soak's equilibration phase stopped at step 1: the conserved energy", run.Stderr);
        using var doc = JsonDocument.Parse(run.Stdout);
        var watchdog = doc.RootElement.GetProperty("equilibration").GetProperty("watchdog");
        Assert.Equal("Drift", watchdog.GetProperty("reason").GetString());
        Assert.Equal(1, watchdog.GetProperty("step").GetInt32());
        // The step that failed is not counted: the figures are those of the steps that passed.
        Assert.Equal(0, doc.RootElement.GetProperty("equilibration").GetProperty("steps").GetInt32());
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("nve").ValueKind);
        var written = File.ReadAllText(page);
        Assert.Contains("Watchdog: the equilibration phase stopped at step 1: the conserved energy", written);
        Assert.Contains("The NVE phase did not run.", written);
    }

    /// <summary>
    /// A Na–Cl dimer let fall together from 10.5 Å crosses the ionic–covalent branch point near 9 Å, where the
    /// warm-started weights jump from neutral to ionic atoms; the tally counts that switch, and every full
    /// search, exactly as the solver's reports of the same steps say.
    /// </summary>
    [Fact]
    public void Full_searches_and_branch_switches_are_counted_as_the_solver_reports_them()
    {
        var potential = new PotentialLoader().Load("NaCl");
        var (naMass, clMass) = (22.990, 35.45);
        var dimer = new Structure(["Na", "Cl"], [Vec3.Zero, new Vec3(10.5, 0, 0)], [naMass, clMass], Cell.None);
        // Towards each other, no net momentum.
        var velocities = new Velocities([new Vec3(0.012, 0, 0), new Vec3(-0.012 * naMass / clMass, 0, 0)]);
        var calculator = new EnsembleCalculator(potential, new CalculatorOptions { Threads = 1, Solver = new SolverOptions { RecheckInterval = 50 } });
        var tally = new SoakTally();
        var (full, switched) = (new List<int>(), new List<int>());
        var reports = new CallbackObserver<MdStep>((step, state) =>
        {
            // The public report of the step's evaluation (a copy of it, so this observer allocates; the tally does not).
            var report = calculator.Calculate(state.Structure).Report;
            if (step.Step > 0 && report.FullSearch)
                full.Add(step.Step);
            if (step.Step > 0 && report.BranchSwitch)
                switched.Add(step.Step);
        });
        var run = MolecularDynamics.Run(dimer, calculator, new VelocityVerlet(), 300, 1.0, new MdOptions
        {
            Velocities = velocities,
            ThermoEvery = 0,
            Observers = [new(tally), new(reports)],
        });

        Assert.Null(run.Stop);
        Assert.Equal(300, tally.Steps);
        // One switch: the fall through the branch point (1.4 Å at 0.02 Å/fs); the ions then stay bound.
        var only = Assert.Single(switched);
        Assert.InRange(only, 60, 90);
        Assert.Equal(1, tally.BranchSwitches);
        Assert.Equal([only], tally.SwitchSteps.ToArray());
        // The warm steps of a dimer try its three integer patterns each step; every 50th is also a full search.
        Assert.Equal([50, 100, 150, 200, 250, 300], full);
        Assert.Equal(6, tally.FullSearches);
    }

    [Fact]
    public void The_tally_adds_no_allocation_to_a_step()
    {
        var crystal = RockSaltCrystal.Build("Na", 22.990, "Cl", 35.45, SoakSettings.LatticeConstant, 1).Jiggled(0.05, seed: 2);
        var calculator = new EnsembleCalculator(new PotentialLoader().Load("NaCl"), new CalculatorOptions { Threads = 1 });
        var at = new long[30];
        var recorder = new CallbackObserver<MdStep>((step, _) => at[step.Step] = GC.GetAllocatedBytesForCurrentThread());
        var run = MolecularDynamics.Run(crystal, calculator, new VelocityVerlet(), at.Length - 1, 1.0, new MdOptions
        {
            Velocities = Velocities.MaxwellBoltzmann(crystal, 300, seed: 1),
            ThermoEvery = 0,
            Observers = [new(new SoakTally()), new(recorder)],
        });
        Assert.Equal(at.Length - 1, run.Steps);
        // After the first steps (buffers sized, the tally's lists built), a whole step allocates nothing.
        var worst = Enumerable.Range(5, at.Length - 5).Max(k => at[k] - at[k - 1]);
        Assert.Equal(0, worst);
    }

    [Fact]
    public void The_drift_is_a_least_squares_slope_and_the_histogram_buckets_iterations()
    {
        var drift = new ConservedDrift();
        // C = 5 + 2·10⁻⁶ t (eV, t in fs) plus an oscillation of ±10⁻⁴ eV, over 10⁵ steps: the slope is the line's.
        for (var step = 0; step <= 100_000; step++)
            drift.Add(step, 5 + 2e-6 * step + 1e-4 * Math.Sin(step * 0.37));
        Assert.Equal(2e-6, drift.Slope, 1e-10);
        Assert.Equal(0.2, drift.Change, 1e-3);
        Assert.InRange(drift.LargestExcursion, 0.2, 0.2 + 2e-4);
        Assert.True(double.IsNaN(new ConservedDrift().Slope));

        var histogram = new IterationHistogram();
        foreach (var iterations in new[] { 1, 1, 2, 3, 5, 6, 10, 11, 400, 0 })
            histogram.Add(iterations);
        Assert.Equal([1L, 2, 1, 2, 2, 2], histogram.Counts);
        Assert.Equal(400, histogram.Max);
        Assert.Equal(43.9, histogram.Mean, 12);
    }
}
