using Latent.Runtime.Dynamics;
using Latent.Runtime.Dynamics.Observers;
using Latent.Runtime.Structures;
using Latent.Runtime.Structures.ExtendedXyz;
using Latent.Runtime.Tests.Calculators;
using Xunit;

namespace Latent.Runtime.Tests.Dynamics;

/// <summary>
/// Observers attached to MD and FIRE are called at step 0, every k-th step and the last, in the state of
/// that step; the extended XYZ trajectory is one of them and works with any calculator.
/// </summary>
public sealed class ObserverTests
{
    private static Structure Triangle() =>
        new(["H", "H", "H"], [Vec3.Zero, new Vec3(1.7, 0, 0), new Vec3(0.6, 1.1, 0.2)], [1.0, 2.0, 3.0], Cell.None);

    private static HarmonicPairCalculator Springs() => new(2.0, 1.5);

    /// <summary>Every call an observer gets: the step, whether it was the last, and checks of the state against the record.</summary>
    private sealed class Probe : IDynamicsObserver<MdStep>, IDynamicsObserver<RelaxStep>
    {
        public List<(int Step, bool Last)> Calls { get; } = [];

        public void Observe(MdStep step, DynamicsState state)
        {
            Calls.Add((step.Step, state.IsLast));
            // The state is the one the record was made from.
            Assert.Equal(step.Potential, state.Evaluation.FreeEnergy);
            Assert.Equal(step.Potential, state.Calculate().FreeEnergy);
            Assert.NotNull(state.Velocities);
            Assert.Equal(step.Kinetic, state.Velocities.KineticEnergy(state.Structure.Masses));
        }

        public void Observe(RelaxStep step, DynamicsState state)
        {
            Calls.Add((step.Step, state.IsLast));
            Assert.Equal(step.Energy, state.Evaluation.FreeEnergy);
            Assert.Null(state.Velocities);
        }
    }

    [Theory]
    [InlineData(5, new[] { 0, 5, 10, 12 })]
    [InlineData(4, new[] { 0, 4, 8, 12 })]
    [InlineData(0, new[] { 0, 12 })]
    [InlineData(20, new[] { 0, 12 })]
    public void MD_observers_see_step_0_every_kth_step_and_the_last(int every, int[] expected)
    {
        var probe = new Probe();
        var everyStep = new StepLog<MdStep>();
        var structure = Triangle();
        var run = MolecularDynamics.Run(structure, Springs(), new VelocityVerlet(), 12, 0.5,
            new MdOptions { ThermoEvery = 3, Observers = [new(probe, every), new(everyStep)] });

        Assert.Equal(expected, probe.Calls.Select(c => c.Step));
        Assert.Equal(expected.Select(s => s == 12), probe.Calls.Select(c => c.Last));
        Assert.Equal(Enumerable.Range(0, 13), everyStep.Steps.Select(s => s.Step));
        // The thermo log is the same kind of observer, at its own interval.
        Assert.Equal([0, 3, 6, 9, 12], run.Thermo.Select(s => s.Step));
        Assert.Equal(run.Thermo, everyStep.Steps.Where(s => s.Step % 3 == 0));
    }

    [Theory]
    [InlineData(4, new[] { 0, 4, 8, 11 })]
    [InlineData(1, new[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 })]
    [InlineData(0, new[] { 0, 11 })]
    public void FIRE_observers_see_step_0_every_kth_step_and_the_last(int every, int[] expected)
    {
        var probe = new Probe();
        var result = Fire.Relax(Triangle(), Springs(), new RelaxOptions { Fmax = 1e-300, MaxSteps = 11, Observers = [new(probe, every)] });

        Assert.False(result.Converged);
        Assert.Equal(expected, probe.Calls.Select(c => c.Step));
        Assert.Equal(expected.Select(s => s == 11), probe.Calls.Select(c => c.Last));
    }

    [Fact]
    public void A_converged_relaxation_ends_with_its_last_step_observed()
    {
        var log = new StepLog<RelaxStep>();
        var probe = new Probe();
        var result = Fire.Relax(Triangle(), Springs(), new RelaxOptions { Fmax = 1e-6, Observers = [new(log), new(probe, 1000)] });

        Assert.True(result.Converged);
        Assert.Equal(result.Steps, log.Steps[^1].Step);
        Assert.Equal(result.Energy, log.Steps[^1].Energy);
        Assert.Equal([(0, false), (result.Steps, true)], probe.Calls);
    }

    [Fact]
    public void An_observer_that_cancels_stops_MD_and_FIRE_after_the_step_it_saw()
    {
        using var stopMd = new CancellationTokenSource();
        var md = new StepLog<MdStep>();
        var run = MolecularDynamics.Run(Triangle(), Springs(), new VelocityVerlet(), 100, 0.5, new MdOptions
        {
            Cancellation = stopMd.Token,
            Observers = [new(new CallbackObserver<MdStep>((s, _) => { if (s.Step == 7) stopMd.Cancel(); })), new(md, 0)],
        });
        Assert.True(run.Cancelled);
        Assert.Equal(8, run.Steps);
        Assert.Equal([0, 8], md.Steps.Select(s => s.Step));

        using var stopFire = new CancellationTokenSource();
        var fire = new StepLog<RelaxStep>();
        var result = Fire.Relax(Triangle(), Springs(), new RelaxOptions
        {
            Fmax = 1e-300,
            Cancellation = stopFire.Token,
            Observers = [new(new CallbackObserver<RelaxStep>((s, _) => { if (s.Step == 5) stopFire.Cancel(); })), new(fire, 0)],
        });
        Assert.True(result.Cancelled);
        Assert.Equal(6, result.Steps);
        Assert.Equal([0, 6], fire.Steps.Select(s => s.Step));
    }

    [Fact]
    public void The_trajectory_observer_writes_what_any_calculator_gives()
    {
        using var text = new StringWriter();
        var structure = Triangle();
        var velocities = new Velocities([new Vec3(0.01, 0, 0), Vec3.Zero, new Vec3(0, -0.01, 0.005)]);
        using (var trajectory = new TrajectoryObserver(new ExtendedXyzWriter(text, leaveOpen: true)))
        {
            MolecularDynamics.Run(structure, Springs(), new VelocityVerlet(), 6, 0.5, new MdOptions { Velocities = velocities, Observers = [new(trajectory, 3)] });
            Assert.Equal(3, trajectory.FramesWritten);
        }

        var frames = ExtendedXyzReader.Parse(text.ToString());
        Assert.Equal([0, 3, 6], frames.Select(f => (int)f.Info["step"]));
        Assert.Equal([0.0, 1.5, 3.0], frames.Select(f => f.Info.TryGetDouble("time", out var t) ? t : double.NaN));
        var last = frames[^1];
        Assert.Equal(structure.X, last.Structure.X);
        var v = TrajectoryFrames.FromMomenta(last.Structure, last.Columns["momenta"].Reals);
        Assert.Equal(velocities[2].Y, v.Y[2], 1e-15);
        Assert.Equal(velocities[2].Z, v.Z[2], 1e-15);
        Assert.Equal(Springs().Calculate(structure).Forces[1], last.Columns["forces"].Vector(1));
        // The springs give no charges, weights or stress, so the frame has none.
        Assert.False(last.Columns.TryGet("charges", out _));
        Assert.False(last.Columns.TryGet("weights", out _));
        Assert.False(last.Info.TryGetVoigt("stress", out _));
        Assert.Equal((double)last.Info["energy"], (double)last.Info["free_energy"]);
    }
}
