using Latent.Runtime.Dynamics;
using Latent.Runtime.Dynamics.Observers;
using Latent.Runtime.Structures.ExtendedXyz;
using Xunit;
using Xunit.Abstractions;

namespace Latent.Runtime.Tests.Dynamics;

public sealed class LangevinTests(ITestOutputHelper output)
{
    [Fact]
    public void Thermostat_heats_a_crystal_from_rest_to_the_bath_temperature()
    {
        const double target = 300;
        const double friction = 0.05;
        const int equilibration = 500;
        const int production = 4000;
        // The ideal crystal at rest, at the potential's own lattice constant, feels no force: all heat comes from the bath.
        var structure = NaClSystems.RockSalt(5.66);
        var run = MolecularDynamics.Run(structure, NaClSystems.Calculator(), new Langevin(target, friction, seed: 2024),
            equilibration + production, 1.0, new MdOptions { ThermoEvery = 1 });
        var temperatures = run.Thermo.Skip(equilibration + 1).Select(s => s.Temperature).ToArray();
        var mean = temperatures.Average();

        // Block averages estimate the standard error from the data themselves.
        const int blocks = 20;
        var size = temperatures.Length / blocks;
        var means = Enumerable.Range(0, blocks).Select(b => temperatures.Skip(b * size).Take(size).Average()).ToArray();
        var blockError = Math.Sqrt(means.Sum(m => (m - means.Average()) * (m - means.Average())) / (blocks - 1) / blocks);
        output.WriteLine($"Langevin γ = {friction}/fs, {production} steps of 1 fs after {equilibration}: ⟨T⟩ = {mean:F1} K (target {target} K), block standard error {blockError:F1} K");

        // A priori bound: the instantaneous temperature over 3N = 24 degrees of freedom has relative
        // spread √(2/24) = 0.29; its correlation time is at most about 1/(2γ) + a phonon half-period,
        // under 20 fs, so the 4000 samples hold at least 100 independent ones and the mean's relative
        // standard error is below 0.29/√100 ≈ 3 %. BAOAB's discretisation error at 1 fs is far smaller.
        // Allowed: three such standard errors.
        Assert.InRange(mean, target * 0.91, target * 1.09);
        Assert.True(Math.Abs(mean - target) < 4 * blockError + 0.01 * target, $"⟨T⟩ {mean} vs {target} with block error {blockError}");
        // The thermostat did the heating: the first steps were cold.
        Assert.True(run.Thermo[1].Temperature < 0.2 * target);
    }

    [Fact]
    public void Same_seed_gives_identical_trajectories_and_another_seed_does_not()
    {
        string Trajectory(long seed, out MdResult result, out int frames)
        {
            var structure = NaClSystems.RockSalt(5.66, jiggle: 0.02, seed: 4);
            var velocities = Velocities.MaxwellBoltzmann(structure, 300, seed: 8);
            using var text = new StringWriter();
            using (var trajectory = new TrajectoryObserver(new ExtendedXyzWriter(text, leaveOpen: true)))
            {
                result = MolecularDynamics.Run(structure, NaClSystems.Calculator(), new Langevin(300, 0.02, seed), 200, 1.0,
                    new MdOptions { Velocities = velocities, ThermoEvery = 1, Observers = [new(trajectory, 10)] });
                frames = trajectory.FramesWritten;
            }

            return text.ToString();
        }

        var first = Trajectory(77, out var a, out var frames);
        var second = Trajectory(77, out var b, out _);
        var other = Trajectory(78, out var c, out _);
        Assert.Equal(21, frames);
        Assert.Equal(first, second);
        Assert.Equal(a.Thermo, b.Thermo);
        Assert.Equal(a.Velocities.X, b.Velocities.X);
        Assert.NotEqual(first, other);
        Assert.NotEqual(a.Velocities.X, c.Velocities.X);
    }
}
