using Latent.Runtime.Calculators;
using Latent.Runtime.Dynamics.Watchdog;

namespace Latent.Runtime.Dynamics;

/// <summary>The outcome of <see cref="MolecularDynamics.Run"/>.</summary>
public sealed class MdResult
{
    internal MdResult(int steps, bool cancelled, IReadOnlyList<MdStep> thermo, Velocities velocities, CalculatedProperties final, DynamicsStop? stop = null)
    {
        Stop = stop;
        Steps = steps;
        Cancelled = cancelled;
        Thermo = thermo;
        Velocities = velocities;
        Final = final;
    }

    /// <summary>Why a watchdog stopped the run, or null. The structure and velocities are then those of the last good step.</summary>
    public DynamicsStop? Stop { get; }

    /// <summary>Steps taken and kept (fewer than asked for when cancelled or stopped; a stopped run does not count the step that failed).</summary>
    public int Steps { get; }

    /// <summary>Whether the run was stopped by its cancellation token.</summary>
    public bool Cancelled { get; }

    /// <summary>The thermo log, in step order.</summary>
    public IReadOnlyList<MdStep> Thermo { get; }

    /// <summary>Final velocities (the options' instance when one was given), to continue the run.</summary>
    public Velocities Velocities { get; }

    /// <summary>The calculation at the final positions.</summary>
    public CalculatedProperties Final { get; }
}
