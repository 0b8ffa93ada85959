namespace Latent.Runtime.Dynamics.Watchdog;

/// <summary>
/// A run a watchdog stopped: why, at which step, the atoms involved, and one sentence that says it all with
/// the values (for the user). The structure and velocities the run hands back are those of the last step
/// that passed every check, one before <see cref="Step"/> (or the start, when the start itself failed).
/// </summary>
/// <param name="Reason">What tripped.</param>
/// <param name="Step">The step at which it tripped.</param>
/// <param name="Atoms">The atoms involved (indices from 0).</param>
/// <param name="Message">"step 12: atoms 3 (Na) and 5 (Cl) are 0.4 Å apart, …".</param>
public sealed record DynamicsStop(StopReason Reason, int Step, IReadOnlyList<int> Atoms, string Message);
