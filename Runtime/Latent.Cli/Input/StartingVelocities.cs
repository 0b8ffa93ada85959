using Latent.Cli.Output;
using Latent.Runtime.Dynamics;
using Latent.Runtime.Structures.ExtendedXyz;

namespace Latent.Cli.Input;

/// <summary>
/// The velocities <c>md --velocities from-file</c> starts from: the input's ASE <c>momenta</c> (amu·Å per
/// ASE time unit, what <c>ase.io.write</c> writes), or else a <c>velocities</c> column in Å/fs (what latent
/// wrote before it wrote momenta).
/// </summary>
public static class StartingVelocities
{
    /// <exception cref="UserError">Neither column, one of the wrong shape, or a value that is not finite.</exception>
    public static Velocities FromFile(XyzFrame frame, string path)
    {
        var structure = frame.Structure;
        Velocities velocities;
        if (Vectors(frame, "momenta", path) is { } momenta)
        {
            velocities = TrajectoryFrames.FromMomenta(structure, momenta);
        }
        else if (Vectors(frame, "velocities", path) is { } v)
        {
            velocities = new Velocities(structure.Count);
            for (var i = 0; i < structure.Count; i++)
            {
                (velocities.X[i], velocities.Y[i], velocities.Z[i]) = (v[3 * i], v[3 * i + 1], v[3 * i + 2]);
            }
        }
        else
        {
            throw new UserError($"{path}: --velocities from-file needs a momenta:R:3 column (ASE's momenta) or a velocities:R:3 column (Å/fs); the file has neither");
        }

        for (var i = 0; i < structure.Count; i++)
        {
            if (!double.IsFinite(velocities.X[i]) || !double.IsFinite(velocities.Y[i]) || !double.IsFinite(velocities.Z[i]))
            {
                throw new UserError($"{path}: atom {i} ({structure.Symbols[i]}) has a velocity that is not a finite number");
            }
        }

        return velocities;
    }

    private static double[]? Vectors(XyzFrame frame, string name, string path)
    {
        if (!frame.Columns.TryGet(name, out var column))
        {
            return null;
        }

        if (column.Type != XyzColumnType.Real || column.Components != 3)
        {
            throw new UserError($"{path}: column {name} must be {name}:R:3, found {name}:{column.Descriptor}");
        }

        return column.Reals;
    }
}
