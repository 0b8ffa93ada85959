namespace Latent.Runtime.Dynamics.Watchdog;

/// <summary>
/// A copy of what a run needs to go back one step: positions, velocities, the thermostat's energy and random
/// stream, and the step's charge change. Taken after every step that passed the checks (six array copies, no
/// allocation), put back when the next one fails, so the run ends on a state worth saving.
/// </summary>
internal sealed class LastGoodState(int atoms)
{
    private readonly double[] x = new double[atoms], y = new double[atoms], z = new double[atoms];
    private readonly double[] vx = new double[atoms], vy = new double[atoms], vz = new double[atoms];
    private double thermostatEnergy;
    private RandomStreamState stream;

    public int Step { get; private set; }

    public double MaxChargeChange { get; private set; }

    public void Take(MdSystem system, Integrator integrator, int step, double maxChargeChange)
    {
        var (s, v) = (system.Structure, system.Velocities);
        s.X.CopyTo(x, 0);
        s.Y.CopyTo(y, 0);
        s.Z.CopyTo(z, 0);
        v.X.CopyTo(vx, 0);
        v.Y.CopyTo(vy, 0);
        v.Z.CopyTo(vz, 0);
        thermostatEnergy = system.ThermostatEnergy;
        if (integrator is Langevin langevin)
            stream = langevin.StreamState;
        (Step, MaxChargeChange) = (step, maxChargeChange);
    }

    /// <summary>Puts the copy back and re-evaluates from a reset calculator (its warm start may be of the failed step).</summary>
    public void Restore(MdSystem system, Integrator integrator)
    {
        var (s, v) = (system.Structure, system.Velocities);
        x.CopyTo(s.X, 0);
        y.CopyTo(s.Y, 0);
        z.CopyTo(s.Z, 0);
        vx.CopyTo(v.X, 0);
        vy.CopyTo(v.Y, 0);
        vz.CopyTo(v.Z, 0);
        system.ThermostatEnergy = thermostatEnergy;
        if (integrator is Langevin langevin)
            langevin.StreamState = stream;
        system.Calculator.Reset();
        system.Evaluate();
    }
}
