namespace Latent.Cli.Validate;

/// <summary>
/// The potentials the validation page covers and the goals issue 12 sets them. A potential of Na and Cl in another
/// model (a continuous-charge NaCl-QEq) is one more <see cref="Salt"/> entry: the same rows, its dissociation curve
/// drawn beside the ensemble one, its E(q) beside the exact line. LiF is NaCl's recipe carried to another alkali
/// halide, held to the same goals.
/// </summary>
internal static class ShippedPotentials
{
    /// <summary>Every potential on the page, in page order.</summary>
    public static IReadOnlyList<ValidatedPotential> All { get; } = [Salt("NaCl"), Salt("NaCl-QEq"), Salt("LiF", "Li", "F", compared: false, withD0: false), Copper("Cu")];

    /// <summary>
    /// An alkali halide (Na–Cl unless named): the molecule and the crystal with goals, the two homonuclear dimers as
    /// predictions; when <paramref name="compared"/>, its dissociation and its atoms' E(q) are drawn beside the other
    /// models of the same pair. Without <paramref name="withD0"/> the molecule's D₀ has no row (no measured value is
    /// among the page's sources).
    /// </summary>
    public static ValidatedPotential Salt(string name, string cation = "Na", string anion = "Cl", bool compared = true, bool withD0 = true)
    {
        var dimer = ValidatedSystem.Dimer(cation, anion);
        var crystal = ValidatedSystem.RockSalt(cation, anion);
        var metal = ValidatedSystem.Dimer(cation, cation);
        var halogen = ValidatedSystem.Dimer(anion, anion);
        ValidatedProperty[] d0 = withD0 ? [new(dimer, "dissociation_energy", $"{cation}–{anion} dimer D₀ (to neutral atoms)", 0.05)] : [];
        return new ValidatedPotential(name,
        [
            new(dimer, "bond_length", $"{cation}–{anion} dimer R_e", 0.01),
            .. d0,
            new(dimer, "frequency", $"{cation}–{anion} dimer ω_e", 0.10),
            new(dimer, "dipole", $"{cation}–{anion} dimer dipole", 0.10),
            new(crystal, "lattice_constant", "rock-salt a₀ (zero stress)", 0.01),
            new(crystal, "atomisation_energy", $"rock-salt atomisation energy (per {cation}{anion})", 0.02),
            new(crystal, "bulk_modulus", "rock-salt bulk modulus B", 0.10),
            new(metal, "bond_length", $"{cation}₂ R_e", null),
            new(metal, "binding_energy", $"{cation}₂ D_e", null),
            new(halogen, "bond_length", $"{anion}₂ R_e", null),
            new(halogen, "binding_energy", $"{anion}₂ D_e", null),
        ],
        compared ? (cation, anion) : null,
        compared ? [cation, anion] : []);
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
