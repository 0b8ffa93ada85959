using Latent.Emit.Cpp;
using Xunit;

namespace Latent.Emit.Tests.Cpp;

/// <summary>The emitted C++ text: golden snapshot, shape of the functions, names and argument checks.</summary>
public sealed class CppEmitterTextTests
{
    private static string Screened()
    {
        var writer = new IndentedWriter("  ");
        CppProgramEmitter.EmitKernels(writer, "Screened", new ProgramAnalysis(Programs.Screened(), new[] { "r", "z" }));
        return writer.ToString();
    }

    [Fact]
    public void Screened_kernel_matches_its_snapshot() => EmitterTextTests.MatchSnapshot("ScreenedCoulomb.cpp.txt", Screened());

    [Fact]
    public void Scalar_function_has_one_statement_per_instruction_then_one_store_per_output()
    {
        var program = Programs.Screened();
        var writer = new IndentedWriter();
        CppProgramEmitter.EmitScalar(writer, "Screened", new ProgramAnalysis(program, new[] { "r", "z" }));
        var lines = writer.ToString().Split('\n').Select(l => l.Trim()).ToList();
        Assert.Contains("void Screened(double r, double z, double* out)", lines);
        Assert.Equal(program.Instructions.Length, lines.Count(l => l.StartsWith("const double t", StringComparison.Ordinal)));
        Assert.Equal(new[] { "out[0] = t6;", "out[1] = t14;" }, lines.Where(l => l.StartsWith("out[", StringComparison.Ordinal)));
    }

    [Fact]
    public void Batch_function_loops_over_points_and_stores_output_k_at_k_times_n_plus_i()
    {
        var writer = new IndentedWriter();
        CppProgramEmitter.EmitBatch(writer, "Screened", new ProgramAnalysis(Programs.Screened(), new[] { "r", "z" }), "static");
        string text = writer.ToString();
        Assert.Contains("static void Screened_batch(const double* r, const double* z, int n, double* out)", text);
        Assert.Contains("double* const o1 = out + static_cast<std::ptrdiff_t>(n) * 1;", text);
        Assert.Contains("for (int i = 0; i < n; ++i)", text);
        Assert.Contains("o1[i] = t14;", text);
        // Each input loaded once per point, so no load sits inside a select.
        Assert.Contains("const double a0 = r[i];", text);
        Assert.Contains("const double a1 = z[i];", text);
        Assert.Contains("const double t0 = a0 * a1;", text);
    }

    [Fact]
    public void Comparisons_are_masks_where_selects_read_them_and_numbers_where_values_do()
    {
        var writer = new IndentedWriter();
        CppProgramEmitter.EmitScalar(writer, "Mixed", new ProgramAnalysis(Programs.MaskAndValue(), new[] { "x", "y", "z" }));
        string text = writer.ToString();
        Assert.Contains("const bool m0 = x < y;", text);
        Assert.Contains("const double t0 = m0 ? 1.0 : 0.0;", text);
        Assert.Contains("m0 ? x : z", text);
        var nonZero = new IndentedWriter();
        CppProgramEmitter.EmitScalar(nonZero, "NonZero", new ProgramAnalysis(Programs.NonZeroCondition(), new[] { "x", "y", "z" }));
        Assert.Contains("(x != 0.0) ? y : z", nonZero.ToString());
    }

    [Fact]
    public void Emitted_functions_have_no_branching_statements()
    {
        var writer = new IndentedWriter();
        foreach (var (name, program) in new[] { ("Every", CppKernels.EveryOperation()), ("Mixed", Programs.MaskAndValue()) })
            CppProgramEmitter.EmitScalar(writer, name, new ProgramAnalysis(program));
        var words = writer.ToString().Split(new[] { ' ', '(', ')', ';', '\n' }, StringSplitOptions.RemoveEmptyEntries);
        Assert.DoesNotContain("if", words);
        Assert.DoesNotContain("while", words);
        Assert.DoesNotContain("switch", words);
        Assert.DoesNotContain("goto", words);
    }

    [Fact]
    public void Inputs_that_clash_with_keywords_locals_or_body_names_are_renamed_distinctly()
    {
        var writer = new IndentedWriter();
        var program = Programs.Build(
            ("sum", Programs.Sum(Programs.Sym("out"), Programs.Sym("n"), Programs.Sym("int"), Programs.Sym("t0"), Programs.Sym("o1"), Programs.Sym("a__b"), Programs.Sym("a_b"))));
        CppProgramEmitter.EmitBatch(writer, "Clash", new ProgramAnalysis(program));
        Assert.Contains("void Clash_batch(const double* a_b, const double* a_b_, const double* int_, const double* n_, const double* o1_, const double* out_, const double* t0_, int n, double* out)", writer.ToString());
    }

    [Theory]
    [InlineData("int")]
    [InlineData("2f")]
    [InlineData("a__b")]
    [InlineData("_Upper")]
    [InlineData("a-b")]
    public void A_function_name_that_is_not_a_plain_cpp_identifier_is_refused(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => CppProgramEmitter.EmitScalar(new IndentedWriter(), name, new ProgramAnalysis(Programs.Screened())));
        Assert.Contains(name, error.Message);
    }

    [Theory]
    [InlineData("NaCl", "NaCl")]
    [InlineData("NaCl-QEq", "NaCl_QEq")]
    [InlineData("class", "class_")]
    [InlineData("2D", "_2D")]
    [InlineData("a..b", "a_b")]
    [InlineData("_X", "v_X")]
    [InlineData("\u03c1", "_u03C1")]
    [InlineData("", "_")]
    public void Identifiers_are_valid_cpp(string name, string expected)
    {
        Assert.Equal(expected, CppLiteral.Identifier(name));
        Assert.True(CppLiteral.IsIdentifier(expected) || expected == "_");
    }

    [Fact]
    public void Non_finite_literals_use_numeric_limits_and_negative_literals_are_parenthesised_after_minus()
    {
        Assert.Equal("std::numeric_limits<double>::quiet_NaN()", CppLiteral.Double(double.NaN));
        Assert.Equal("(-std::numeric_limits<double>::infinity())", CppLiteral.Double(double.NegativeInfinity));
        Assert.Equal("-0.0", CppLiteral.Double(-0.0));
        var writer = new IndentedWriter();
        var x = Programs.Sym("x");
        CppProgramEmitter.EmitScalar(writer, "Negated", new ProgramAnalysis(Programs.Build(("v", Latent.Symbolic.ExprModule.negate(Latent.Symbolic.ExprModule.exp(x))))));
        Assert.DoesNotContain("--", writer.ToString());
    }
}
