using Latent.Runtime.Dynamics.Observers;
using Latent.Runtime.Structures.ExtendedXyz;

namespace Latent.Cli.Output;

/// <summary>A trajectory a command writes frame by frame: started afresh (an old file of the same name would
/// otherwise get a second run appended to it), then each frame appended and flushed as it is computed, so the
/// file can be watched, and survives an interrupted run up to its last whole frame.</summary>
public static class TrajectoryFile
{
    /// <summary>The observer to attach to the run; disposing it closes the file.</summary>
    /// <exception cref="UserError">The file cannot be created; <paramref name="option"/> names the option that asked for it.</exception>
    public static ExtendedXyzTrajectory Create(string path, string option)
    {
        try
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
            Directory.CreateDirectory(directory);
            File.WriteAllText(path, "");
            return new ExtendedXyzTrajectory(ExtendedXyzWriter.AppendToFile(path));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"{option}: cannot write '{path}': {error.Message}");
        }
    }
}
