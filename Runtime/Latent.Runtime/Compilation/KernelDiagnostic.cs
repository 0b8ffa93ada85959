using System.Globalization;

namespace Latent.Runtime.Compilation;

/// <summary>Severity of a <see cref="KernelDiagnostic"/>.</summary>
public enum KernelDiagnosticSeverity
{
    /// <summary>The compiler accepted the code but flags something.</summary>
    Warning,

    /// <summary>The code did not compile.</summary>
    Error,
}

/// <summary>
/// One compiler message about generated kernel source, located in the file path the caller gave.
/// Line and column are 1-based (as editors show them); 0 when the message has no location.
/// </summary>
public sealed record KernelDiagnostic(
    string FilePath,
    int Line,
    int Column,
    string Id,
    KernelDiagnosticSeverity Severity,
    string Message)
{
    /// <summary>The usual compiler form: <c>file(line,col): error CS0103: message</c>.</summary>
    public override string ToString()
    {
        var severity = Severity == KernelDiagnosticSeverity.Error ? "error" : "warning";
        var where = Line > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{FilePath}({Line},{Column})")
            : (FilePath.Length > 0 ? FilePath : "<no location>");
        return $"{where}: {severity} {Id}: {Message}";
    }
}
