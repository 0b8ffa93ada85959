using System.Reflection;
using Latent.Runtime.Kernels;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Latent.Generators.Tests;

/// <summary>
/// The generator's NaCl output compiled in memory (one compilation for the suite) and loaded:
/// what <c>NaClKernels.Create()</c> returns there.
/// </summary>
public sealed class CompiledNaCl
{
    internal PotentialKernels Kernels { get; }

    internal IReadOnlyList<Diagnostic> CompileDiagnostics { get; }

    public CompiledNaCl()
    {
        var driver = Generator.Driver(new[] { new InMemoryText(Repo.NaClPath, Repo.NaClText) });
        // Latent.Runtime, referenced for the kernel types, carries its own build-time copy of these very
        // classes; CS0436 (source type wins over the imported one) is that and nothing else.
        var compilation = Generator.Compilation();
        compilation = compilation.WithOptions(compilation.Options
            .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["CS0436"] = ReportDiagnostic.Suppress }));
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        Assert.Empty(generatorDiagnostics);
        using var stream = new MemoryStream();
        var emitted = output.Emit(stream);
        CompileDiagnostics = emitted.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        var assembly = Assembly.Load(stream.ToArray());
        var type = assembly.GetType("Latent.Potentials.NaClKernels", throwOnError: true)!;
        Kernels = (PotentialKernels)type.GetMethod("Create", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, null)!;
    }
}
