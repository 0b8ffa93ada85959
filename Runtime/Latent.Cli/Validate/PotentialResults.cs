using Latent.Runtime.Validation;

namespace Latent.Cli.Validate;

/// <summary>Everything the validation found for one potential.</summary>
/// <param name="Entry">What was asked of it.</param>
/// <param name="File">Where its file lives in the repository ("potentials/NaCl.toml").</param>
/// <param name="Temperature">Its electronic temperature θ (eV).</param>
/// <param name="Cutoff">Where its short-range terms end (Å).</param>
/// <param name="ContinuousCharges">Whether its charges are continuous (QEq) rather than weights over integer-charge states.</param>
/// <param name="Fitted">What it was fitted to.</param>
/// <param name="Rows">Its table, in the entry's order.</param>
/// <param name="Systems">The measurements behind the rows.</param>
/// <param name="Dissociation">Its dimer pulled apart, or null.</param>
/// <param name="ChargedAtoms">Its isolated-atom E(q) curves.</param>
internal sealed record PotentialResults(
    ValidatedPotential Entry,
    string File,
    double Temperature,
    double Cutoff,
    bool ContinuousCharges,
    FittedTargets Fitted,
    IReadOnlyList<PropertyResult> Rows,
    IReadOnlyList<SystemMeasurement> Systems,
    DissociationCurve? Dissociation,
    IReadOnlyList<ChargedAtomCurve> ChargedAtoms)
{
    /// <summary>The potential's name.</summary>
    public string Name => Entry.Name;

    /// <summary>The rows with a goal that miss it.</summary>
    public IEnumerable<PropertyResult> Missed => Rows.Where(r => r.Status == GoalStatus.Missed);

    /// <summary>The crystals measured, with their energy–volume curves.</summary>
    public IEnumerable<SystemMeasurement> Crystals => Systems.Where(s => s.EnergyVolume is not null);
}
