namespace Latent.Runtime.Compilation;

/// <summary>
/// What <see cref="SourceCompiler.Compile"/> produced: the assembly image when compilation succeeded,
/// and every error and warning either way. Compile errors are data here, not exceptions.
/// </summary>
public sealed class SourceCompilationResult
{
    internal SourceCompilationResult(
        string assemblyName, byte[]? image, IReadOnlyList<KernelDiagnostic> diagnostics, double elapsedMilliseconds)
    {
        AssemblyName = assemblyName;
        Image = image;
        Diagnostics = diagnostics;
        ElapsedMilliseconds = elapsedMilliseconds;
    }

    /// <summary>The name given to the compiled assembly.</summary>
    public string AssemblyName { get; }

    /// <summary>True when there were no errors and <see cref="Image"/> holds the assembly.</summary>
    public bool Success => Image is not null;

    /// <summary>The compiled assembly (PE image with embedded PDB); null when compilation failed.</summary>
    public byte[]? Image { get; }

    /// <summary>Errors and warnings, in source order.</summary>
    public IReadOnlyList<KernelDiagnostic> Diagnostics { get; }

    /// <summary>The errors alone.</summary>
    public IReadOnlyList<KernelDiagnostic> Errors =>
        Diagnostics.Where(d => d.Severity == KernelDiagnosticSeverity.Error).ToList();

    /// <summary>Wall-clock time of parsing, binding and emitting.</summary>
    public double ElapsedMilliseconds { get; }

    /// <summary>Returns the image, or throws <see cref="KernelCompilationException"/> listing the errors.</summary>
    public byte[] ThrowIfFailed() =>
        Image ?? throw new KernelCompilationException(AssemblyName, Diagnostics);
}
