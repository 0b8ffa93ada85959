namespace Latent.Runtime.Structures.LammpsData;

/// <summary>The LAMMPS atom styles a data file may be read and written in.</summary>
public enum LammpsAtomStyle
{
    /// <summary><c>id type x y z</c>.</summary>
    Atomic,

    /// <summary><c>id type q x y z</c>: what <c>pair_style latent</c> and every charge-transfer pair style need.</summary>
    Charge,
}
