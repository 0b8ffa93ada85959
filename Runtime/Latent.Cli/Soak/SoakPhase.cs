using Latent.Runtime.Dynamics.Watchdog;

namespace Latent.Cli.Soak;

/// <summary>One phase of a soak as it ran: the Langevin equilibration or the NVE run.</summary>
/// <param name="Name">"equilibration" or "NVE", as the report labels it.</param>
/// <param name="Integrator">How it moved the atoms, in words.</param>
/// <param name="Requested">Steps asked for.</param>
/// <param name="Tally">What it measured.</param>
/// <param name="WallSeconds">Wall time of the phase (its steps and the soak's tallies).</param>
/// <param name="Stop">Why the watchdog stopped it, or null when it ran every step.</param>
internal sealed record SoakPhase(string Name, string Integrator, int Requested, SoakTally Tally, double WallSeconds, DynamicsStop? Stop)
{
    /// <summary>Microseconds per atom-step over the steps taken; NaN when none was.</summary>
    public double MicrosecondsPerAtomStep(int atoms) => Tally.Steps > 0 ? WallSeconds * 1e6 / ((double)Tally.Steps * atoms) : double.NaN;
}
