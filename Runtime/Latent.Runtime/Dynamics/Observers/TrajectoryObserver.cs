using Latent.Runtime.Structures;
using Latent.Runtime.Structures.ExtendedXyz;

namespace Latent.Runtime.Dynamics.Observers;

/// <summary>
/// Writes the steps it is shown as trajectory frames (<see cref="TrajectoryFrames.Create"/>) to a
/// <see cref="ITrajectoryWriter"/> (extended XYZ or an ASE database): for dynamics with momenta, <c>step</c> and
/// <c>time</c>; for a relaxation with <c>step</c>. Attach it to <see cref="MdOptions.Observers"/> or
/// <see cref="RelaxOptions.Observers"/> with the interval wanted.
/// </summary>
public sealed class TrajectoryObserver : IDynamicsObserver<MdStep>, IDynamicsObserver<RelaxStep>, IDisposable
{
    private readonly ITrajectoryWriter writer;
    private readonly bool leaveOpen;
    private readonly XyzFrame? input;

    /// <summary>
    /// Frames go to <paramref name="writer"/>, disposed with this unless <paramref name="leaveOpen"/>; each
    /// carries the <paramref name="input"/> frame's own info and columns (<see cref="CarriedInput"/>) when given.
    /// </summary>
    public TrajectoryObserver(ITrajectoryWriter writer, bool leaveOpen = false, XyzFrame? input = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        this.writer = writer;
        this.leaveOpen = leaveOpen;
        this.input = input;
    }

    /// <summary>Frames written so far through the writer.</summary>
    public int FramesWritten => writer.FramesWritten;

    /// <summary>Writes the dynamics step's frame: calculator results, momenta, step and time (fs).</summary>
    public void Observe(MdStep step, DynamicsState state) =>
        writer.Write(TrajectoryFrames.Create(state.Structure, state.Calculate(), state.Velocities, step.Step, step.Time, input));

    /// <summary>Writes the relaxation step's frame: calculator results and step.</summary>
    public void Observe(RelaxStep step, DynamicsState state) =>
        writer.Write(TrajectoryFrames.Create(state.Structure, state.Calculate(), step: step.Step, input: input));

    /// <inheritdoc/>
    public void Dispose()
    {
        if (!leaveOpen)
            writer.Dispose();
    }
}
