using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Text;

namespace Latent.Runtime.Compilation;

/// <summary>
/// Compiles C# source texts into an in-memory assembly with Roslyn. References are the running app's
/// trusted platform assemblies plus explicitly given assemblies (Latent.Runtime, Latent.Symbolic and
/// MathNet.Numerics always), so generated code can call MathNet and implement Latent.Runtime interfaces.
/// </summary>
public sealed class SourceCompiler
{
    // Reading metadata of ~200 framework assemblies costs tens of milliseconds; do it once per process.
    private static readonly Lazy<IReadOnlyDictionary<string, string>> PlatformAssemblyPaths =
        new(ReadTrustedPlatformAssemblies, LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly ConcurrentDictionary<string, MetadataReference> ReferencesByPath =
        new(StringComparer.Ordinal);

    private static readonly CSharpParseOptions ParseOptions =
        new(LanguageVersion.Latest, DocumentationMode.None);

    private static readonly CSharpCompilationOptions CompilationOptions =
        new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                optimizationLevel: OptimizationLevel.Release,
                deterministic: true,
                nullableContextOptions: NullableContextOptions.Enable)
            // Version-unification notes between framework facades are noise for generated code.
            .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic>
            {
                ["CS1701"] = ReportDiagnostic.Suppress,
                ["CS1702"] = ReportDiagnostic.Suppress,
            });

    // Embedded PDB: exceptions thrown inside generated code show the generated file and line.
    private static readonly EmitOptions EmitOptions = new(debugInformationFormat: DebugInformationFormat.Embedded);

    private readonly IReadOnlyList<Assembly> explicitReferences;

    /// <summary>
    /// Creates a compiler. <paramref name="additionalReferences"/> are referenced on top of the
    /// platform assemblies and the defaults (<see cref="DefaultReferences"/>).
    /// </summary>
    public SourceCompiler(IEnumerable<Assembly>? additionalReferences = null)
    {
        explicitReferences = DefaultReferences
            .Concat(additionalReferences ?? [])
            .DistinctBy(a => a.FullName)
            .ToList();
        foreach (var assembly in explicitReferences)
        {
            if (string.IsNullOrEmpty(assembly.Location))
            {
                throw new ArgumentException(
                    $"Assembly '{assembly.FullName}' cannot be referenced by generated code: it has no file on disk " +
                    "(loaded from bytes, or the app is published as a single file). Run Latent from a normal (non-single-file) deployment.",
                    nameof(additionalReferences));
            }
        }
    }

    /// <summary>Latent.Runtime, Latent.Symbolic and MathNet.Numerics: what generated kernels may use.</summary>
    public static IReadOnlyList<Assembly> DefaultReferences { get; } =
    [
        typeof(SourceCompiler).Assembly,
        typeof(Latent.Symbolic.Number).Assembly,
        typeof(MathNet.Numerics.SpecialFunctions).Assembly,
    ];

    /// <summary>The assemblies referenced explicitly (defaults first, then the additional ones).</summary>
    public IReadOnlyList<Assembly> ExplicitReferences => explicitReferences;

    /// <summary>The Roslyn version doing the compiling; part of every cache key.</summary>
    public static string RoslynVersion { get; } = InformationalVersion(typeof(CSharpCompilation).Assembly);

    /// <summary>
    /// Compiles <paramref name="sources"/> (path for diagnostics, source text) into an assembly named
    /// <paramref name="assemblyName"/>. Never throws for errors in the sources: they come back in the result.
    /// </summary>
    public SourceCompilationResult Compile(string assemblyName, IReadOnlyList<(string Path, string Text)> sources)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(assemblyName);
        ArgumentNullException.ThrowIfNull(sources);
        var clock = Stopwatch.StartNew();

        var trees = sources
            .Select(s => CSharpSyntaxTree.ParseText(
                SourceText.From(s.Text, Encoding.UTF8), ParseOptions, s.Path))
            .ToList();
        var compilation = CSharpCompilation.Create(assemblyName, trees, References(), CompilationOptions);

        using var pe = new MemoryStream();
        EmitResult emitted = compilation.Emit(pe, options: EmitOptions);
        var diagnostics = emitted.Diagnostics
            .Where(d => !d.IsSuppressed && d.Severity is DiagnosticSeverity.Warning or DiagnosticSeverity.Error)
            .Select(ToKernelDiagnostic)
            .OrderBy(d => d.FilePath, StringComparer.Ordinal)
            .ThenBy(d => d.Line)
            .ThenBy(d => d.Column)
            .ToList();
        return new SourceCompilationResult(
            assemblyName, emitted.Success ? pe.ToArray() : null, diagnostics, clock.Elapsed.TotalMilliseconds);
    }

    private List<MetadataReference> References()
    {
        // Keyed by simple name so that an explicitly given assembly replaces the platform copy of the
        // same name rather than being referenced twice (which Roslyn reports as ambiguity).
        var paths = new Dictionary<string, string>(PlatformAssemblyPaths.Value, StringComparer.OrdinalIgnoreCase);
        foreach (var assembly in explicitReferences)
        {
            paths[assembly.GetName().Name!] = assembly.Location;
        }

        return paths.Values
            .Select(p => ReferencesByPath.GetOrAdd(p, static path => MetadataReference.CreateFromFile(path)))
            .ToList();
    }

    private static IReadOnlyDictionary<string, string> ReadTrustedPlatformAssemblies()
    {
        if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is not string list || list.Length == 0)
        {
            throw new InvalidOperationException(
                "The .NET runtime did not report its trusted platform assemblies, so generated kernels cannot be " +
                "compiled. This happens in single-file deployments; run Latent from a normal deployment.");
        }

        var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            {
                byName.TryAdd(Path.GetFileNameWithoutExtension(path), path);
            }
        }

        return byName;
    }

    private static KernelDiagnostic ToKernelDiagnostic(Diagnostic d)
    {
        var span = d.Location.GetMappedLineSpan();
        var located = d.Location.IsInSource && span.IsValid;
        return new KernelDiagnostic(
            located ? span.Path : "",
            located ? span.StartLinePosition.Line + 1 : 0,
            located ? span.StartLinePosition.Character + 1 : 0,
            d.Id,
            d.Severity == DiagnosticSeverity.Error ? KernelDiagnosticSeverity.Error : KernelDiagnosticSeverity.Warning,
            d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    internal static string InformationalVersion(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? assembly.GetName().Version?.ToString()
        ?? "unknown";
}
