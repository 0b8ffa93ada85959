using Latent.Runtime.Structures.ExtendedXyz;

namespace Latent.Runtime.Dynamics;

/// <summary>Settings of <see cref="MolecularDynamics.Run"/>.</summary>
public sealed record MdOptions
{
    /// <summary>Starting velocities (Å/fs), advanced in place by the run; null starts from rest.</summary>
    public Velocities? Velocities { get; init; }

    /// <summary>Record a thermo line every this many steps (and at step 0 and the last step); 0 records only those two.</summary>
    public int ThermoEvery { get; init; } = 10;

    /// <summary>Write a trajectory frame every this many steps (and at step 0 and the last step) when a writer is given; 0 writes only those two.</summary>
    public int TrajectoryEvery { get; init; } = 10;

    /// <summary>Where trajectory frames go (extended XYZ; the run does not dispose it); null writes none.</summary>
    public ExtendedXyzWriter? TrajectoryWriter { get; init; }

    /// <summary>Stops the run cleanly after the current step; the result says how many steps were done.</summary>
    public CancellationToken Cancellation { get; init; }
}
