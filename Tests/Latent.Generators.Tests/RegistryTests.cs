using Latent.Emit.Tests;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Latent.Generators.Tests;

/// <summary>ShippedPotentials: its namespace from the build property, its entries, and a bad namespace reported.</summary>
public sealed class RegistryTests
{
    private const string Property = "build_property.LatentShippedPotentialsNamespace";

    private static GeneratorRunResult Run(IReadOnlyDictionary<string, string> properties, params AdditionalText[] files) =>
        Generator.Driver(files, properties).RunGenerators(Generator.Compilation()).GetRunResult().Results.Single();

    private static AdditionalText Dimer => new InMemoryText(Repo.DimerPath, File.ReadAllText(Repo.DimerPath));

    private static string Namespace(GeneratorRunResult result)
    {
        var registry = Assert.Single(result.GeneratedSources, s => s.HintName == "ShippedPotentials.g.cs");
        var root = CSharpSyntaxTree.ParseText(registry.SourceText, RoslynCompiler.ParseOptions).GetRoot();
        return Assert.Single(root.DescendantNodes().OfType<BaseNamespaceDeclarationSyntax>()).Name.ToString();
    }

    [Fact]
    public void Without_the_property_the_registry_is_in_Latent_Potentials()
    {
        Assert.Equal("Latent.Potentials", Namespace(Generator.NaCl));
        Assert.Equal("Latent.Potentials", Namespace(Run(new Dictionary<string, string> { [Property] = "  " }, Dimer)));
    }

    [Fact]
    public void The_property_moves_the_registry_but_not_the_kernel_classes()
    {
        var result = Run(new Dictionary<string, string> { [Property] = "My.Potentials" }, Dimer);
        Assert.Empty(result.Diagnostics);
        Assert.Equal("My.Potentials", Namespace(result));
        string registry = Generator.Sources(result)["ShippedPotentials.g.cs"];
        Assert.Contains("(\"Dimer\", global::Latent.Potentials.DimerKernels.Create),", registry);
        Assert.Contains("namespace Latent.Potentials\n", Generator.Sources(result)["Dimer.g.cs"]);
    }

    [Fact]
    public void The_registry_lists_every_good_potential_in_ordinal_order()
    {
        var result = Generator.Run(new InMemoryText(Repo.NaClPath, Repo.NaClText), Dimer);
        string registry = Generator.Sources(result)["ShippedPotentials.g.cs"];
        int dimer = registry.IndexOf("(\"Dimer\", global::Latent.Potentials.DimerKernels.Create),", StringComparison.Ordinal);
        int nacl = registry.IndexOf("(\"NaCl\", global::Latent.Potentials.NaClKernels.Create),", StringComparison.Ordinal);
        Assert.True(dimer >= 0 && nacl > dimer, registry);
    }

    [Theory]
    [InlineData("My..Potentials")]
    [InlineData("My.class")]
    [InlineData("1Potentials")]
    [InlineData("My-Potentials")]
    public void An_invalid_namespace_is_LAT100_and_no_registry(string value)
    {
        var result = Run(new Dictionary<string, string> { [Property] = value }, Dimer);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("LAT100", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains($"'{value}'", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain(result.GeneratedSources, s => s.HintName == "ShippedPotentials.g.cs");
        Assert.Contains(result.GeneratedSources, s => s.HintName == "Dimer.g.cs");
    }
}
