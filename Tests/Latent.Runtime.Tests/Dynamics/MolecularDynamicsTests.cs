using Latent.Runtime.Dynamics;
using Latent.Runtime.Dynamics.Observers;
using Latent.Runtime.Structures.ExtendedXyz;
using Xunit;

namespace Latent.Runtime.Tests.Dynamics;

public sealed class MolecularDynamicsTests
{
    [Fact]
    public void Trajectory_frames_carry_charges_weights_forces_velocities_and_energies()
    {
        var structure = NaClSystems.RockSalt(5.7, jiggle: 0.05, seed: 2);
        var velocities = Velocities.MaxwellBoltzmann(structure, 300, seed: 3);
        using var text = new StringWriter();
        MdResult run;
        using (var trajectory = new TrajectoryObserver(new ExtendedXyzWriter(text, leaveOpen: true)))
        {
            run = MolecularDynamics.Run(structure, NaClSystems.Calculator(), new VelocityVerlet(), 12, 0.5,
                new MdOptions { Velocities = velocities, ThermoEvery = 4, Observers = [new(trajectory, 5)] });
            Assert.Equal(4, trajectory.FramesWritten);
        }

        var frames = ExtendedXyzReader.Parse(text.ToString());
        // Step 0, every fifth step and the last.
        Assert.Equal([0, 5, 10, 12], frames.Select(f => (int)f.Info["step"]));
        Assert.Equal([0, 4, 8, 12], run.Thermo.Select(s => s.Step));
        var last = frames[^1];
        Assert.Equal(6.0, (double)last.Info["time"]);
        Assert.Equal(run.Final.FreeEnergy, (double)last.Info["free_energy"]);
        // energy is A in every file, as ASE's force-consistent energy; E has its own key.
        Assert.Equal(run.Final.FreeEnergy, (double)last.Info["energy"]);
        Assert.Equal(run.Final.InternalEnergy, (double)last.Info["internal_energy"]);
        Assert.True(last.Info.TryGetVoigt("stress", out var stress));
        Assert.Equal(run.Final.Stress!, stress);
        Assert.Equal(structure.X, last.Structure.X);
        Assert.Equal(run.Final.Charges!, last.Columns["charges"].Reals);
        var weights = last.Columns["weights"];
        Assert.Equal(3, weights.Components);
        Assert.Equal(run.Final.Weights!.SelectMany(w => w), weights.Reals);
        for (var i = 0; i < structure.Count; i++)
        {
            Assert.Equal(run.Final.Forces[i], last.Columns["forces"].Vector(i));
            // ASE momenta: mass × velocity in ASE's units.
            Assert.Equal(structure.Masses[i] * MdUnits.AseVelocityPerAngstromPerFs * velocities[i].X, last.Columns["momenta"].Vector(i).X, 1e-15);
            Assert.Equal(structure.Masses[i] * MdUnits.AseVelocityPerAngstromPerFs * velocities[i].Z, last.Columns["momenta"].Vector(i).Z, 1e-15);
        }

        Assert.Same(velocities, run.Velocities);
        Assert.Equal(run.Thermo[^1].Potential + run.Thermo[^1].Kinetic, run.Thermo[^1].Total);
    }

    [Fact]
    public void Cancellation_stops_after_the_current_step_and_logs_it()
    {
        using var stop = new CancellationTokenSource();
        var watcher = new CallbackObserver<MdStep>((s, _) =>
        {
            if (s.Step == 30)
                stop.Cancel();
        });
        var run = MolecularDynamics.Run(NaClSystems.Dimer(2.5), NaClSystems.Calculator(), new VelocityVerlet(), 1000, 1.0,
            new MdOptions { ThermoEvery = 10, Cancellation = stop.Token, Observers = [new(watcher, 10)] });
        Assert.True(run.Cancelled);
        Assert.Equal(31, run.Steps);
        Assert.Equal(31, run.Thermo[^1].Step);
    }

    [Fact]
    public void Dimer_from_rest_oscillates_about_its_minimum_with_constant_energy()
    {
        // Stretched by 0.1 Å and released: the distance swings between about 2.26 and 2.46 Å.
        var structure = NaClSystems.Dimer(2.46);
        var distances = new List<double>();
        var calculator = NaClSystems.Calculator();
        var run = MolecularDynamics.Run(structure, calculator, new VelocityVerlet(), 300, 1.0, new MdOptions { ThermoEvery = 1 });
        Assert.InRange(run.Thermo.Min(s => s.Potential), run.Thermo[0].Potential - 0.03, run.Thermo[0].Potential - 0.02);
        // Within half a unit of the fourth decimal (it drifts by 2.3e-5 eV): as tight as rounding both to four
        // places meant, without failing when a drift of 2e-5 eV crosses a rounding boundary.
        Assert.All(run.Thermo, s => Assert.Equal(run.Thermo[0].Total, s.Total, 5e-5));
        Assert.True(run.Thermo.Max(s => s.Kinetic) > 0.02);
        // A dimer has 3 drift-free degrees of freedom (here only the stretch is excited).
        Assert.Equal(3, new VelocityVerlet().DegreesOfFreedom(2));
        Assert.Equal(6, new Langevin(300, 0.01, 1).DegreesOfFreedom(2));
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        var calculator = NaClSystems.Calculator();
        Assert.Throws<ArgumentOutOfRangeException>(() => MolecularDynamics.Run(NaClSystems.Dimer(2.4), calculator, new VelocityVerlet(), 10, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => MolecularDynamics.Run(NaClSystems.Dimer(2.4), calculator, new VelocityVerlet(), -1, 1));
        Assert.Throws<ArgumentException>(() => MolecularDynamics.Run(NaClSystems.Dimer(2.4), calculator, new VelocityVerlet(), 10, 1, new MdOptions { Velocities = new Velocities(3) }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Langevin(300, -0.1, 1));
    }
}
