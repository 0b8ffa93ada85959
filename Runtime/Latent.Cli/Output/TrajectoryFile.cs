using Latent.Runtime.Dynamics.Observers;
using Latent.Runtime.Structures;
using Latent.Runtime.Structures.AseDatabase;
using Latent.Runtime.Structures.ExtendedXyz;

namespace Latent.Cli.Output;

/// <summary>A trajectory a command writes frame by frame, as extended XYZ or, for a <c>.json</c> name, as an ASE
/// database: started afresh (an old file of the same name would otherwise get a second run appended to it), or
/// continued from a restart, then each frame appended as it is computed, so the file can be watched, and an
/// interrupted run leaves whole frames (a killed extended XYZ run at most its last frame cut short, which the
/// readers drop; an ASE database stays whole, <see cref="AseDatabaseTrajectoryWriter"/>).</summary>
public static class TrajectoryFile
{
    /// <summary>
    /// Masses written on every frame: ASE divides momenta by its own table's masses when a file has none,
    /// and its table differs from latent's (Cl 35.45 against 35.453), which would change every velocity.
    /// </summary>
    public static readonly XyzWriteOptions WithMasses = new() { Masses = XyzMassColumn.Always };

    /// <summary>The observer to attach to the run, its frames carrying <paramref name="input"/>'s own info and columns; disposing it closes the file.</summary>
    /// <exception cref="UserError">The file cannot be created, or its extension names a format the tool cannot write; <paramref name="option"/> names the option that asked for it.</exception>
    public static TrajectoryObserver Create(string path, string option, XyzFrame? input = null)
    {
        OutputFormat.RequireTrajectory(path, option);
        try
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
            Directory.CreateDirectory(directory);
            if (IsDatabase(path))
                return new TrajectoryObserver(AseDatabaseTrajectoryWriter.Create(path), input: input);
            File.WriteAllText(path, "");
            return new TrajectoryObserver(ExtendedXyzWriter.AppendToFile(path, WithMasses), input: input);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"{option}: cannot write '{path}': {error.Message}");
        }
    }

    /// <summary>
    /// The trajectory of a run continued at <paramref name="step"/>: the frames an earlier part wrote before
    /// that step are kept (a torn final extended XYZ frame dropped with a warning), later ones removed, since the
    /// continued run writes them again; then frames are appended.
    /// </summary>
    /// <exception cref="UserError">The file cannot be read or written.</exception>
    public static TrajectoryObserver Continue(string path, string option, int step, TextWriter stderr, XyzFrame? input = null)
    {
        if (!File.Exists(path))
        {
            return Create(path, option, input);
        }

        OutputFormat.RequireTrajectory(path, option);
        try
        {
            if (IsDatabase(path))
                return new TrajectoryObserver(AseDatabaseTrajectoryWriter.Continue(path, step), input: input);
            var kept = ExtendedXyzReader.ReadFile(path, torn => Warnings.TornFrame(stderr, torn))
                .Where(f => f.Info.TryGetDouble("step", out var s) && s < step)
                .ToList();
            ExtendedXyzWriter.WriteFile(path, kept, WithMasses);
            return new TrajectoryObserver(ExtendedXyzWriter.AppendToFile(path, WithMasses), input: input);
        }
        catch (XyzFormatException error)
        {
            throw new UserError($"{option}: the trajectory to continue cannot be read: {error.Message}");
        }
        catch (FormatException error)
        {
            throw new UserError($"{option}: the trajectory to continue, '{path}', cannot be read: {error.Message}");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"{option}: cannot continue '{path}': {error.Message}");
        }
    }

    private static bool IsDatabase(string path) => StructureFileFormats.Of(path) == StructureFileFormat.AseDatabase;
}
