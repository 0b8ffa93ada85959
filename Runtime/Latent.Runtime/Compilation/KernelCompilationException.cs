namespace Latent.Runtime.Compilation;

/// <summary>
/// Thrown by the throwing entry points (<see cref="KernelLoader"/>,
/// <see cref="SourceCompilationResult.ThrowIfFailed"/>) when generated kernel source does not compile.
/// The message lists every error; <see cref="Diagnostics"/> has them one by one.
/// </summary>
public sealed class KernelCompilationException : Exception
{
    /// <summary>Creates the exception for the kernel set <paramref name="name"/>.</summary>
    public KernelCompilationException(string name, IReadOnlyList<KernelDiagnostic> diagnostics)
        : base(FormatMessage(name, diagnostics))
    {
        Name = name;
        Diagnostics = diagnostics;
    }

    /// <summary>The name of the kernel set (the potential) that failed to compile.</summary>
    public string Name { get; }

    /// <summary>All diagnostics of the failed compilation, errors and warnings.</summary>
    public IReadOnlyList<KernelDiagnostic> Diagnostics { get; }

    private static string FormatMessage(string name, IReadOnlyList<KernelDiagnostic> diagnostics)
    {
        var errors = diagnostics.Where(d => d.Severity == KernelDiagnosticSeverity.Error).ToList();
        var header = $"Generated code for '{name}' failed to compile ({errors.Count} error{(errors.Count == 1 ? "" : "s")}):";
        return string.Join(Environment.NewLine, errors.Select(e => "  " + e).Prepend(header));
    }
}
