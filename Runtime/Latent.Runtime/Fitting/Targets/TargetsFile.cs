namespace Latent.Runtime.Fitting.Targets;

/// <summary>A targets file as read: what to fit to, how, and within which bounds (docs/fitting.md).</summary>
/// <param name="Path">The file as named.</param>
/// <param name="Text">Its text (echoed in messages, hashed into the fitted record).</param>
/// <param name="Description">Its description, if any.</param>
/// <param name="Settings">The [fit] table.</param>
/// <param name="Bounds">The [bounds] table: parameter → (lower, upper, line).</param>
/// <param name="Structures">The [structures] tables, in file order.</param>
/// <param name="Targets">The [[targets]] entries, in file order.</param>
public sealed record TargetsFile(
    string Path,
    string Text,
    string? Description,
    FitSettings Settings,
    IReadOnlyDictionary<string, ParameterBound> Bounds,
    IReadOnlyList<FitStructure> Structures,
    IReadOnlyList<FitTarget> Targets)
{
    /// <summary>SHA-256 of the text (UTF-8), lower-case hex: what the fitted record names the targets by.</summary>
    public string Sha256 => Latent.Symbolic.PotentialFile.SourceHash.ofText(Text);

    /// <summary>An error at a line of this file.</summary>
    public TargetsFileException At(int line, string message) => new(Path, Text, line, 1, message);
}

/// <summary>Where a parameter may go during a fit.</summary>
/// <param name="Lower">Lowest value (may be −∞).</param>
/// <param name="Upper">Highest value (may be +∞).</param>
/// <param name="Line">Line in the targets file.</param>
public sealed record ParameterBound(double Lower, double Upper, int Line);
