namespace Latent.Runtime.Potentials;

/// <summary>A potential could not be found, read or compiled; <see cref="Diagnostics"/> says where and why.</summary>
public sealed class PotentialLoadException : Exception
{
    /// <summary>Creates the exception from located diagnostics.</summary>
    public PotentialLoadException(string message, IReadOnlyList<PotentialDiagnostic> diagnostics, string? sourceText = null)
        : base(message)
    {
        Diagnostics = diagnostics;
        SourceText = sourceText;
    }

    /// <summary>The file's text, so a reporter can show the offending line; null when nothing was read.</summary>
    public string? SourceText { get; }

    /// <summary>Every problem found, in file order (empty when the potential was not found at all).</summary>
    public IReadOnlyList<PotentialDiagnostic> Diagnostics { get; }
}
