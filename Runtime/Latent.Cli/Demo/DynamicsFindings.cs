using Latent.Cli.Output;
using Latent.Runtime.Dynamics;
using Latent.Runtime.Dynamics.Observers;
using Latent.Runtime.Engine;
using Latent.Runtime.Kernels;
using Latent.Runtime.Structures;

namespace Latent.Cli.Demo;

/// <summary>
/// Part (c) of the demo: NVE dynamics of the relaxed cube from Maxwell–Boltzmann velocities. What it shows:
/// that A + kinetic is conserved (forces are exactly −∂A/∂R at the converged latent weights), and the
/// temperature the cluster settles at.
/// </summary>
public sealed record DynamicsFindings(int Steps, double TimeStep, double StartTemperature, MdResult Result, MdSummary Summary, int Frames)
{
    public const long Seed = 1;

    /// <summary>Runs on a copy of <paramref name="structure"/>, writing a frame every <paramref name="frameEvery"/> steps to <paramref name="trajectoryPath"/>,
    /// each step on at most <paramref name="threads"/> threads (null: every core).</summary>
    public static DynamicsFindings Compute(PotentialKernels potential, Structure structure, int steps, double dt, double temperature, string trajectoryPath, int frameEvery, int? threads = null)
    {
        var moving = structure.Clone();
        var velocities = Velocities.MaxwellBoltzmann(moving, temperature, Seed);
        using var trajectory = TrajectoryFile.Create(trajectoryPath, "--out");
        var result = MolecularDynamics.Run(moving, new EnsembleCalculator(potential, new CalculatorOptions { Threads = threads }), new VelocityVerlet(), steps, dt,
            new MdOptions { Velocities = velocities, ThermoEvery = 10, Observers = [new(trajectory, frameEvery)] });
        return new DynamicsFindings(steps, dt, temperature, result, new MdSummary(result.Thermo, moving.Count), trajectory.FramesWritten);
    }
}
