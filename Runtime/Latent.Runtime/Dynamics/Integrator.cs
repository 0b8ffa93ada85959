namespace Latent.Runtime.Dynamics;

/// <summary>
/// A time-stepping scheme for <see cref="MolecularDynamics.Run"/>: <see cref="VelocityVerlet"/> (NVE) or
/// <see cref="Langevin"/> (NVT). One step costs one force evaluation.
/// </summary>
public abstract class Integrator
{
    // Only this library's integrators: a step works on internal state.
    private protected Integrator()
    {
    }

    /// <summary>Short name for logs ("velocity-verlet", "langevin").</summary>
    public abstract string Name { get; }

    /// <summary>Degrees of freedom the temperature is measured over, for <paramref name="atomCount"/> atoms.</summary>
    public abstract int DegreesOfFreedom(int atomCount);

    /// <summary>Advances positions, velocities and forces by one time step <paramref name="dt"/> (fs).</summary>
    internal abstract void Step(MdSystem system, double dt);
}
