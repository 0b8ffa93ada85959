using Latent.Runtime.Fitting.Targets;

namespace Latent.Cli.Validate;

/// <summary>
/// A molecule or crystal the validation measures, named as a targets file names its structures (kind and elements),
/// so that experiment.toml, a fit's targets and the page's rows all point at the same thing.
/// </summary>
/// <param name="Kind">Dimer, rock salt, fcc or bcc.</param>
/// <param name="Elements">A and B of a dimer, cation and anion of rock salt, the element of fcc or bcc.</param>
internal sealed record ValidatedSystem(StructureKind Kind, IReadOnlyList<string> Elements)
{
    /// <summary>The A–B dimer.</summary>
    public static ValidatedSystem Dimer(string a, string b) => new(StructureKind.Dimer, [a, b]);

    /// <summary>The rock-salt crystal of a cation and an anion.</summary>
    public static ValidatedSystem RockSalt(string cation, string anion) => new(StructureKind.RockSalt, [cation, anion]);

    /// <summary>The fcc crystal of an element.</summary>
    public static ValidatedSystem Fcc(string element) => new(StructureKind.Fcc, [element]);

    /// <summary>"dimer.Na-Cl", "rocksalt.Na-Cl", "fcc.Cu": the tables of experiment.toml.</summary>
    public string Key => $"{KindName}.{string.Join('-', Elements)}";

    /// <summary>How the page names it: "Na–Cl dimer", "Na₂", "rock-salt NaCl", "fcc Cu".</summary>
    public string Title => Kind switch
    {
        StructureKind.Dimer when Elements[0] == Elements[1] => $"{Elements[0]}₂",
        StructureKind.Dimer => $"{Elements[0]}–{Elements[1]} dimer",
        StructureKind.RockSalt => $"rock-salt {Elements[0]}{Elements[1]}",
        _ => $"{KindName} {Elements[0]}",
    };

    /// <summary>True for the cubic crystals.</summary>
    public bool IsCrystal => Kind is StructureKind.RockSalt or StructureKind.Fcc or StructureKind.Bcc;

    /// <summary>True when a targets file's structure is this system: the same kind and elements (a dimer's in either order).</summary>
    public bool Matches(FitStructure structure) =>
        structure.Kind == Kind && (Kind == StructureKind.Dimer
            ? structure.Elements.Order(StringComparer.Ordinal).SequenceEqual(Elements.Order(StringComparer.Ordinal))
            : structure.Elements.SequenceEqual(Elements));

    /// <summary>The structure the fit's measurements take, its lattice-constant search starting at <paramref name="latticeConstant"/>.</summary>
    public FitStructure Structure(double? latticeConstant = null) => new(Title, Kind, Elements, latticeConstant, null, 0);

    private string KindName => Kind switch
    {
        StructureKind.Dimer => "dimer",
        StructureKind.RockSalt => "rocksalt",
        StructureKind.Fcc => "fcc",
        StructureKind.Bcc => "bcc",
        _ => throw new InvalidOperationException($"{Kind} is not a system the validation measures"),
    };
}
