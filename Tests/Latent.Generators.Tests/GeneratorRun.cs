using System.Collections.Immutable;
using System.Text;
using Latent.Emit.Tests;
using Latent.Symbolic.Kernels;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Latent.Generators.Tests;

/// <summary>The repository's files, found from the test binaries' directory.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string NaClPath => Path.Combine(Root, "potentials", "NaCl.toml");

    public static string NaClText { get; } = File.ReadAllText(Path.Combine(FindRoot(), "potentials", "NaCl.toml"));

    public static string DimerPath => Path.Combine(Root, "Tests", "Latent.Generators.Consumer", "potentials", "Dimer.toml");

    public static string Snapshots => Path.Combine(Root, "Tests", "Latent.Generators.Tests", "Snapshots");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Pipeline.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"no Pipeline.sln above {AppContext.BaseDirectory}");
    }
}

/// <summary>A potential file handed to the generator as an AdditionalFile, without touching the disk.</summary>
internal sealed class InMemoryText(string path, string text) : AdditionalText
{
    private readonly SourceText source = SourceText.From(text, Encoding.UTF8);

    public override string Path => path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => source;
}

/// <summary>Build properties as the compiler sees them (build_property.*), for the registry namespace.</summary>
internal sealed class BuildProperties(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptionsProvider
{
    public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(values);

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

    private sealed class Options(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public static readonly Options Empty = new(new Dictionary<string, string>());

        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
    }
}

/// <summary>Runs <see cref="PotentialGenerator"/> the way the compiler does, with step tracking on.</summary>
internal static class Generator
{
    /// <summary>The platform assemblies, MathNet.Numerics (erf) Latent.Runtime (the kernel types) and Latent.Symbolic (their layouts).</summary>
    private static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(() =>
        RoslynCompiler.References(typeof(Latent.Runtime.Kernels.PotentialKernels).Assembly, typeof(Latent.Symbolic.Kernels.PairLayout).Assembly));

    /// <summary>An empty compilation to run the generator on (plus any trees given).</summary>
    public static CSharpCompilation Compilation(params SyntaxTree[] trees) =>
        CSharpCompilation.Create("Latent.Generators.Tests.Generated", trees, References.Value, RoslynCompiler.CompilationOptions);

    /// <summary>A driver over the given additional files and build properties, tracking every step.</summary>
    public static GeneratorDriver Driver(IEnumerable<AdditionalText> files, IReadOnlyDictionary<string, string>? properties = null) =>
        CSharpGeneratorDriver.Create(
            new[] { new PotentialGenerator().AsSourceGenerator() },
            files,
            RoslynCompiler.ParseOptions,
            new BuildProperties(properties ?? new Dictionary<string, string>()),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>One run on a fresh driver: the generator's single result.</summary>
    public static GeneratorRunResult Run(params AdditionalText[] files) =>
        Driver(files).RunGenerators(Compilation()).GetRunResult().Results.Single();

    /// <summary>The generator's result for potentials/NaCl.toml, computed once for the whole suite.</summary>
    public static GeneratorRunResult NaCl => NaClRun.Value;

    private static readonly Lazy<GeneratorRunResult> NaClRun = new(() => Run(new InMemoryText(Repo.NaClPath, Repo.NaClText)));

    /// <summary>The kernel set of a potential file, built as PotentialModelBuilder builds it.</summary>
    public static KernelSet BuildKernels(string text)
    {
        var built = KernelPipeline.fromText(text);
        Assert.True(built.IsOk, "the potential file should read and build: " + (built.IsError ? string.Join("; ", built.ErrorValue) : ""));
        return built.ResultValue;
    }

    /// <summary>The NaCl kernel set, built once.</summary>
    public static KernelSet NaClKernels => NaClKernelSet.Value;

    private static readonly Lazy<KernelSet> NaClKernelSet = new(() => BuildKernels(Repo.NaClText));

    /// <summary>Generated files by hint name.</summary>
    public static ImmutableDictionary<string, string> Sources(GeneratorRunResult result) =>
        result.GeneratedSources.ToImmutableDictionary(s => s.HintName, s => s.SourceText.ToString());
}
