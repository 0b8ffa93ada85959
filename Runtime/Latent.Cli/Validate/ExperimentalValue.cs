namespace Latent.Cli.Validate;

/// <summary>One measured property of one system (experiment.toml).</summary>
/// <param name="System">The system's key, "dimer.Na-Cl" (<see cref="ValidatedSystem.Key"/>).</param>
/// <param name="Property">The property's name, as targets files name it ("bond_length") or as the validation adds ("surface_energy_111").</param>
/// <param name="Value">The number, in <paramref name="Unit"/>.</param>
/// <param name="Unit">The unit the page prints the property in.</param>
/// <param name="Source">Where it comes from.</param>
/// <param name="Note">What exactly was measured, when the property's name does not say it all.</param>
internal sealed record ExperimentalValue(string System, string Property, double Value, string Unit, ExperimentSource Source, string? Note);
