namespace Latent.Runtime.Dynamics.Watchdog;

/// <summary>
/// What a dynamics or relaxation run checks after every step. Non-finite forces, velocities and energies
/// always stop a run; the drift and the contacts are checked as set here.
/// </summary>
public sealed record WatchdogOptions
{
    /// <summary>The default drift limit (eV/atom): about 770 K of heating; a healthy run of a few fs steps drifts 10⁻⁶–10⁻³.</summary>
    public const double DefaultMaxDrift = 0.1;

    /// <summary>
    /// Most |C(t) − C(start)| per atom (eV) before the run stops, where C = A + kinetic − the energy the
    /// thermostat has put in (for NVE simply A + kinetic). Infinity turns the check off.
    /// </summary>
    public double MaxDriftPerAtom { get; init; } = DefaultMaxDrift;

    /// <summary>Closest distances per element pair; null checks no contacts.</summary>
    public ContactLimits? Contacts { get; init; }
}
