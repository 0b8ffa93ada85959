namespace Latent.Cli.Validate;

/// <summary>
/// The unit a property is printed in and how many decimals: one table for the page, its text and its tests (a printed
/// number is checked to within half a unit of its last digit). The units are those of the fit's measurements.
/// </summary>
/// <param name="Unit">The unit (as experiment.toml writes it).</param>
/// <param name="Decimals">Decimals printed.</param>
internal sealed record PropertyFormat(string Unit, int Decimals)
{
    private static readonly Dictionary<string, PropertyFormat> Formats = new(StringComparer.Ordinal)
    {
        ["bond_length"] = new("Å", 4),
        ["binding_energy"] = new("eV", 3),
        ["dissociation_energy"] = new("eV", 3),
        ["frequency"] = new("cm^-1", 1),
        ["dipole"] = new("D", 2),
        ["lattice_constant"] = new("Å", 4),
        ["cohesive_energy"] = new("eV", 3),
        ["atomisation_energy"] = new("eV", 3),
        ["bulk_modulus"] = new("GPa", 1),
        ["c11"] = new("GPa", 1),
        ["c12"] = new("GPa", 1),
        ["c44"] = new("GPa", 1),
        ["vacancy_formation_energy"] = new("eV", 3),
        ["relaxed_vacancy_formation_energy"] = new("eV", 3),
        ["surface_energy_100"] = new("J/m^2", 3),
        ["surface_energy_111"] = new("J/m^2", 3),
        ["stacking_fault_energy"] = new("mJ/m^2", 1),
    };

    /// <summary>The format of <paramref name="property"/>.</summary>
    /// <exception cref="ArgumentException">A property the validation does not measure.</exception>
    public static PropertyFormat Of(string property) =>
        Formats.TryGetValue(property, out var format) ? format : throw new ArgumentException($"the validation does not measure '{property}'", nameof(property));

    /// <summary>The unit as the page prints it: cm⁻¹, J/m².</summary>
    public string Printed => Unit.Replace("^-1", "⁻¹", StringComparison.Ordinal).Replace("^2", "²", StringComparison.Ordinal);
}
