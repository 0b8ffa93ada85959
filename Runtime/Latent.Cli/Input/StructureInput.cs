using Latent.Cli.Output;
using Latent.Runtime.Structures.ExtendedXyz;

namespace Latent.Cli.Input;

/// <summary>Reads the one structure a command works on from an extended XYZ file, turning every
/// problem with the file into a user error that names it.</summary>
public static class StructureInput
{
    /// <summary>The single frame of <paramref name="path"/>.</summary>
    /// <exception cref="UserError">The file is missing, unreadable, malformed (file:line:column), or holds no frame or several.</exception>
    public static XyzFrame ReadSingleFrame(string path)
    {
        if (Directory.Exists(path))
        {
            throw new UserError($"'{path}' is a directory, not an extended XYZ file");
        }

        if (!File.Exists(path))
        {
            throw new UserError($"no structure file at '{path}'");
        }

        IReadOnlyList<XyzFrame> frames;
        try
        {
            frames = ExtendedXyzReader.ReadFile(path);
        }
        catch (XyzFormatException error)
        {
            // Its message is already file:line:column: reason, the form editors jump to.
            throw new UserError(error.Message);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"cannot read '{path}': {error.Message}");
        }

        return frames.Count switch
        {
            1 => frames[0],
            0 => throw new UserError($"'{path}' holds no structure"),
            // Silently taking the first frame of a trajectory would hide which one was meant.
            _ => throw new UserError($"'{path}' holds {frames.Count} frames; give a file with one structure"),
        };
    }
}
