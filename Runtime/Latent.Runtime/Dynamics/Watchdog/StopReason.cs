namespace Latent.Runtime.Dynamics.Watchdog;

/// <summary>Why a watchdog stopped a run.</summary>
public enum StopReason
{
    /// <summary>A force, a velocity or the energy is NaN or infinite.</summary>
    NonFinite,

    /// <summary>The conserved quantity moved further than allowed.</summary>
    Drift,

    /// <summary>Two atoms came closer than their pair's limit.</summary>
    CloseContact,

    /// <summary>The charges of a continuous-charge potential have no minimum at the new positions, or their solve did not converge (docs/model.md §8).</summary>
    ChargeSolve,
}
