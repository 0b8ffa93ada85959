namespace Latent.Cli.Output;

/// <summary>
/// The one place an output file's format is chosen by its extension. Today every structure and trajectory
/// output is extended XYZ; a writer of another format adds its extensions here, and a name the tool cannot
/// write (<c>md.traj</c>, which ASE would then refuse to read as its own binary format) is an error naming
/// the ones it can, before any work is done.
/// </summary>
public static class OutputFormat
{
    /// <summary>Extensions written as extended XYZ (single structures and frame-by-frame trajectories).</summary>
    private static readonly string[] ExtendedXyz = [".extxyz", ".xyz"];

    /// <summary>Checks that <paramref name="path"/> names a structure file the tool writes.</summary>
    /// <exception cref="UserError">Another extension; <paramref name="option"/> names the option that gave the path.</exception>
    public static void RequireStructure(string path, string option) => Require(path, option, "a structure");

    /// <summary>Checks that <paramref name="path"/> names a trajectory the tool appends frames to.</summary>
    /// <exception cref="UserError">Another extension; <paramref name="option"/> names the option that gave the path.</exception>
    public static void RequireTrajectory(string path, string option) => Require(path, option, "a trajectory");

    private static void Require(string path, string option, string what)
    {
        var extension = Path.GetExtension(path);
        // A directory is not a format question: the writer says it cannot write there.
        if (ExtendedXyz.Contains(extension, StringComparer.OrdinalIgnoreCase) || Directory.Exists(path))
        {
            return;
        }

        var given = extension.Length == 0 ? "no extension" : $"'{extension}'";
        throw new UserError($"{option}: cannot write {what} to '{path}': {given} is not a format latent writes; use {string.Join(" or ", ExtendedXyz)} (extended XYZ, which ASE reads with ase.io.read)");
    }
}
