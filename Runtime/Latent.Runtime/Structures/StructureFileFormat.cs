namespace Latent.Runtime.Structures;

/// <summary>The structure file formats Latent reads and writes, told apart by file name.</summary>
public enum StructureFileFormat
{
    /// <summary>Extended XYZ (ASE's dialect), and plain XYZ: <c>*.extxyz</c>, <c>*.xyz</c>.</summary>
    ExtendedXyz,

    /// <summary>A LAMMPS data file, atom style atomic or charge: <c>*.data</c>, <c>*.lmp</c>, <c>*.lammps</c>.</summary>
    LammpsData,

    /// <summary>A VASP 5 POSCAR or CONTCAR: <c>POSCAR</c>, <c>CONTCAR</c> (also with a suffix, <c>POSCAR-relaxed</c>), <c>*.vasp</c>, <c>*.poscar</c>.</summary>
    Poscar,

    /// <summary>An ASE database in its JSON form, one structure: <c>*.json</c>. Written only (for ASE 3.22's <c>get_charges()</c>).</summary>
    AseDatabase,
}
