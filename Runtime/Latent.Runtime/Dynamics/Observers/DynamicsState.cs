using Latent.Runtime.Calculators;
using Latent.Runtime.Structures;

namespace Latent.Runtime.Dynamics.Observers;

/// <summary>
/// What an observer sees besides the step record: the structure in the state of the step, the calculator,
/// its evaluation of that state, and the velocities of a dynamics run. One instance serves a whole run and
/// is updated in place, so observing allocates nothing; read it during <see cref="IDynamicsObserver{TStep}.Observe"/>
/// and keep copies, not references.
/// </summary>
public sealed class DynamicsState
{
    internal DynamicsState(Structure structure, ICalculator calculator, Velocities? velocities)
    {
        Structure = structure;
        Calculator = calculator;
        Velocities = velocities;
    }

    /// <summary>The structure, moved in place by the run: at the step observed.</summary>
    public Structure Structure { get; }

    /// <summary>The calculator the run uses. Asking it about the unchanged <see cref="Structure"/> computes nothing (its cache rule).</summary>
    public ICalculator Calculator { get; }

    /// <summary>The calculator's evaluation of the structure at this step (energy, forces, stress, charges).</summary>
    public IEvaluation Evaluation { get; internal set; } = null!;

    /// <summary>The velocities (Å/fs) of a dynamics run, advanced in place; null in a relaxation, whose velocities are not physical.</summary>
    public Velocities? Velocities { get; }

    /// <summary>Kinetic energy the thermostat has put in since the run began (eV; 0 for NVE and relaxation).</summary>
    public double ThermostatEnergy { get; internal set; }

    /// <summary>A + kinetic − thermostat energy at the run's start (eV; NaN in a relaxation): what the drift is measured from, kept by a restart.</summary>
    public double ConservedReference { get; internal set; } = double.NaN;

    /// <summary>Whether this is the run's last step (the step limit, convergence or cancellation).</summary>
    public bool IsLast { get; internal set; }

    /// <summary>
    /// The calculator's properties at this step as a result the caller keeps (latent weights included when
    /// the calculator has them). It is the calculator's cached copy, made once per state, so this allocates
    /// the first time it is asked for at a step.
    /// </summary>
    public CalculatedProperties Calculate() => Calculator.Calculate(Structure);
}
