namespace Latent.Runtime.Structures.LammpsData;

/// <summary>
/// What a LAMMPS data file of atom style atomic or charge holds, in Latent's units: the structure (periodic in
/// all three directions, atoms in order of their ids, positions unwrapped by their image flags), the charges
/// of style charge (e), and the velocities when the file has a Velocities section.
/// </summary>
/// <remarks>LAMMPS's <c>units metal</c>: Å, amu and e as Latent uses them, but velocities in Å/ps; here they are in Å/fs, Latent's unit.</remarks>
public sealed record LammpsDataFile(Structure Structure, LammpsAtomStyle Style, double[]? Charges, Vec3[]? Velocities, string Title)
{
    /// <summary>Å/ps (LAMMPS metal units) in Å/fs.</summary>
    public const double FemtosecondsPerPicosecond = 1000;
}
