using Latent.Cli.Output;
using Latent.Runtime.Dynamics.Restart;
using Latent.Runtime.Structures.ExtendedXyz;

namespace Latent.Cli.Input;

/// <summary>Reads the state <c>latent md --restart</c> continues from: the last whole frame of the file (a torn
/// final frame is dropped with a warning), with every problem a user error naming the file.</summary>
public static class RestartInput
{
    /// <exception cref="UserError">Missing, unreadable, malformed, without a whole frame, or not a restart frame.</exception>
    public static MdRestart Read(string path, TextWriter stderr)
    {
        if (!File.Exists(path))
        {
            throw new UserError($"--restart: no restart file at '{path}'");
        }

        IReadOnlyList<XyzFrame> frames;
        try
        {
            frames = ExtendedXyzReader.ReadFile(path, torn => Warnings.TornFrame(stderr, torn));
        }
        catch (XyzFormatException error)
        {
            throw new UserError(error.Message);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"--restart: cannot read '{path}': {error.Message}");
        }

        if (frames.Count == 0)
        {
            throw new UserError($"--restart: '{path}' holds no whole frame");
        }

        try
        {
            return MdRestart.FromFrame(frames[^1]);
        }
        catch (FormatException error)
        {
            throw new UserError($"--restart: '{path}': {error.Message}");
        }
    }
}
