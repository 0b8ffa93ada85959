using Latent.Runtime.Dynamics.Observers;
using Latent.Runtime.Dynamics.Watchdog;

namespace Latent.Runtime.Dynamics;

/// <summary>Settings of <see cref="MolecularDynamics.Run"/>.</summary>
public sealed record MdOptions
{
    /// <summary>Starting velocities (Å/fs), advanced in place by the run; null starts from rest.</summary>
    public Velocities? Velocities { get; init; }

    /// <summary>
    /// Indices of atoms held in place (ASE's FixAtoms): their velocities are set to 0 and no force or thermostat
    /// moves them; the temperature is then measured over the 3 degrees of freedom of each free atom.
    /// </summary>
    public IReadOnlyList<int>? FixedAtoms { get; init; }

    /// <summary>Record a thermo line (<see cref="MdResult.Thermo"/>) every this many steps (and at step 0 and the last step); 0 records only those two.</summary>
    public int ThermoEvery { get; init; } = 10;

    /// <summary>
    /// Observers, each with its interval, called after the thermo log at the steps they are due at: a
    /// trajectory (<see cref="TrajectoryObserver"/>), a progress report, anything implementing
    /// <see cref="IDynamicsObserver{TStep}"/> of <see cref="MdStep"/>. The run does not dispose them.
    /// </summary>
    public IReadOnlyList<Attachment<MdStep>> Observers { get; init; } = [];

    /// <summary>Stops the run cleanly after the current step; the result says how many steps were done.</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>What is checked after every step (<see cref="WatchdogOptions"/>); a failed check stops the run at the last good step (<see cref="MdResult.Stop"/>).</summary>
    public WatchdogOptions Watchdog { get; init; } = new();

    /// <summary>The number of the starting state (0 for a new run; a restart's step to continue one): steps, times and observer intervals count from 0 as if the run had never stopped.</summary>
    public int StartStep { get; init; }

    /// <summary>Kinetic energy a thermostat had already put in at <see cref="StartStep"/> (eV), when continuing a run.</summary>
    public double ThermostatEnergy { get; init; }

    /// <summary>The conserved quantity A + kinetic − thermostat energy at the run's first start (eV), when continuing a run; null measures it at the start.</summary>
    public double? ConservedReference { get; init; }
}
