using Latent.Runtime.Dynamics.Restart;
using Latent.Runtime.Engine;
using Latent.Runtime.Engine.ChargeEquilibration;
using Latent.Runtime.Structures.ExtendedXyz;

namespace Latent.Runtime.Dynamics.Observers;

/// <summary>
/// Keeps a restart file (<see cref="MdRestart"/>) of the latest step it is shown, replaced atomically
/// (a temporary file and a rename), so at any moment the file is a whole state to continue from. Attached
/// with an interval it writes at step 0, every interval and the last step — which is also the step a
/// cancelled run ends on, and the last good step of a run its watchdog stopped.
/// </summary>
/// <remarks>The engine's warm start (the ensemble's or the charge equilibration's) is saved with it, and the <c>input</c> frame's own columns (a
/// <c>move_mask</c>, say) are carried, so the continued run is the same run.</remarks>
public sealed class RestartCheckpoint(string path, Integrator integrator, double dt, string potential, double temperature, double friction, long seed, XyzFrame? input = null)
    : IDynamicsObserver<MdStep>
{
    /// <summary>The file.</summary>
    public string Path { get; } = path;

    /// <summary>The step of the state last written; −1 before the first.</summary>
    public int Step { get; private set; } = -1;

    /// <inheritdoc/>
    public void Observe(MdStep step, DynamicsState state)
    {
        var restart = new MdRestart
        {
            Structure = state.Structure,
            Velocities = state.Velocities ?? throw new InvalidOperationException("a restart checkpoint needs a dynamics run's velocities"),
            Step = step.Step,
            Dt = dt,
            Potential = potential,
            Langevin = integrator is Langevin,
            Temperature = temperature,
            Friction = friction,
            Seed = seed,
            Stream = (integrator as Langevin)?.StreamState,
            ThermostatEnergy = state.ThermostatEnergy,
            ConservedReference = state.ConservedReference,
            Solver = (state.Calculator as EnsembleCalculator)?.WarmState,
            ChargeSolver = (state.Calculator as ChargeEquilibrationCalculator)?.WarmState,
        };
        // Masses always: ASE would otherwise divide the momenta by its own table's masses.
        ExtendedXyzWriter.WriteFile(Path, restart.ToFrame(state.Calculate(), input), new XyzWriteOptions { Masses = XyzMassColumn.Always });
        Step = step.Step;
    }
}
