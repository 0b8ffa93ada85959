using Latent.Runtime.Structures;

namespace Latent.Runtime.Fitting.Targets;

/// <summary>One structure a targets file names (a <c>[structures.NAME]</c> table).</summary>
/// <param name="Name">The table's name, which targets refer to.</param>
/// <param name="Kind">What it is.</param>
/// <param name="Elements">Its elements: A and B of a dimer, cation and anion of rock salt, the one element of fcc/bcc,
/// the distinct symbols of a file's configuration.</param>
/// <param name="LatticeConstant">For a crystal: where the search for zero stress starts (Å).</param>
/// <param name="Configuration">For a file: the configuration read, with any reference results it carries.</param>
/// <param name="Line">Line of its table header in the targets file.</param>
public sealed record FitStructure(
    string Name,
    StructureKind Kind,
    IReadOnlyList<string> Elements,
    double? LatticeConstant,
    ReferenceConfiguration? Configuration,
    int Line)
{
    /// <summary>True for the built-in crystals, whose properties are taken at the potential's own zero-stress lattice constant.</summary>
    public bool IsCrystal => Kind is StructureKind.RockSalt or StructureKind.Fcc or StructureKind.Bcc;
}

/// <summary>A configuration from an extended XYZ file and what the file says about it (ASE's calculator keys).</summary>
/// <param name="Structure">Positions, symbols, cell.</param>
/// <param name="Energy">The frame's <c>energy</c> (eV), if given.</param>
/// <param name="Forces">The frame's <c>forces</c> column (eV/Å, 3 per atom), if given.</param>
/// <param name="Stress">The frame's <c>stress</c> (eV/Å³, Voigt), if given.</param>
/// <param name="Charges">The frame's <c>charges</c> column (e), if given.</param>
/// <param name="Source">The file and frame, for messages.</param>
public sealed record ReferenceConfiguration(
    Structure Structure,
    double? Energy,
    double[]? Forces,
    double[]? Stress,
    double[]? Charges,
    string Source);
