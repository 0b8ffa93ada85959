using System.Diagnostics;
using Latent.Cli.Bench;
using Latent.Cli.Input;
using Latent.Cli.Output;
using Latent.Cli.Safety;
using Latent.Runtime.Dynamics;
using Latent.Runtime.Dynamics.Observers;
using Latent.Runtime.Dynamics.Watchdog;
using Latent.Runtime.Engine;
using Latent.Runtime.Structures;

namespace Latent.Cli.Soak;

/// <summary>
/// One soak: the crystal built, its pairs measured for the watchdog's contact limits (as <c>latent md</c>
/// does), Langevin at the soak's temperature to bring it there, then NVE from where that left off, on one
/// calculator, so the NVE run's weights are warm-started from the equilibration's as a long run's would be.
/// A phase the watchdog stops is a result: the report says where and why, and an NVE run after a stopped
/// equilibration is not started.
/// </summary>
internal static class SoakRun
{
    /// <summary>Steps between progress reports.</summary>
    private const int ProgressEvery = 100;

    /// <summary>What the crystal is called in messages.</summary>
    public const string CrystalName = "the soak's rock-salt crystal";

    /// <summary>Runs the soak, reporting progress (steps done, a status line) through <paramref name="report"/>.</summary>
    public static SoakResults Run(SoakSettings settings, Action<double, string> report)
    {
        var started = DateTimeOffset.UtcNow;
        var kernels = PotentialInput.Load(SoakSettings.Potential);
        var (na, cl) = (kernels.Elements[PotentialInput.ElementIndex(kernels, "Na", SoakSettings.Potential)],
            kernels.Elements[PotentialInput.ElementIndex(kernels, "Cl", SoakSettings.Potential)]);
        var structure = RockSaltCrystal.Build(na.Symbol, na.Mass, cl.Symbol, cl.Mass, SoakSettings.LatticeConstant, settings.Repeat, RockSaltOrder.Grid);
        var safety = DynamicsSafety.Check(kernels, structure, CrystalName, SafetyOptions.DefaultContactFraction);
        var watchdog = new WatchdogOptions { MaxDriftPerAtom = settings.MaxDrift, Contacts = safety.Contacts };
        var calculator = new EnsembleCalculator(kernels, new CalculatorOptions { Threads = settings.Threads });
        var velocities = Velocities.MaxwellBoltzmann(structure, SoakSettings.Temperature, settings.Seed);

        var equilibration = Phase("equilibration",
            $"Langevin (BAOAB) at {Numbers.Short(SoakSettings.Temperature)} K, friction {Numbers.Short(SoakSettings.Friction)}/fs",
            new Langevin(SoakSettings.Temperature, SoakSettings.Friction, settings.Seed), settings.EquilibrateSteps, 0,
            structure, calculator, velocities, watchdog, report);
        SoakPhase? nve = null;
        if (equilibration.Stop is null)
        {
            // The thermostat lets the centre of mass diffuse; NVE counts 3N − 3 degrees of freedom, so it starts without that motion.
            velocities.RemoveDrift(structure.Masses);
            nve = Phase("NVE", "velocity Verlet", new VelocityVerlet(), settings.Steps, settings.EquilibrateSteps,
                structure, calculator, velocities, watchdog, report);
        }

        return new SoakResults(settings, MachineInfo.Describe(), started, DateTimeOffset.UtcNow, structure.Count,
            structure.Symbols.GroupBy(s => s).Select(g => (g.Key, g.Count())).ToList(), safety.Contacts, equilibration, nve);
    }

    private static SoakPhase Phase(
        string name, string integratorText, Integrator integrator, int steps, int before, Structure structure, EnsembleCalculator calculator,
        Velocities velocities, WatchdogOptions watchdog, Action<double, string> report)
    {
        var tally = new SoakTally();
        var progress = new CallbackObserver<MdStep>((line, _) =>
            report(before + line.Step, $"{name} step {line.Step:N0} of {steps:N0}: T = {Numbers.Fixed(line.Temperature, 0)} K"));
        var clock = Stopwatch.GetTimestamp();
        var result = MolecularDynamics.Run(structure, calculator, integrator, steps, SoakSettings.TimeStep, new MdOptions
        {
            Velocities = velocities,
            ThermoEvery = 0,
            Watchdog = watchdog,
            Observers = [new(tally), new(progress, ProgressEvery)],
        });
        var seconds = Stopwatch.GetElapsedTime(clock).TotalSeconds;
        return new SoakPhase(name, integratorText, steps, tally, seconds, result.Stop);
    }
}
