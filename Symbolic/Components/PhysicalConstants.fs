namespace Latent.Symbolic.Components

/// Physical constants in the project's units (eV, Å, e), CODATA 2018 values (docs/model.md §7).
[<RequireQualifiedAccess>]
module PhysicalConstants =
    /// Coulomb constant e²/(4πε₀) in eV·Å.
    [<Literal>]
    let CoulombConstant = 14.3996454784

    /// Hartree energy in eV.
    [<Literal>]
    let Hartree = 27.211386246

    /// Bohr radius in Å.
    [<Literal>]
    let Bohr = 0.529177210903

    /// One gigapascal in eV/Å³ (1 eV/Å³ = 160.2176634 GPa, e exact since 2019): `140*GPa` is a bulk modulus in the
    /// project's stress unit.
    [<Literal>]
    let Gigapascal = 0.0062415090744607626

    /// Named constants every formula may use, by the name it uses.
    let byName: (string * float * string) list =
        [ "ke", CoulombConstant, "Coulomb constant e²/(4πε₀), eV·Å"
          "Ha", Hartree, "Hartree energy, eV"
          "a0", Bohr, "Bohr radius, Å"
          "GPa", Gigapascal, "one gigapascal, eV/Å³" ]
