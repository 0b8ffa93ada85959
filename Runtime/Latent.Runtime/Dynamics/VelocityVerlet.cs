namespace Latent.Runtime.Dynamics;

/// <summary>
/// Velocity Verlet (NVE): v += ½dt·F/m, x += dt·v, new forces, v += ½dt·F/m. Symplectic and time
/// reversible, so the total energy (free energy A plus kinetic energy) shows bounded fluctuations of
/// order dt² and no systematic drift. Total momentum is conserved because the forces sum to zero, so the
/// temperature is measured over 3N − 3 degrees of freedom (start from drift-free velocities, as
/// <see cref="Velocities.MaxwellBoltzmann"/> gives).
/// </summary>
public sealed class VelocityVerlet : Integrator
{
    /// <inheritdoc/>
    public override string Name => "velocity-verlet";

    /// <inheritdoc/>
    public override int DegreesOfFreedom(int atomCount) => Velocities.DriftFreeDegreesOfFreedom(atomCount);

    internal override void Step(MdSystem system, double dt)
    {
        system.Kick(0.5 * dt);
        system.Drift(dt);
        system.Evaluate();
        system.Kick(0.5 * dt);
    }
}
