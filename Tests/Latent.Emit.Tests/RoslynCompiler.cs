using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Latent.Emit.Tests;

/// <summary>
/// Compiles generated C# in memory, as run-time compilation will: Release, the running app's platform
/// assemblies plus MathNet.Numerics. The generator tests compile with the same settings (this file is
/// linked into them).
/// </summary>
internal static class RoslynCompiler
{
    public static readonly CSharpParseOptions ParseOptions =
        new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    /// <summary>Release, nullable enabled, deterministic: a library as generated code is built.</summary>
    public static readonly CSharpCompilationOptions CompilationOptions =
        new(OutputKind.DynamicallyLinkedLibrary,
            optimizationLevel: OptimizationLevel.Release,
            nullableContextOptions: NullableContextOptions.Enable,
            deterministic: true);

    private static readonly Lazy<IReadOnlyList<MetadataReference>> DefaultReferences = new(() => References());

    /// <summary>The running app's System.* platform assemblies and MathNet.Numerics (erf), plus <paramref name="assemblies"/>.</summary>
    public static IReadOnlyList<MetadataReference> References(params Assembly[] assemblies) =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal)
                        || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Append(typeof(MathNet.Numerics.SpecialFunctions).Assembly.Location)
            .Concat(assemblies.Select(a => a.Location))
            .Distinct(StringComparer.Ordinal)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToList();

    /// <summary>Parses C#; documented trees get their XML comments checked (generated code must have well-formed, complete docs).</summary>
    public static SyntaxTree Parse(string text, string path, bool documented = true) =>
        CSharpSyntaxTree.ParseText(text, documented ? ParseOptions : ParseOptions.WithDocumentationMode(DocumentationMode.Parse), path);

    /// <summary>Compiles the trees into one assembly and loads it; every warning or error fails with the diagnostics listed.</summary>
    public static Assembly CompileAndLoad(string assemblyName, IEnumerable<SyntaxTree> trees)
    {
        var compilation = CSharpCompilation.Create(assemblyName, trees, DefaultReferences.Value, CompilationOptions);
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        var problems = result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        if (problems.Count > 0)
            throw new InvalidOperationException(
                "Generated code does not compile cleanly:\n" + string.Join("\n", problems.Take(20)));
        return Assembly.Load(stream.ToArray());
    }
}
