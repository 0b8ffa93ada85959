namespace Latent.Cli.Validate;

/// <summary>
/// The potentials the validation page covers and the goals issue 12 sets them. A potential of Na and Cl in another
/// model (a continuous-charge NaCl-QEq) is one more <see cref="Salt"/> entry: the same rows, its dissociation curve
/// drawn beside the ensemble one, its E(q) beside the exact line.
/// </summary>
internal static class ShippedPotentials
{
    /// <summary>Every potential on the page, in page order.</summary>
    public static IReadOnlyList<ValidatedPotential> All { get; } = [Salt("NaCl"), Salt("NaCl-QEq"), Copper("Cu")];

    /// <summary>A potential of Na and Cl: the molecule and the crystal with goals, Na₂ and Cl₂ as predictions.</summary>
    public static ValidatedPotential Salt(string name)
    {
        var dimer = ValidatedSystem.Dimer("Na", "Cl");
        var crystal = ValidatedSystem.RockSalt("Na", "Cl");
        var sodium = ValidatedSystem.Dimer("Na", "Na");
        var chlorine = ValidatedSystem.Dimer("Cl", "Cl");
        return new ValidatedPotential(name,
        [
            new(dimer, "bond_length", "Na–Cl dimer R_e", 0.01),
            new(dimer, "dissociation_energy", "Na–Cl dimer D₀ (to neutral atoms)", 0.05),
            new(dimer, "frequency", "Na–Cl dimer ω_e", 0.10),
            new(dimer, "dipole", "Na–Cl dimer dipole", 0.10),
            new(crystal, "lattice_constant", "rock-salt a₀ (zero stress)", 0.01),
            new(crystal, "atomisation_energy", "rock-salt atomisation energy (per NaCl)", 0.02),
            new(crystal, "bulk_modulus", "rock-salt bulk modulus B", 0.10),
            new(sodium, "bond_length", "Na₂ R_e", null),
            new(sodium, "binding_energy", "Na₂ D_e", null),
            new(chlorine, "bond_length", "Cl₂ R_e", null),
            new(chlorine, "binding_energy", "Cl₂ D_e", null),
        ],
        ("Na", "Cl"),
        ["Na", "Cl"]);
    }

    /// <summary>Copper: the crystal's constants and unrelaxed vacancy with goals, relaxed defects and surfaces as predictions.</summary>
    public static ValidatedPotential Copper(string name)
    {
        var fcc = ValidatedSystem.Fcc("Cu");
        return new ValidatedPotential(name,
        [
            new(fcc, "lattice_constant", "fcc a₀ (zero stress)", 0.01),
            new(fcc, "cohesive_energy", "cohesive energy E_c (per atom)", 0.02),
            new(fcc, "bulk_modulus", "bulk modulus B", 0.05),
            new(fcc, "c11", "C11", 0.05),
            new(fcc, "c12", "C12", 0.05),
            new(fcc, "c44", "C44", 0.05),
            new(fcc, "vacancy_formation_energy", "unrelaxed vacancy formation energy", 0.10),
            new(fcc, "relaxed_vacancy_formation_energy", "relaxed vacancy formation energy", null),
            new(fcc, "surface_energy_100", "(100) surface energy", null),
            new(fcc, "surface_energy_111", "(111) surface energy", null),
            new(fcc, "stacking_fault_energy", "intrinsic stacking-fault energy", null),
        ],
        null,
        []);
    }
}
