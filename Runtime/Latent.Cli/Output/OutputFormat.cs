using Latent.Runtime.Structures;

namespace Latent.Cli.Output;

/// <summary>
/// The one place an output name is checked before any work is done. A single structure may be written in any
/// format <see cref="StructureFileFormats"/> knows (extended XYZ, LAMMPS data, VASP POSCAR; <see cref="StructureOutput"/>
/// writes it); a trajectory, frame after frame, as extended XYZ or an ASE database (<c>.json</c>, one row per frame,
/// <see cref="TrajectoryFile"/>). A name the tool cannot write (<c>md.traj</c>, which ASE would then refuse to read as
/// its own binary format) is an error naming the ones it can.
/// </summary>
public static class OutputFormat
{
    /// <summary>Checks that <paramref name="path"/> names a structure file the tool writes.</summary>
    /// <exception cref="UserError">Another extension; <paramref name="option"/> names the option that gave the path.</exception>
    public static void RequireStructure(string path, string option)
    {
        if (StructureFileFormats.Of(path) is not null || Directory.Exists(path))
        {
            return;
        }

        throw NoFormat(path, option);
    }

    /// <summary>The one message for a structure output whose name says no format latent writes.</summary>
    public static UserError NoFormat(string path, string option)
    {
        var extension = Path.GetExtension(path);
        var given = extension.Length == 0 ? "a name without an extension" : $"'{extension}'";
        return new UserError($"{option}: cannot write '{path}': {given} is not a format latent writes; name it {StructureFileFormats.Names}");
    }

    /// <summary>Checks that <paramref name="path"/> names a trajectory the tool appends frames to.</summary>
    /// <exception cref="UserError">Another extension; <paramref name="option"/> names the option that gave the path.</exception>
    public static void RequireTrajectory(string path, string option)
    {
        // A directory is not a format question: the writer says it cannot write there.
        if (StructureFileFormats.Of(path) is StructureFileFormat.ExtendedXyz or StructureFileFormat.AseDatabase || Directory.Exists(path))
        {
            return;
        }

        var extension = Path.GetExtension(path);
        var given = extension.Length == 0 ? "no extension" : $"'{extension}'";
        throw new UserError($"{option}: cannot write '{path}' as a trajectory: {given} is not a format latent writes; use .extxyz or .xyz (extended XYZ) or .json (an ASE database, one row per frame, the one ASE reads back with get_charges()), both read by ase.io.read");
    }
}
