namespace Latent.Runtime.Fitting.Targets;

/// <summary>
/// Everything a target can ask of a structure, with the structures that have it, its dimension, and whether it
/// is one number or one per atom (or per component). The one table a reader, a fit and the docs share.
/// </summary>
/// <param name="Name">As a targets file writes it.</param>
/// <param name="Kinds">The structures that have it.</param>
/// <param name="Quantity">Its dimension and units.</param>
/// <param name="IsArray">True when a target holds many numbers (forces, stress, charges).</param>
/// <param name="Description">What it is, for messages and docs.</param>
public sealed record TargetProperty(string Name, IReadOnlyList<StructureKind> Kinds, Quantity Quantity, bool IsArray, string Description)
{
    private static readonly StructureKind[] Dimer = [StructureKind.Dimer];
    private static readonly StructureKind[] Crystals = [StructureKind.RockSalt, StructureKind.Fcc, StructureKind.Bcc];
    private static readonly StructureKind[] Elemental = [StructureKind.Fcc, StructureKind.Bcc];
    private static readonly StructureKind[] File = [StructureKind.File];

    /// <summary>Dimer R_e.</summary>
    public static TargetProperty BondLength { get; } = new("bond_length", Dimer, Quantity.Length, false, "equilibrium distance R_e of the dimer");

    /// <summary>Dimer D_e.</summary>
    public static TargetProperty BindingEnergy { get; } = new("binding_energy", Dimer, Quantity.Energy, false, "well depth D_e against the separated neutral atoms");

    /// <summary>Dimer D₀.</summary>
    public static TargetProperty DissociationEnergy { get; } = new("dissociation_energy", Dimer, Quantity.Energy, false, "D₀ = D_e − h·c·ω_e/2, the binding from the lowest vibrational level");

    /// <summary>Dimer ω_e.</summary>
    public static TargetProperty Frequency { get; } = new("frequency", Dimer, Quantity.Wavenumber, false, "harmonic wavenumber ω_e of the dimer");

    /// <summary>Dimer |μ|.</summary>
    public static TargetProperty Dipole { get; } = new("dipole", Dimer, Quantity.Dipole, false, "dipole moment at R_e about the centre of mass");

    /// <summary>Dimer q_A.</summary>
    public static TargetProperty DimerCharge { get; } = new("charge", Dimer, Quantity.Charge, false, "charge of the first atom at R_e");

    /// <summary>Zero-stress a₀.</summary>
    public static TargetProperty LatticeConstant { get; } = new("lattice_constant", Crystals, Quantity.Length, false, "lattice constant at zero stress");

    /// <summary>E_c per atom.</summary>
    public static TargetProperty CohesiveEnergy { get; } = new("cohesive_energy", Crystals, Quantity.Energy, false, "energy per atom to take the crystal apart into neutral atoms");

    /// <summary>Atomisation energy per formula unit.</summary>
    public static TargetProperty AtomisationEnergy { get; } = new("atomisation_energy", Crystals, Quantity.Energy, false, "energy per formula unit to take the crystal apart into neutral atoms");

    /// <summary>B.</summary>
    public static TargetProperty BulkModulus { get; } = new("bulk_modulus", Crystals, Quantity.Pressure, false, "bulk modulus (C11 + 2·C12)/3 at zero stress");

    /// <summary>C11.</summary>
    public static TargetProperty C11 { get; } = new("c11", Crystals, Quantity.Pressure, false, "elastic constant C11 at zero stress");

    /// <summary>C12.</summary>
    public static TargetProperty C12 { get; } = new("c12", Crystals, Quantity.Pressure, false, "elastic constant C12 at zero stress");

    /// <summary>C44.</summary>
    public static TargetProperty C44 { get; } = new("c44", Crystals, Quantity.Pressure, false, "elastic constant C44 at zero stress (unrelaxed: no internal relaxation)");

    /// <summary>Unrelaxed vacancy formation energy.</summary>
    public static TargetProperty VacancyFormationEnergy { get; } = new("vacancy_formation_energy", Elemental, Quantity.Energy, false, "unrelaxed vacancy formation energy E(N−1) − (N−1)/N·E(N) in a supercell at zero stress");

    /// <summary>A of a configuration.</summary>
    public static TargetProperty Energy { get; } = new("energy", File, Quantity.Energy, false, "free energy A of the configuration (what latent eval reports as energy)");

    /// <summary>Forces of a configuration.</summary>
    public static TargetProperty Forces { get; } = new("forces", File, Quantity.Force, true, "forces on every atom (x, y, z per atom)");

    /// <summary>Stress of a periodic configuration.</summary>
    public static TargetProperty Stress { get; } = new("stress", File, Quantity.Pressure, true, "stress, Voigt xx yy zz yz xz xy");

    /// <summary>Charges of chosen atoms.</summary>
    public static TargetProperty Charges { get; } = new("charges", File, Quantity.Charge, true, "charges of the atoms listed in `atoms` (every atom when absent)");

    /// <summary>Every property, in the order docs list them.</summary>
    public static IReadOnlyList<TargetProperty> All { get; } =
    [
        BondLength, BindingEnergy, DissociationEnergy, Frequency, Dipole, DimerCharge,
        LatticeConstant, CohesiveEnergy, AtomisationEnergy, BulkModulus, C11, C12, C44, VacancyFormationEnergy,
        Energy, Forces, Stress, Charges,
    ];

    /// <summary>The property of this name that a structure of this kind has, or null.</summary>
    public static TargetProperty? Find(string name, StructureKind kind) =>
        All.FirstOrDefault(p => p.Name == name && p.Kinds.Contains(kind));
}
