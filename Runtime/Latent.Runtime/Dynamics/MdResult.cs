using Latent.Runtime.Calculators;

namespace Latent.Runtime.Dynamics;

/// <summary>The outcome of <see cref="MolecularDynamics.Run"/>.</summary>
public sealed class MdResult
{
    internal MdResult(int steps, bool cancelled, IReadOnlyList<MdStep> thermo, Velocities velocities, CalculatedProperties final)
    {
        Steps = steps;
        Cancelled = cancelled;
        Thermo = thermo;
        Velocities = velocities;
        Final = final;
    }

    /// <summary>Steps taken (fewer than asked for only when cancelled).</summary>
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
