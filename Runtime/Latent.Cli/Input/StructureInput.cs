using Latent.Cli.Output;
using Latent.Runtime.Kernels;
using Latent.Runtime.Structures;
using Latent.Runtime.Structures.ExtendedXyz;
using Latent.Runtime.Structures.LammpsData;
using Latent.Runtime.Structures.Vasp;

namespace Latent.Cli.Input;

/// <summary>Reads the one structure a command works on, in the format its file name says (extended XYZ, a LAMMPS
/// data file or a VASP POSCAR; any other name is read as extended XYZ), turning every problem with the file into a
/// user error that names it.</summary>
public static class StructureInput
{
    /// <summary>The single frame of <paramref name="path"/>.</summary>
    /// <param name="path">The structure file.</param>
    /// <param name="potential">The command's potential: its element order numbers a LAMMPS data file's atom types.</param>
    /// <exception cref="UserError">The file is missing, unreadable, malformed (file:line:column), or holds no frame or several.</exception>
    public static XyzFrame ReadSingleFrame(string path, PotentialKernels potential)
    {
        if (Directory.Exists(path))
        {
            throw new UserError($"'{path}' is a directory, not a structure file");
        }

        if (!File.Exists(path))
        {
            throw new UserError($"no structure file at '{path}'");
        }

        try
        {
            return StructureFileFormats.Of(path) switch
            {
                StructureFileFormat.LammpsData => Frame(LammpsDataReader.ReadFile(path, ElementOrder(potential))),
                StructureFileFormat.Poscar => Frame(PoscarReader.ReadFile(path)),
                StructureFileFormat.AseDatabase => throw new UserError(
                    $"'{path}' is an ASE database (.json): latent writes these for ASE but does not read them; convert it with ASE "
                    + "(ase.io.write('structure.extxyz', ase.io.read('" + path + "')))"),
                _ => SingleExtendedXyzFrame(path),
            };
        }
        catch (StructureFileException error)
        {
            // Its message is already file:line:column: reason, the form editors jump to.
            throw new UserError(error.Message);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"cannot read '{path}': {error.Message}");
        }
    }

    /// <summary>The potential's elements in file order: LAMMPS's atom types 1, 2, … as <c>pair_coeff * * Na Cl</c> names them.</summary>
    public static IReadOnlyList<string> ElementOrder(PotentialKernels potential) =>
        potential.Elements.Select(e => e.Symbol).ToArray();

    private static XyzFrame SingleExtendedXyzFrame(string path)
    {
        var frames = ExtendedXyzReader.ReadFile(path);
        return frames.Count switch
        {
            1 => frames[0],
            0 => throw new UserError($"'{path}' holds no structure"),
            // Silently taking the first frame of a trajectory would hide which one was meant.
            _ => throw new UserError($"'{path}' holds {frames.Count} frames; give a file with one structure"),
        };
    }

    /// <summary>A data file's contents under the names an extended XYZ file gives them: the charges as ASE's
    /// <c>initial_charges</c>, the velocities (Å/fs) as <c>velocities</c>.</summary>
    private static XyzFrame Frame(LammpsDataFile data)
    {
        var frame = new XyzFrame(data.Structure);
        if (data.Charges is { } charges)
        {
            frame.Columns["initial_charges"] = XyzColumn.Real(charges);
        }

        if (data.Velocities is { } velocities)
        {
            frame.Columns["velocities"] = XyzColumn.Vectors(velocities);
        }

        return frame;
    }

    /// <summary>A POSCAR's contents as extended XYZ holds them: selective dynamics as ASE's <c>move_mask</c> (true where
    /// an atom may move), one flag per atom when every atom is either free or fixed in all three directions, as ASE
    /// writes FixAtoms, and three otherwise.</summary>
    private static XyzFrame Frame(PoscarFile poscar)
    {
        var frame = new XyzFrame(poscar.Structure);
        if (poscar.Comment.Length > 0)
        {
            frame.Info["comment"] = poscar.Comment;
        }

        if (poscar.Movable is { } movable)
        {
            var n = poscar.Structure.Count;
            var whole = Enumerable.Range(0, n).All(i => movable[3 * i] == movable[3 * i + 1] && movable[3 * i] == movable[3 * i + 2]);
            frame.Columns["move_mask"] = whole
                ? XyzColumn.Logical(Enumerable.Range(0, n).Select(i => movable[3 * i]).ToArray())
                : XyzColumn.Logical(movable, 3);
        }

        return frame;
    }
}
