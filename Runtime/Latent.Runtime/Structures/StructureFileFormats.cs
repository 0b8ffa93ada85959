namespace Latent.Runtime.Structures;

/// <summary>Which <see cref="StructureFileFormat"/> a file name asks for.</summary>
public static class StructureFileFormats
{
    /// <summary>The names each format is recognised by, for messages.</summary>
    public const string Names = ".extxyz or .xyz (extended XYZ), .data, .lmp or .lammps (LAMMPS data), POSCAR, CONTCAR, .vasp or .poscar (VASP), .json (ASE database, written only)";

    /// <summary>The format of a path by its file name, or null for a name that says none.</summary>
    public static StructureFileFormat? Of(string path)
    {
        var name = Path.GetFileName(path);
        var extension = Path.GetExtension(name).ToLowerInvariant();
        if (extension is ".extxyz" or ".xyz")
            return StructureFileFormat.ExtendedXyz;
        if (extension is ".data" or ".lmp" or ".lammps")
            return StructureFileFormat.LammpsData;
        if (extension is ".json")
            return StructureFileFormat.AseDatabase;
        if (extension is ".vasp" or ".poscar")
            return StructureFileFormat.Poscar;
        // VASP names its files without an extension; people add one for a step or a variant (CONTCAR_2, POSCAR.relaxed).
        var upper = name.ToUpperInvariant();
        if (upper.StartsWith("POSCAR", StringComparison.Ordinal) || upper.StartsWith("CONTCAR", StringComparison.Ordinal))
            return StructureFileFormat.Poscar;
        return null;
    }
}
