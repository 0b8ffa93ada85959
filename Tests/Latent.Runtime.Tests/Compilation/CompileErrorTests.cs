using Latent.Runtime.Compilation;
using Xunit;

namespace Latent.Runtime.Tests.Compilation;

public sealed class CompileErrorTests
{
    // Line 5, column 26: the undefined name 'zeta'.
    private const string Broken = """
        namespace Latent.Kernels.Test;

        public static class Broken
        {
            public static double F(double r) => System.Math.Exp(-zeta * r);
        }
        """;

    private const string BrokenPath = "kernels/Broken.g.cs";

    [Fact]
    public void Compile_error_is_reported_with_file_line_column_and_id()
    {
        var result = new SourceCompiler().Compile("Latent.Kernels.Broken", [(TestKernels.ScreenedPath, TestKernels.Screened), (BrokenPath, Broken)]);

        Assert.False(result.Success);
        Assert.Null(result.Image);
        var error = Assert.Single(result.Errors);
        Assert.Equal(new KernelDiagnostic(BrokenPath, 5, 58, "CS0103", KernelDiagnosticSeverity.Error,
            "The name 'zeta' does not exist in the current context"), error);
        Assert.Equal("kernels/Broken.g.cs(5,58): error CS0103: The name 'zeta' does not exist in the current context", error.ToString());
    }

    [Fact]
    public void Loader_reports_errors_as_data_or_as_a_typed_exception_and_caches_nothing()
    {
        using var temp = new TempCache();
        var loader = temp.Loader();

        Assert.False(loader.TryLoad("broken", [(BrokenPath, Broken)], "emitter/test-1", out var kernels, out var diagnostics));
        Assert.Null(kernels);
        Assert.Equal("CS0103", Assert.Single(diagnostics).Id);

        var e = Assert.Throws<KernelCompilationException>(() => loader.Load("broken", [(BrokenPath, Broken)], "emitter/test-1"));
        Assert.Equal("broken", e.Name);
        Assert.Equal(diagnostics, e.Diagnostics);
        Assert.Equal(
            "Generated code for 'broken' failed to compile (1 error):" + Environment.NewLine +
            "  kernels/Broken.g.cs(5,58): error CS0103: The name 'zeta' does not exist in the current context",
            e.Message);
        Assert.Empty(temp.Files());
    }

    [Fact]
    public void Warnings_do_not_fail_the_compilation_and_are_reported()
    {
        const string withWarning = """
            public static class Warned
            {
                public static double F(double r)
                {
                    int unused = 0;
                    return r;
                }
            }
            """;
        var result = new SourceCompiler().Compile("Latent.Kernels.Warned", [("w.g.cs", withWarning)]);

        Assert.True(result.Success);
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal(("w.g.cs", 5, 13, "CS0219", KernelDiagnosticSeverity.Warning),
            (warning.FilePath, warning.Line, warning.Column, warning.Id, warning.Severity));
    }
}
