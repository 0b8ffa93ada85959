namespace Latent.Cli.Validate;

/// <summary>
/// A shipped potential and what the validation page shows of it: its rows against experiment, the dimer it pulls
/// apart (and plots beside the other potentials of the same pair), and the atoms whose E(q) it draws.
/// </summary>
/// <param name="Name">The shipped potential's name.</param>
/// <param name="Properties">Its table's rows, in order.</param>
/// <param name="Dissociation">The A–B dimer pulled apart to <see cref="DissociationCurve.Longest"/>, or null.</param>
/// <param name="ChargedAtoms">Elements whose isolated-atom E(q) is drawn against the exact line.</param>
internal sealed record ValidatedPotential(
    string Name,
    IReadOnlyList<ValidatedProperty> Properties,
    (string A, string B)? Dissociation,
    IReadOnlyList<string> ChargedAtoms)
{
    /// <summary>The systems its rows measure, each once, in the order rows first name them.</summary>
    public IReadOnlyList<ValidatedSystem> Systems => Properties.Select(p => p.System).DistinctBy(s => s.Key).ToArray();

    /// <summary>The properties its rows ask of <paramref name="system"/>.</summary>
    public IReadOnlySet<string> PropertiesOf(ValidatedSystem system) =>
        Properties.Where(p => p.System.Key == system.Key).Select(p => p.Property).ToHashSet(StringComparer.Ordinal);
}
