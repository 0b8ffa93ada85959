namespace Latent.Runtime.Dynamics.Watchdog;

/// <summary>
/// The checks <see cref="MolecularDynamics.Run"/> makes after every step: finite energy, forces and
/// velocities, the drift of the conserved quantity, and contacts. One pass over the atoms for the sums
/// (more only when something has gone wrong), nothing allocated unless the contact list is rebuilt.
/// </summary>
internal sealed class MdWatchdog(WatchdogOptions options, MdSystem system, int degreesOfFreedom)
{
    /// <summary>C = A + kinetic − thermostat energy at the start of the run (eV), the reference of the drift.</summary>
    public double ConservedReference { get; set; } = double.NaN;

    /// <summary>C at the last check (eV).</summary>
    public double Conserved { get; private set; }

    /// <summary>Checks the system as it is after <paramref name="step"/>; null when all is well.</summary>
    public DynamicsStop? Check(int step)
    {
        var n = system.Count;
        var (vx, vy, vz) = (system.Velocities.X, system.Velocities.Y, system.Velocities.Z);
        var (fx, fy, fz) = (system.Fx, system.Fy, system.Fz);
        var masses = system.Structure.Masses;
        double twiceKinetic = 0, forceSum = 0;
        for (var i = 0; i < n; i++)
        {
            twiceKinetic += masses[i] * (vx[i] * vx[i] + vy[i] * vy[i] + vz[i] * vz[i]);
            // Any NaN or infinity makes the sum non-finite (so can a huge finite force: the scan below tells).
            forceSum += fx[i] + fy[i] + fz[i];
        }

        var kinetic = 0.5 * twiceKinetic * MdUnits.AmuAngstrom2PerFs2;
        if (!double.IsFinite(kinetic) || !double.IsFinite(forceSum) || !double.IsFinite(system.FreeEnergy) || !double.IsFinite(system.ThermostatEnergy))
        {
            if (StepChecks.NonFinite(system.Structure, system.Fx, system.Fy, system.Fz, system.Velocities, system.FreeEnergy, step) is { } stop)
                return stop;
        }

        Conserved = system.FreeEnergy + kinetic - system.ThermostatEnergy;
        if (double.IsNaN(ConservedReference))
            ConservedReference = Conserved;
        var drift = Math.Abs(Conserved - ConservedReference) / Math.Max(n, 1);
        if (drift > options.MaxDriftPerAtom)
            return Drift(step, drift, kinetic);

        return StepChecks.Contact(options.Contacts, system.Structure, step);
    }

    private DynamicsStop Drift(int step, double drift, double kinetic)
    {
        // The atoms to look at: the one under the largest force and the fastest one.
        var (strongest, fastest) = (0, 0);
        double f2Max = -1, v2Max = -1;
        var v = system.Velocities;
        for (var i = 0; i < system.Count; i++)
        {
            var f2 = system.Fx[i] * system.Fx[i] + system.Fy[i] * system.Fy[i] + system.Fz[i] * system.Fz[i];
            var v2 = v.X[i] * v.X[i] + v.Y[i] * v.Y[i] + v.Z[i] * v.Z[i];
            if (f2 > f2Max) (f2Max, strongest) = (f2, i);
            if (v2 > v2Max) (v2Max, fastest) = (v2, i);
        }

        var symbols = system.Structure.Symbols;
        var temperature = MdUnits.Temperature(kinetic, degreesOfFreedom);
        return new DynamicsStop(StopReason.Drift, step, strongest == fastest ? [strongest] : [strongest, fastest],
            $"step {step}: the conserved energy (A + kinetic{(system.ThermostatEnergy != 0 ? " − thermostat work" : "")}) moved by {G(drift)} eV/atom since the start, "
            + $"more than the {G(options.MaxDriftPerAtom)} eV/atom allowed; T = {G(temperature)} K; largest force {G(Math.Sqrt(f2Max))} eV/Å on atom {strongest} ({symbols[strongest]}), "
            + $"fastest atom {fastest} ({symbols[fastest]}) at {G(Math.Sqrt(v2Max))} Å/fs");
    }

    private static string G(double value) => StepChecks.G(value);
}
