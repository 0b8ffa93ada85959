namespace Latent.Runtime.Structures.Vasp;

/// <summary>
/// What a VASP POSCAR or CONTCAR holds: the comment line, the structure (periodic in all three directions), and
/// with selective dynamics which Cartesian directions each atom may move in (VASP's T/F flags).
/// </summary>
/// <param name="Structure">Atoms in file order, positions in Å (scale factor applied), masses from the atomic-data table.</param>
/// <param name="Comment">The first line.</param>
/// <param name="Movable">Null without selective dynamics; otherwise three flags per atom (x, y, z of atom i at 3i…3i+2), true where it may move.</param>
public sealed record PoscarFile(Structure Structure, string Comment, bool[]? Movable);
