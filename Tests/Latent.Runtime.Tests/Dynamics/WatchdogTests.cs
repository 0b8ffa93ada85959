using Latent.Runtime.Calculators;
using Latent.Runtime.Dynamics;
using Latent.Runtime.Dynamics.Observers;
using Latent.Runtime.Dynamics.Restart;
using Latent.Runtime.Dynamics.Watchdog;
using Latent.Runtime.Structures;
using Latent.Runtime.Structures.ExtendedXyz;
using Latent.Runtime.Tests.Calculators;
using Xunit;

namespace Latent.Runtime.Tests.Dynamics;

/// <summary>
/// The dynamics watchdog: a run that blows up, turns non-finite or crushes two atoms stops at the last good
/// step and says why; the pair scales it measures match a dimer whose answer is known; the thermostat's
/// energy tally makes A + kinetic − its work a conserved quantity for Langevin too; a restart continues a run.
/// </summary>
public sealed class WatchdogTests
{
    private static Structure Pair(double r, string symbol = "Ar", double mass = 40) =>
        new([symbol, symbol], [Vec3.Zero, new Vec3(r, 0, 0)], [mass, mass], Cell.None);

    [Fact]
    public void A_harmonic_dimer_gives_its_minimum_curvature_period_and_the_distance_ten_eV_up()
    {
        // E = ½k(r − r₀)²: minimum r₀, curvature k, E = 10 eV at r₀ − √(20/k), period 2π√(μ/k).
        var (k, r0) = (20.0, 2.0);
        var scale = PairScan.Measure(new HarmonicPairCalculator(k, r0), "Ar", 40, "Ar", 40, outer: 5);
        Assert.Equal(r0, scale.MinimumDistance!.Value, 5);
        Assert.Equal(k, scale.Curvature!.Value, 3);
        Assert.Equal(r0 - Math.Sqrt(2 * PairScan.RiseEnergy / k), scale.SensibleDistance!.Value, 6);
        Assert.Equal(20.0, scale.ReducedMass, 12);
        Assert.Equal(2 * Math.PI * Math.Sqrt(20 * MdUnits.AmuAngstrom2PerFs2 / k), scale.Period!.Value, 3);
    }

    [Fact]
    public void The_shipped_NaCl_pairs_have_sensible_scales()
    {
        var scale = PairScan.Measure(NaClSystems.Calculator(new Latent.Runtime.Engine.Solver.SolverOptions { Anneal = Latent.Runtime.Engine.Solver.Annealing.Always, CompareStarts = true }),
            "Na", NaClSystems.NaMass, "Cl", NaClSystems.ClMass, NaClSystems.Potential.Cutoff);
        // The Na–Cl dimer is bound near 2.36 Å and vibrates in about 100 fs (NaCl molecule: 91 fs measured).
        Assert.InRange(scale.MinimumDistance!.Value, 2.2, 2.5);
        Assert.InRange(scale.Period!.Value, 60, 150);
        Assert.InRange(scale.SensibleDistance!.Value, 1.0, 2.0);
    }

    [Fact]
    public void An_NVE_run_with_a_100_fs_step_stops_on_drift_at_the_last_good_step()
    {
        var s = NaClSystems.RockSalt(5.64, jiggle: 0.05, seed: 2);
        var frames = new StepLog<MdStep>();
        var run = MolecularDynamics.Run(s, NaClSystems.Calculator(), new VelocityVerlet(), 200, 100.0, new MdOptions
        {
            Velocities = Velocities.MaxwellBoltzmann(s, 300, seed: 1),
            Observers = [new(frames, 0)],
        });
        var stop = Assert.IsType<DynamicsStop>(run.Stop);
        Assert.Equal(StopReason.Drift, stop.Reason);
        Assert.Equal(stop.Step - 1, run.Steps);
        Assert.Contains($"step {stop.Step}: the conserved energy", stop.Message);
        Assert.NotEmpty(stop.Atoms);
        // The observers' last step is the good one, shown once, and the structure is back there.
        Assert.Equal(run.Steps, frames.Steps[^1].Step);
        Assert.Equal(frames.Steps.Count, frames.Steps.Select(f => f.Step).Distinct().Count());
        var start = frames.Steps[0].Total;
        Assert.True(Math.Abs(frames.Steps[^1].Total - start) / s.Count <= WatchdogOptions.DefaultMaxDrift);
        Assert.Equal(frames.Steps[^1].Potential, run.Final.FreeEnergy, 9);
    }

    [Fact]
    public void A_non_finite_force_stops_the_run_naming_the_atom()
    {
        var s = Pair(2.5);
        var run = MolecularDynamics.Run(s, new PoisonedCalculator(new HarmonicPairCalculator(1, 2), after: 6, atom: 1), new VelocityVerlet(), 50, 1.0);
        var stop = Assert.IsType<DynamicsStop>(run.Stop);
        Assert.Equal((StopReason.NonFinite, 5), (stop.Reason, stop.Step));
        Assert.Equal([1], stop.Atoms);
        Assert.Contains("atom 1 (Ar) has force (NaN", stop.Message);
        Assert.Equal(4, run.Steps);
        Assert.True(double.IsFinite(s.X[1]));
    }

    /// <summary>The calculator's own refusals (its finite check, coincident atoms) end a run like the watchdog's checks, on the last good step.</summary>
    [Theory]
    [InlineData("non-finite")]
    [InlineData("coincident")]
    public void A_calculation_the_calculator_refuses_stops_the_run_at_the_last_good_step(string kind)
    {
        var s = Pair(2.5);
        Func<Exception> failure = kind == "non-finite"
            ? () => new NonFiniteResultException("force", double.NaN, 1, "Ar", "pair term")
            : () => new AtomsTooCloseException(0, "Ar", 1, "Ar", 0.01);
        var run = MolecularDynamics.Run(s, new FailingCalculator(new HarmonicPairCalculator(1, 2), after: 6, failure), new VelocityVerlet(), 50, 1.0);
        var stop = Assert.IsType<DynamicsStop>(run.Stop);
        Assert.Equal((kind == "non-finite" ? StopReason.NonFinite : StopReason.CloseContact, 5), (stop.Reason, stop.Step));
        Assert.Equal(kind == "non-finite" ? [1] : [0, 1], stop.Atoms);
        Assert.StartsWith("step 5: ", stop.Message);
        Assert.Equal(4, run.Steps);
        Assert.True(double.IsFinite(s.X[1]) && Math.Abs(s.X[1] - s.X[0]) > 1, "the structure handed back is the last good one");
    }

    [Fact]
    public void Atoms_driven_together_stop_the_run_before_they_cross_the_limit()
    {
        var s = Pair(2.0);
        var v = new Velocities(2);
        (v.X[0], v.X[1]) = (0.05, -0.05);
        var limits = new ContactLimits([new PairScale("Ar", "Ar", 20, null, null, 1.2)], 1.0);
        var run = MolecularDynamics.Run(s, new HarmonicPairCalculator(0.01, 2), new VelocityVerlet(), 100, 1.0,
            new MdOptions { Velocities = v, Watchdog = new WatchdogOptions { Contacts = limits } });
        var stop = Assert.IsType<DynamicsStop>(run.Stop);
        Assert.Equal(StopReason.CloseContact, stop.Reason);
        Assert.Equal([0, 1], stop.Atoms);
        Assert.Contains("closer than 1.2 Å (1 × the Ar–Ar pair's smallest sensible distance 1.2 Å", stop.Message);
        Assert.True(s.X[1] - s.X[0] >= 1.2, "the structure handed back is the last one that kept its distance");
    }

    [Fact]
    public void A_start_that_fails_is_not_run_and_no_atoms_is_refused()
    {
        var limits = new ContactLimits([new PairScale("Ar", "Ar", 20, null, null, 1.2)], 0.5);
        var run = MolecularDynamics.Run(Pair(0.5), new HarmonicPairCalculator(1, 2), new VelocityVerlet(), 10, 1.0,
            new MdOptions { Watchdog = new WatchdogOptions { Contacts = limits } });
        Assert.Equal((0, StopReason.CloseContact), (run.Steps, run.Stop!.Reason));
        Assert.Empty(run.Thermo);
        var empty = new Structure([], [], [], Cell.None);
        Assert.Throws<ArgumentException>(() => MolecularDynamics.Run(empty, new HarmonicPairCalculator(1, 2), new VelocityVerlet(), 10, 1.0));
        Assert.Throws<ArgumentException>(() => Fire.Relax(empty, new HarmonicPairCalculator(1, 2)));
    }

    [Fact]
    public void FIRE_stops_on_a_non_finite_force_at_the_last_good_configuration()
    {
        var s = Pair(2.5);
        var result = Fire.Relax(s, new PoisonedCalculator(new HarmonicPairCalculator(1, 2), after: 4, atom: 0), new RelaxOptions { Fmax = 1e-9 });
        Assert.Equal((StopReason.NonFinite, 3, 2), (result.Stop!.Reason, result.Stop.Step, result.Steps));
        Assert.True(double.IsFinite(s.X[0]) && double.IsFinite(result.Energy));
    }

    [Fact]
    public void FIRE_stops_on_a_calculation_the_calculator_refuses_at_the_last_good_configuration()
    {
        var s = Pair(2.5);
        var calculator = new FailingCalculator(new HarmonicPairCalculator(1, 2), after: 4, () => new NonFiniteResultException("force", double.NaN, 0, "Ar", null));
        var result = Fire.Relax(s, calculator, new RelaxOptions { Fmax = 1e-9 });
        Assert.Equal((StopReason.NonFinite, 3, 2), (result.Stop!.Reason, result.Stop.Step, result.Steps));
        Assert.Equal([0], result.Stop.Atoms);
        Assert.True(double.IsFinite(s.X[0]) && double.IsFinite(result.Energy));
    }

    [Fact]
    public void Langevin_A_plus_kinetic_minus_the_thermostat_work_is_conserved()
    {
        var s = NaClSystems.RockSalt(5.64, jiggle: 0.05, seed: 2);
        var conserved = new List<double>();
        var totals = new List<double>();
        var probe = new CallbackObserver<MdStep>((step, state) =>
        {
            totals.Add(step.Total);
            conserved.Add(step.Total - state.ThermostatEnergy);
        });
        MolecularDynamics.Run(s, NaClSystems.Calculator(), new Langevin(300, 0.05, seed: 3), 200, 1.0, new MdOptions
        {
            Velocities = Velocities.MaxwellBoltzmann(s, 300, seed: 1),
            Observers = [new(probe, 10)],
        });
        var spread = conserved.Max() - conserved.Min();
        // The bath moves A + kinetic by tenths of an eV; the tally leaves only the splitting error.
        Assert.True(totals.Max() - totals.Min() > 0.05, $"the bath moved A + kinetic by only {totals.Max() - totals.Min()} eV");
        Assert.True(spread / s.Count < 2e-4, $"A + kinetic − thermostat work spread {spread / s.Count} eV/atom");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_run_continued_from_its_restart_frame_follows_the_uninterrupted_one(bool langevin)
    {
        Integrator Make() => langevin ? new Langevin(300, 0.02, seed: 5) : new VelocityVerlet();
        var whole = NaClSystems.RockSalt(5.64, jiggle: 0.05, seed: 2);
        var wholeRun = MolecularDynamics.Run(whole, NaClSystems.Calculator(), Make(), 40, 1.0, new MdOptions { Velocities = Velocities.MaxwellBoltzmann(whole, 300, seed: 1) });

        var first = NaClSystems.RockSalt(5.64, jiggle: 0.05, seed: 2);
        var integrator = Make();
        var path = Path.Combine(Path.GetTempPath(), $"latent-restart-{Guid.NewGuid():N}.extxyz");
        try
        {
            var checkpoint = new RestartCheckpoint(path, integrator, 1.0, "NaCl", 300, 0.02, 5);
            MolecularDynamics.Run(first, NaClSystems.Calculator(), integrator, 20, 1.0,
                new MdOptions { Velocities = Velocities.MaxwellBoltzmann(first, 300, seed: 1), Observers = [new(checkpoint, 0)] });
            var restart = MdRestart.FromFrame(Assert.Single(ExtendedXyzReader.ReadFile(path)));
            Assert.Equal(20, restart.Step);
            var next = Make();
            if (next is Langevin l)
                l.StreamState = restart.Stream!.Value;
            var rest = MolecularDynamics.Run(restart.Structure, NaClSystems.Calculator(), next, 20, 1.0, new MdOptions
            {
                Velocities = restart.Velocities,
                StartStep = restart.Step,
                ThermostatEnergy = restart.ThermostatEnergy,
                ConservedReference = restart.ConservedReference,
            });
            Assert.Equal(40, rest.Thermo[^1].Step);
            for (var i = 0; i < whole.Count; i++)
            {
                // The latent weights are solved afresh after the restart, so agreement is to the solver's tolerance, not bit for bit.
                Assert.Equal(whole.X[i], restart.Structure.X[i], 8);
                Assert.Equal(wholeRun.Velocities.Z[i], rest.Velocities.Z[i], 8);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }
}
