using Latent.Emit;
using Latent.Emit.Tests;
using Latent.Symbolic.PotentialFile;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Latent.Generators.Tests;

/// <summary>The generated NaCl text: branch-free kernels, and the same text run-time compilation emits.</summary>
public sealed class GeneratedTextTests
{
    [Fact]
    public void Every_kernel_method_in_the_generated_NaCl_files_is_branch_free()
    {
        int methods = 0;
        foreach (var source in Generator.NaCl.GeneratedSources.Where(s => s.HintName.StartsWith("NaCl.", StringComparison.Ordinal)))
        {
            var root = CSharpSyntaxTree.ParseText(source.SourceText, RoslynCompiler.ParseOptions, source.HintName).GetRoot();
            methods += root.DescendantNodes().OfType<MethodDeclarationSyntax>().Count();
            Assert.Empty(BranchWalker.Find(root));
        }
        // 3 pairs and 2 embeddings, each scalar, vector, gradient and gradient vector, plus the helpers and Create.
        Assert.Equal(5 * 4 + 8, methods);
    }

    [Fact]
    public void Build_time_output_equals_the_run_time_emitter_file_by_file()
    {
        string sha = SourceHash.ofText(Repo.NaClText);
        var runTime = PotentialEmitter.Emit(Generator.NaClKernels, sha);
        var buildTime = Generator.NaCl.GeneratedSources.Where(s => s.HintName != "ShippedPotentials.g.cs").ToList();
        Assert.Equal(runTime.Select(f => f.HintName), buildTime.Select(s => s.HintName));
        foreach (var (file, source) in runTime.Zip(buildTime))
            Assert.True(file.Text == source.SourceText.ToString(), $"{file.HintName}: build-time and run-time text differ");
    }
}
