using Latent.Cli.Output;
using Latent.Runtime.Fitting.Targets;
using Latent.Runtime.Potentials;
using Latent.Symbolic.PotentialFile;

namespace Latent.Cli.Validate;

/// <summary>
/// What a potential was fitted to, from the <c>[fitted]</c> record <c>latent fit</c> writes into the file: the targets
/// file it names (found beside the potential files, and checked against the SHA-256 the record keeps) tells which rows
/// are fitted and which predicted. A file without the record was set by hand: none of its rows is either.
/// </summary>
internal sealed class FittedTargets
{
    /// <summary>What a row of a hand-set file says.</summary>
    public const string HandSet = "not fitted (hand-set)";

    private readonly IReadOnlyList<FitTarget>? targets;

    private FittedTargets(string? path, string? date, IReadOnlyList<FitTarget>? targets)
    {
        Path = path;
        Date = date;
        this.targets = targets;
    }

    /// <summary>The targets file the record names (as written in it), or null for a hand-set file.</summary>
    public string? Path { get; }

    /// <summary>The record's date, or null.</summary>
    public string? Date { get; }

    /// <summary>True when the file carries a [fitted] record.</summary>
    public bool IsFitted => targets is not null;

    /// <summary>"fitted" when a target of the fit with a non-zero weight is this row's property of this row's system,
    /// "predicted" otherwise, <see cref="HandSet"/> for a file without the record. A target of weight 0 is only
    /// reported by the fit (NaCl's D₀ and dipole), so it leaves its row predicted.</summary>
    public string Origin(ValidatedProperty row) =>
        targets is null ? HandSet
        : targets.Any(t => t.Weight > 0 && t.Property.Name == row.Property && row.System.Matches(t.Structure)) ? "fitted" : "predicted";

    /// <summary>The record of <paramref name="source"/>; its targets file is looked for in <paramref name="potentialsDirectory"/>.</summary>
    /// <exception cref="UserError">The record names a targets file that is not there, does not read, or is not the one the fit used.</exception>
    public static FittedTargets Of(PotentialSource source, string potentialsDirectory)
    {
        var parsed = LocatedToml.parse(source.Text);
        if (parsed.IsError || parsed.ResultValue.TryFind("fitted") is not { Value: LocatedValue.TTable { Item: var record } })
            return new FittedTargets(null, null, null);
        var name = Text(record, "targets")
            ?? throw new UserError($"{source.DisplayPath}: its [fitted] record names no targets file, so its rows cannot be told fitted or predicted");
        var path = System.IO.Path.Combine(potentialsDirectory, name);
        if (!File.Exists(path))
            throw new UserError($"{source.DisplayPath}: its [fitted] record names the targets file '{name}', which is not at {path}; run latent validate from the repository root, or give --potentials the folder of the potential files");
        TargetsFile file;
        try
        {
            file = TargetsReader.ReadFile(path);
        }
        catch (TargetsFileException e)
        {
            throw e.Line > 0
                ? new UserError(e.Message, new SourceLocation(e.Text, e.Line, Math.Max(e.Column, 1), e.Path))
                : new UserError($"{e.Path}: {e.Message}");
        }

        if (Text(record, "targets_sha256") is { } hash && !string.Equals(hash, file.Sha256, StringComparison.OrdinalIgnoreCase))
            throw new UserError($"{source.DisplayPath} was fitted to another version of {path} (its [fitted] record's targets_sha256 differs from the file's): refit it, or restore the targets the fit used, so the page does not call rows fitted that were not");
        return new FittedTargets(name, Text(record, "date"), file.Targets);
    }

    private static string? Text(LocatedTable table, string key) =>
        table.TryFind(key) is { Value: LocatedValue.TString s } ? s.value : null;
}
