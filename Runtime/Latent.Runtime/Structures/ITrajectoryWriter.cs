using Latent.Runtime.Structures.ExtendedXyz;

namespace Latent.Runtime.Structures;

/// <summary>
/// A file a run appends frames to as it computes them (extended XYZ, <see cref="ExtendedXyzWriter"/>; an ASE
/// database, <see cref="AseDatabase.AseDatabaseTrajectoryWriter"/>), each frame written whole and flushed, so the
/// file can be read while the run goes on and an interrupted run leaves the frames it wrote.
/// </summary>
public interface ITrajectoryWriter : IDisposable
{
    /// <summary>Frames written so far by this writer.</summary>
    int FramesWritten { get; }

    /// <summary>Appends one frame and flushes it to the file.</summary>
    void Write(XyzFrame frame);
}
