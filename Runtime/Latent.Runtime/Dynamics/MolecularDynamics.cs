using Latent.Runtime.Calculators;
using Latent.Runtime.Dynamics.Observers;
using Latent.Runtime.Dynamics.Watchdog;
using Latent.Runtime.Structures;

namespace Latent.Runtime.Dynamics;

/// <summary>
/// The molecular-dynamics loop, in the spirit of ASE's MD drivers: an integrator advances the structure's
/// positions (in place) and its velocities step by step, with a thermo log and any observers attached
/// (a trajectory file, say). Units: fs, Å, eV, amu, K.
/// </summary>
public static class MolecularDynamics
{
    /// <summary>
    /// Runs <paramref name="steps"/> steps of <paramref name="dt"/> fs. Positions are not wrapped back into
    /// the cell (the neighbour lists follow unwrapped atoms), so trajectories stay continuous.
    /// </summary>
    /// <param name="structure">Moved in place; its masses (amu) must be positive.</param>
    /// <param name="calculator">Gives free energy and forces; warm-started from step to step by the ensemble engine.</param>
    /// <param name="integrator">The scheme: <see cref="VelocityVerlet"/> or <see cref="Langevin"/>.</param>
    /// <param name="steps">Number of steps (≥ 0).</param>
    /// <param name="dt">Time step (fs, &gt; 0); 1 fs suits ionic solids of Na and heavier atoms.</param>
    /// <param name="options">Velocities, thermo interval, observers, cancellation.</param>
    /// <remarks>
    /// After every step the watchdog (<see cref="MdOptions.Watchdog"/>) checks for non-finite forces,
    /// velocities or energy, for a drift of the conserved quantity and for atoms too close; a failed check puts
    /// the last good step back, shows it to the observers as the last, and says why in <see cref="MdResult.Stop"/>.
    /// A start that fails is not run (<see cref="MdResult.Steps"/> 0, <see cref="MdResult.Stop"/> at the start step).
    /// </remarks>
    /// <exception cref="ArgumentException">No atoms, velocities for another number of atoms, or a mass that is not positive.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Negative steps, a time step that is not positive, or a negative thermo interval.</exception>
    public static MdResult Run(Structure structure, ICalculator calculator, Integrator integrator, int steps, double dt, MdOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(structure);
        ArgumentNullException.ThrowIfNull(calculator);
        ArgumentNullException.ThrowIfNull(integrator);
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        if (!(dt > 0) || double.IsPositiveInfinity(dt))
            throw new ArgumentOutOfRangeException(nameof(dt), dt, "the time step must be positive and finite (fs)");
        options ??= new MdOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(options.ThermoEvery, nameof(options));

        ArgumentOutOfRangeException.ThrowIfNegative(options.StartStep, nameof(options));
        if (structure.Count == 0)
            throw new ArgumentException("dynamics needs at least one atom", nameof(structure));

        var velocities = options.Velocities ?? new Velocities(structure.Count);
        var system = new MdSystem(structure, calculator, velocities, options.FixedAtoms) { ThermostatEnergy = options.ThermostatEnergy };
        // Fixed atoms take up momentum, so none is conserved: every free atom's 3 degrees of freedom count.
        var fixedCount = options.FixedAtoms?.Distinct().Count() ?? 0;
        var dof = fixedCount > 0 ? 3 * (structure.Count - fixedCount) : integrator.DegreesOfFreedom(structure.Count);
        // The thermo log is an observer like any other, attached first.
        var thermo = new StepLog<MdStep>();
        var observers = new ObserverSet<MdStep>([new(thermo, options.ThermoEvery), .. options.Observers],
            new DynamicsState(structure, calculator, velocities));
        var watchdog = new MdWatchdog(options.Watchdog, system, dof) { ConservedReference = options.ConservedReference ?? double.NaN };
        var previousCharges = system.Charges.ToArray();
        var first = options.StartStep;

        double Record(int step, bool last)
        {
            // The system's own values, not system.Result: that copy is made only when an observer asks for it.
            var charges = system.Charges;
            var maxChange = 0.0;
            for (var i = 0; i < charges.Length; i++)
                maxChange = Math.Max(maxChange, Math.Abs(charges[i] - previousCharges[i]));
            charges.CopyTo(previousCharges);
            if (observers.AnyDue(step, last))
                observers.Notify(step, last, Line(step, maxChange), system.Evaluation);
            return maxChange;
        }

        MdStep Line(int step, double maxChange)
        {
            var kinetic = velocities.KineticEnergy(structure.Masses);
            (observers.State.ThermostatEnergy, observers.State.ConservedReference) = (system.ThermostatEnergy, watchdog.ConservedReference);
            return new MdStep(step, step * dt, system.FreeEnergy, kinetic, system.FreeEnergy + kinetic,
                MdUnits.Temperature(kinetic, dof), maxChange, system.Iterations);
        }

        // A start that fails the checks is not run at all: there is no good state to go back to.
        if (watchdog.Check(first) is { } refused)
            return new MdResult(0, false, thermo.Steps, velocities, system.Result, refused);

        var good = new LastGoodState(structure.Count);
        good.Take(system, integrator, first, Record(first, steps == 0));
        var done = 0;
        var cancelled = false;
        while (done < steps)
        {
            var failed = CalculatorRefusal.Step(integrator, system, dt, first + done + 1);
            done++;
            if ((failed ?? watchdog.Check(first + done)) is { } stop)
            {
                // Back to the last step that passed, which observers now see as the last (a trajectory and a
                // restart file end on a state worth continuing from).
                good.Restore(system, integrator);
                observers.NotifyNowLast(good.Step, Line(good.Step, good.MaxChargeChange), system.Evaluation);
                return new MdResult(done - 1, false, thermo.Steps, velocities, system.Result, stop);
            }

            cancelled = options.Cancellation.IsCancellationRequested && done < steps;
            good.Take(system, integrator, first + done, Record(first + done, done == steps || cancelled));
            if (cancelled)
                break;
        }

        return new MdResult(done, cancelled, thermo.Steps, velocities, system.Result);
    }
}
