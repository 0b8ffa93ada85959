using Latent.Emit;
using Microsoft.CodeAnalysis;

namespace Latent.Generators;

/// <summary>
/// Turns every <c>*.toml</c> potential file among a project's AdditionalFiles into a kernel class
/// (<see cref="PotentialEmitter"/>), and lists them in <c>ShippedPotentials</c>. Formula mistakes
/// become compiler errors located in the potential file.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class PotentialGenerator : IIncrementalGenerator
{
    /// <summary>Tracking names of the pipeline steps, for caching tests.</summary>
    public const string ReadStep = "ReadPotentialFile";

    /// <summary>Tracking name of the step that builds the value-equal model.</summary>
    public const string ModelStep = "BuildPotentialModel";

    /// <summary>
    /// Namespace of the generated <c>ShippedPotentials</c> class, from the MSBuild property
    /// <c>LatentShippedPotentialsNamespace</c> (declared a <c>CompilerVisibleProperty</c>); default
    /// <see cref="PotentialEmitter.DefaultNamespace"/>. Kernel classes stay in the default namespace.
    /// </summary>
    public const string RegistryNamespaceProperty = "build_property.LatentShippedPotentialsNamespace";

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var files = context.AdditionalTextsProvider
            .Where(static file => file.Path.EndsWith(".toml", StringComparison.OrdinalIgnoreCase))
            .Select(static (file, ct) => (Path: file.Path, Text: file.GetText(ct)?.ToString() ?? string.Empty))
            .WithTrackingName(ReadStep);

        var models = files
            .Select(static (file, ct) => PotentialModelBuilder.Build(file.Path, file.Text, ct))
            .WithTrackingName(ModelStep);

        context.RegisterSourceOutput(models, static (spc, model) => SourceWriter.Write(spc, model));

        var names = models
            .Where(static m => m.Kernels is not null)
            .Select(static (m, _) => m.Kernels!.Name)
            .Collect();

        // Every assembly that runs the generator gets a registry; one that also references
        // Latent.Runtime (which has Latent.Potentials.ShippedPotentials) must put its own elsewhere.
        var registryNamespace = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) =>
                options.GlobalOptions.TryGetValue(RegistryNamespaceProperty, out var value) && !string.IsNullOrWhiteSpace(value)
                    ? value.Trim()
                    : PotentialEmitter.DefaultNamespace);
        context.RegisterSourceOutput(names.Combine(registryNamespace), static (spc, input) => SourceWriter.WriteRegistry(spc, input.Left, input.Right));
    }
}
