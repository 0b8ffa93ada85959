using Latent.Cli.Input;
using Latent.Runtime.Kernels;
using Latent.Runtime.Structures;
using Latent.Runtime.Structures.AseDatabase;
using Latent.Runtime.Structures.ExtendedXyz;
using Latent.Runtime.Structures.LammpsData;
using Latent.Runtime.Structures.Vasp;

namespace Latent.Cli.Output;

/// <summary>
/// Writes a structure with its results in the format the output's file name asks for: extended XYZ with every
/// column, a LAMMPS data file (atom style charge with the computed charges, types in the potential's element
/// order, velocities when the frame has them), or a VASP POSCAR (selective dynamics from <c>move_mask</c>).
/// </summary>
public static class StructureOutput
{
    /// <summary>
    /// Refuses, before any work is done, an output whose name says no format Latent writes, or a structure that
    /// format cannot hold (a cluster as a LAMMPS data file or POSCAR).
    /// </summary>
    /// <exception cref="UserError">The name or the structure does not fit.</exception>
    public static void Check(string path, string option, Structure structure, PotentialKernels potential)
    {
        var reason = Format(path, option) switch
        {
            StructureFileFormat.LammpsData => LammpsDataWriter.CannotWrite(structure, StructureInput.ElementOrder(potential)),
            StructureFileFormat.Poscar => PoscarWriter.CannotWrite(structure),
            _ => null,
        };
        if (reason is not null)
        {
            throw new UserError($"{option}: cannot write '{path}': {reason}");
        }
    }

    /// <summary>Writes <paramref name="frame"/> to <paramref name="path"/> (through a temporary file and a rename).</summary>
    /// <exception cref="UserError">The name says no format, the format cannot hold the structure, or the file cannot be written.</exception>
    public static void Write(string path, string option, XyzFrame frame, PotentialKernels potential)
    {
        Check(path, option, frame.Structure, potential);
        // Said here, or the writer's message names its temporary file instead of the directory that is missing.
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(directory))
        {
            throw new UserError($"{option}: cannot write '{path}': there is no directory '{directory}'");
        }

        try
        {
            switch (Format(path, option))
            {
                case StructureFileFormat.LammpsData:
                    AtomicFile.WriteAllText(path, LammpsDataWriter.Format(LammpsData(frame), StructureInput.ElementOrder(potential)));
                    break;
                case StructureFileFormat.Poscar:
                    AtomicFile.WriteAllText(path, PoscarWriter.Format(Poscar(frame)));
                    break;
                case StructureFileFormat.AseDatabase:
                    AtomicFile.WriteAllText(path, AseDatabaseWriter.Format(frame));
                    break;
                default:
                    ExtendedXyzWriter.WriteFile(path, frame);
                    break;
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"{option}: cannot write '{path}': {error.Message}");
        }
    }

    private static StructureFileFormat Format(string path, string option) =>
        StructureFileFormats.Of(path)
        ?? throw OutputFormat.NoFormat(path, option);

    /// <summary>The computed charges (or else the input's) make it atom style charge, as <c>pair_style latent</c> needs.</summary>
    private static LammpsDataFile LammpsData(XyzFrame frame)
    {
        var charges = Column(frame, "charges", 1) ?? Column(frame, "initial_charges", 1);
        var velocities = Column(frame, "velocities", 3) is { } v
            ? Enumerable.Range(0, frame.Structure.Count).Select(i => new Vec3(v[3 * i], v[3 * i + 1], v[3 * i + 2])).ToArray()
            : null;
        return new LammpsDataFile(frame.Structure, charges is null ? LammpsAtomStyle.Atomic : LammpsAtomStyle.Charge, charges, velocities, Title(frame));
    }

    private static PoscarFile Poscar(XyzFrame frame)
    {
        bool[]? movable = null;
        if (frame.Columns.TryGet("move_mask", out var mask) && mask.Type == XyzColumnType.Logical && mask.Components is 1 or 3)
        {
            var n = frame.Structure.Count;
            movable = mask.Components == 3
                ? mask.Logicals
                : Enumerable.Range(0, 3 * n).Select(k => mask.Logicals[k / 3]).ToArray();
        }

        return new PoscarFile(frame.Structure, Title(frame), movable);
    }

    private static string Title(XyzFrame frame)
    {
        var formula = string.Join(' ', frame.Structure.Symbols.GroupBy(s => s).Select(g => $"{g.Key}{g.Count()}"));
        return frame.Info.TryGetDouble("energy", out var energy) && frame.Info.TryGetValue("potential", out var potential)
            ? FormattableString.Invariant($"{formula}, potential {potential}, energy {energy:R} eV (written by latent)")
            : $"{formula} (written by latent)";
    }

    private static double[]? Column(XyzFrame frame, string name, int components) =>
        frame.Columns.TryGet(name, out var c) && c.Type == XyzColumnType.Real && c.Components == components ? c.Reals : null;
}
