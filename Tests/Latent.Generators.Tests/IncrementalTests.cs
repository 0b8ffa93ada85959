using System.Collections.Immutable;
using Latent.Emit.Tests;
using Latent.Symbolic.PotentialFile;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Latent.Generators.Tests;

/// <summary>
/// The incremental pipeline: unchanged or irrelevant inputs reuse the model and the generated
/// text; an edit of the potential file rebuilds them. The model records the file's SHA-256, so
/// any edit, even of a comment, gives a Modified model (and new text, whose hash line changed).
/// </summary>
public sealed class IncrementalTests
{
    private static readonly IncrementalStepRunReason[] Reused = { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged };

    private readonly InMemoryText nacl = new(Repo.NaClPath, Repo.NaClText);

    private readonly CSharpCompilation compilation = Generator.Compilation();

    /// <summary>Reasons of every output of a tracked step.</summary>
    private static IncrementalStepRunReason[] Reasons(GeneratorRunResult result, string step) =>
        result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();

    /// <summary>Reasons of the source output of the potentials (fed by the model step) or of the registry (the other one).</summary>
    private static IncrementalStepRunReason[] OutputReasons(GeneratorRunResult result, bool registry) =>
        result.TrackedOutputSteps[WellKnownGeneratorOutputs.SourceOutput]
            .Where(s => s.Inputs.Any(i => i.Source.Name == PotentialGenerator.ModelStep) != registry)
            .SelectMany(s => s.Outputs)
            .Select(o => o.Reason)
            .ToArray();

    private static PotentialModel Model(GeneratorRunResult result) =>
        (PotentialModel)Assert.Single(result.TrackedSteps[PotentialGenerator.ModelStep].SelectMany(s => s.Outputs)).Value;

    private (GeneratorDriver Driver, GeneratorRunResult First) RunOnce()
    {
        var driver = Generator.Driver(new[] { nacl }).RunGenerators(compilation);
        var first = driver.GetRunResult().Results.Single();
        Assert.Equal(new[] { IncrementalStepRunReason.New }, Reasons(first, PotentialGenerator.ModelStep));
        Assert.Equal(new[] { IncrementalStepRunReason.New }, OutputReasons(first, registry: false));
        return (driver, first);
    }

    private static void AssertAllReused(GeneratorRunResult first, GeneratorRunResult again)
    {
        Assert.Subset(Reused.ToHashSet(), Reasons(again, PotentialGenerator.ReadStep).ToHashSet());
        Assert.Subset(Reused.ToHashSet(), Reasons(again, PotentialGenerator.ModelStep).ToHashSet());
        Assert.Equal(new[] { IncrementalStepRunReason.Cached }, OutputReasons(again, registry: false));
        Assert.Equal(new[] { IncrementalStepRunReason.Cached }, OutputReasons(again, registry: true));
        // Not regenerated: the very same text objects come back.
        Assert.Equal(first.GeneratedSources.Length, again.GeneratedSources.Length);
        foreach (var (a, b) in first.GeneratedSources.Zip(again.GeneratedSources))
            Assert.Same(a.SourceText, b.SourceText);
    }

    [Fact]
    public void A_second_run_with_the_same_inputs_reuses_everything()
    {
        var (driver, first) = RunOnce();
        var again = driver.RunGenerators(compilation).GetRunResult().Results.Single();
        Assert.Equal(new[] { IncrementalStepRunReason.Cached }, Reasons(again, PotentialGenerator.ModelStep));
        AssertAllReused(first, again);
    }

    [Fact]
    public void An_unrelated_syntax_tree_reuses_everything()
    {
        var (driver, first) = RunOnce();
        var changed = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Elsewhere { public class Unrelated { } }", RoslynCompiler.ParseOptions));
        AssertAllReused(first, driver.RunGenerators(changed).GetRunResult().Results.Single());
    }

    [Fact]
    public void An_additional_file_that_is_not_a_potential_reuses_everything()
    {
        var (driver, first) = RunOnce();
        driver = driver.AddAdditionalTexts(ImmutableArray.Create<AdditionalText>(new InMemoryText("/project/notes.txt", "format = 1\n")));
        AssertAllReused(first, driver.RunGenerators(compilation).GetRunResult().Results.Single());
    }

    [Fact]
    public void A_new_file_object_with_the_same_text_reads_as_unchanged()
    {
        // What an editor does when it re-snapshots a file without changing it: the read step's
        // (path, text) value compares equal, so the model is not rebuilt.
        var (driver, first) = RunOnce();
        driver = driver.ReplaceAdditionalText(nacl, new InMemoryText(Repo.NaClPath, new string(Repo.NaClText.AsSpan())));
        var again = driver.RunGenerators(compilation).GetRunResult().Results.Single();
        Assert.Equal(new[] { IncrementalStepRunReason.Unchanged }, Reasons(again, PotentialGenerator.ReadStep));
        Assert.Equal(new[] { IncrementalStepRunReason.Cached }, Reasons(again, PotentialGenerator.ModelStep));
        AssertAllReused(first, again);
    }

    [Fact]
    public void Editing_a_comment_rebuilds_the_model_because_it_records_the_file_hash()
    {
        var (driver, first) = RunOnce();
        string text = Repo.NaClText.Replace("# Na–Cl ensemble", "# The Na–Cl ensemble");
        Assert.NotEqual(Repo.NaClText, text);
        var again = driver.ReplaceAdditionalText(nacl, new InMemoryText(Repo.NaClPath, text)).RunGenerators(compilation).GetRunResult().Results.Single();

        Assert.Equal(new[] { IncrementalStepRunReason.Modified }, Reasons(again, PotentialGenerator.ReadStep));
        Assert.Equal(new[] { IncrementalStepRunReason.Modified }, Reasons(again, PotentialGenerator.ModelStep));
        var (before, after) = (Model(first), Model(again));
        Assert.Equal(before.Kernels, after.Kernels);
        Assert.NotEqual(before.SourceHash, after.SourceHash);
        Assert.Equal(SourceHash.ofText(text), after.SourceHash);

        // The kernel files are written again, and differ only in the hash they record.
        Assert.Equal(new[] { IncrementalStepRunReason.Modified }, OutputReasons(again, registry: false));
        var old = Generator.Sources(first);
        foreach (var source in again.GeneratedSources.Where(s => s.HintName != "ShippedPotentials.g.cs"))
        {
            string now = source.SourceText.ToString();
            Assert.NotEqual(old[source.HintName], now);
            Assert.Equal(old[source.HintName], now.Replace(after.SourceHash, before.SourceHash));
        }
        // The registry only depends on the names, which did not change.
        Assert.Equal(new[] { IncrementalStepRunReason.Cached }, OutputReasons(again, registry: true));
    }

    [Fact]
    public void Editing_a_parameter_rebuilds_the_model_and_changes_the_kernels_that_use_it()
    {
        var (driver, first) = RunOnce();
        string text = Repo.NaClText.Replace("value = 1345.3419062663322,", "value = 1170.0,");
        Assert.NotEqual(Repo.NaClText, text);
        var again = driver.ReplaceAdditionalText(nacl, new InMemoryText(Repo.NaClPath, text)).RunGenerators(compilation).GetRunResult().Results.Single();

        Assert.Equal(new[] { IncrementalStepRunReason.Modified }, Reasons(again, PotentialGenerator.ModelStep));
        Assert.Equal(new[] { IncrementalStepRunReason.Modified }, OutputReasons(again, registry: false));
        var (before, after) = (Model(first), Model(again));
        Assert.NotEqual(before.Kernels, after.Kernels);

        var old = Generator.Sources(first);
        var now = Generator.Sources(again);
        string Unhashed(string s) => s.Replace(after.SourceHash, before.SourceHash);
        // A_NaCl appears in the Na–Cl pair and, as a fitted value, in the description only.
        Assert.NotEqual(old["NaCl.Pair.Na-Cl.g.cs"], Unhashed(now["NaCl.Pair.Na-Cl.g.cs"]));
        Assert.Contains("1170.0", now["NaCl.g.cs"]);
        Assert.Equal(old["NaCl.Pair.Na-Na.g.cs"], Unhashed(now["NaCl.Pair.Na-Na.g.cs"]));
        Assert.Equal(old["NaCl.Pair.Cl-Cl.g.cs"], Unhashed(now["NaCl.Pair.Cl-Cl.g.cs"]));
        Assert.Equal(new[] { IncrementalStepRunReason.Cached }, OutputReasons(again, registry: true));
    }

    [Fact]
    public void Two_separate_builds_of_one_file_give_equal_models()
    {
        // Caching rests on this: a rebuilt model (fresh F# records, lists and instruction arrays) equals the old one.
        var a = PotentialModelBuilder.Build(Repo.NaClPath, Repo.NaClText, CancellationToken.None);
        var b = PotentialModelBuilder.Build(Repo.NaClPath, new string(Repo.NaClText.AsSpan()), CancellationToken.None);
        Assert.NotNull(a.Kernels);
        Assert.NotSame(a.Kernels, b.Kernels);
        Assert.NotSame(a.Kernels!.Pairs.Head.Program.Instructions, b.Kernels!.Pairs.Head.Program.Instructions);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());

        var other = PotentialModelBuilder.Build(Repo.NaClPath, Repo.NaClText.Replace("value = 0.3099584486262043,", "value = 0.318,"), CancellationToken.None);
        Assert.NotEqual(a, other);
        Assert.NotEqual(a.Kernels, other.Kernels);

        // Failed models (diagnostics only) compare by value too.
        string broken = Repo.NaClText.Replace("A_NaCl, rho", "A_NaCI, rho");
        Assert.Equal(
            PotentialModelBuilder.Build(Repo.NaClPath, broken, CancellationToken.None),
            PotentialModelBuilder.Build(Repo.NaClPath, new string(broken.AsSpan()), CancellationToken.None));
    }
}
