using System.Diagnostics;
using Latent.Runtime.Dynamics;
using Xunit;
using Xunit.Abstractions;

namespace Latent.Runtime.Tests.Dynamics;

public sealed class NveEnergyConservationTests(ITestOutputHelper output)
{
    [Fact]
    public void Velocity_verlet_conserves_free_energy_plus_kinetic_over_10000_steps_of_NaCl()
    {
        const int steps = 10_000;
        const double dt = 1.0;
        var structure = NaClSystems.RockSalt(5.64, jiggle: 0.05, seed: 7);
        var n = structure.Count;
        var calculator = NaClSystems.Calculator();
        var velocities = Velocities.MaxwellBoltzmann(structure, 300, seed: 11);

        var clock = Stopwatch.StartNew();
        var run = MolecularDynamics.Run(structure, calculator, new VelocityVerlet(), steps, dt, new MdOptions { Velocities = velocities, ThermoEvery = 1 });
        clock.Stop();

        var thermo = run.Thermo;
        Assert.Equal(steps + 1, thermo.Count);
        // Drift: the least-squares slope of the total energy times the run's length, per atom; the
        // fluctuation about the start is reported beside it.
        var t = thermo.Select(s => s.Time).ToArray();
        var e = thermo.Select(s => s.Total).ToArray();
        var (tm, em) = (t.Average(), e.Average());
        var slope = t.Zip(e, (ti, ei) => (ti - tm) * (ei - em)).Sum() / t.Sum(ti => (ti - tm) * (ti - tm));
        var drift = slope * steps * dt / n;
        var endToEnd = (e.Skip(steps - 999).Average() - e.Take(1000).Average()) / n;
        var maxDeviation = e.Max(ei => Math.Abs(ei - e[0])) / n;
        var meanT = thermo.Skip(1000).Average(s => s.Temperature);
        var momentum = run.Velocities.Momentum(structure.Masses);
        output.WriteLine($"NVE NaCl 8 atoms, {steps} steps of {dt} fs: drift {drift:E2} eV/atom (fit), {endToEnd:E2} eV/atom (last 1000 vs first 1000 steps), max |E − E0| {maxDeviation:E2} eV/atom");
        output.WriteLine($"mean T {meanT:F1} K, max |Δq| per step {thermo.Max(s => s.MaxChargeChange):E2} e, final |P| {momentum.Length:E2} amu·Å/fs, mean solver iterations {thermo.Average(s => s.SolverIterations):F2}");
        output.WriteLine($"time {clock.Elapsed.TotalMilliseconds / steps:F3} ms/step (this build)");

        Assert.True(Math.Abs(drift) < 1e-4, $"drift {drift:E3} eV/atom");
        Assert.True(Math.Abs(endToEnd) < 1e-4, $"end-to-end change {endToEnd:E3} eV/atom");
        // The atoms did move: a run that stood still would conserve energy trivially.
        Assert.InRange(meanT, 50, 600);
        Assert.True(momentum.Length < 1e-9, $"momentum {momentum}");
    }
}
