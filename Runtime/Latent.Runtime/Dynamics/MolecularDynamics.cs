using Latent.Runtime.Calculators;
using Latent.Runtime.Dynamics.Observers;
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
    /// <exception cref="ArgumentException">Velocities for another number of atoms, or a mass that is not positive.</exception>
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

        var velocities = options.Velocities ?? new Velocities(structure.Count);
        var system = new MdSystem(structure, calculator, velocities);
        var dof = integrator.DegreesOfFreedom(structure.Count);
        // The thermo log is an observer like any other, attached first.
        var thermo = new StepLog<MdStep>();
        var observers = new ObserverSet<MdStep>([new(thermo, options.ThermoEvery), .. options.Observers],
            new DynamicsState(structure, calculator, velocities));
        var previousCharges = system.Charges.ToArray();

        void Record(int step, bool last)
        {
            // The system's own values, not system.Result: that copy is made only when an observer asks for it.
            var charges = system.Charges;
            var maxChange = 0.0;
            for (var i = 0; i < charges.Length; i++)
                maxChange = Math.Max(maxChange, Math.Abs(charges[i] - previousCharges[i]));
            charges.CopyTo(previousCharges);

            if (!observers.AnyDue(step, last))
                return;
            var kinetic = velocities.KineticEnergy(structure.Masses);
            var line = new MdStep(step, step * dt, system.FreeEnergy, kinetic, system.FreeEnergy + kinetic,
                MdUnits.Temperature(kinetic, dof), maxChange, system.Iterations);
            observers.Notify(step, last, line, system.Evaluation);
        }

        Record(0, steps == 0);
        var done = 0;
        var cancelled = false;
        while (done < steps)
        {
            integrator.Step(system, dt);
            done++;
            cancelled = options.Cancellation.IsCancellationRequested && done < steps;
            Record(done, done == steps || cancelled);
            if (cancelled)
                break;
        }

        return new MdResult(done, cancelled, thermo.Steps, velocities, system.Result);
    }
}
