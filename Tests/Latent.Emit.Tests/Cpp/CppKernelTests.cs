using System.Text;
using Xunit;
using Xunit.Abstractions;
using Latent.Emit.Cpp;

namespace Latent.Emit.Tests.Cpp;

/// <summary>
/// The C++ kernels, compiled by g++ with -O2 -ffp-contract=off, against the reference interpreter
/// (which the C# kernels equal bitwise: KernelTests) and batch against scalar.
/// </summary>
public sealed class CppKernelTests : IClassFixture<CppKernels>
{
    /// <summary>
    /// glibc's erf and erfc against MathNet.Numerics' on [0.05, 4]: measured up to 6 ulps apart (erfc's
    /// tail, x = 3.17); a wrong function is millions of ulps off.
    /// </summary>
    public const long ErfUlps = 32;

    private readonly CppKernels compiled;
    private readonly ITestOutputHelper output;

    public CppKernelTests(CppKernels compiled, ITestOutputHelper output)
    {
        this.compiled = compiled;
        this.output = output;
    }

    [Fact]
    public void Scalar_kernels_agree_bitwise_with_the_interpreter_unless_they_call_erf()
    {
        int checkedValues = 0, kernels = 0;
        foreach (var kernel in compiled.AllBuilds.Where(k => !k.CallsErf))
        {
            kernels++;
            for (int p = 0; p < kernel.Points.Length; p++)
            {
                var expected = kernel.Reference(p);
                for (int k = 0; k < expected.Length; k++)
                {
                    Assert.True(Ulps.Same(expected[k], kernel.Scalar[p][k]),
                        $"output {k}: interpreter {expected[k]:R}, C++ {kernel.Scalar[p][k]:R}\n{kernel.Describe(p)}");
                    checkedValues++;
                }
            }
        }
        output.WriteLine($"{checkedValues} values of {kernels} kernels bitwise equal");
        Assert.True(kernels >= 100, $"only {kernels} kernels (of both builds) without erf to compare bitwise");
    }

    [Fact]
    public void Every_operation_agrees_bitwise_and_erf_erfc_to_a_few_ulps_at_ordinary_arguments()
    {
        foreach (var kernel in new[] { compiled["EveryOperationOrdinary"], compiled.Vectorised("EveryOperationOrdinary") })
            CompareOrdinary(kernel);
    }

    private static void CompareOrdinary(CppKernel kernel)
    {
        var names = kernel.Program.Outputs.Select(o => o.Item1).ToList();
        for (int p = 0; p < kernel.Points.Length; p++)
        {
            var expected = kernel.Reference(p);
            for (int k = 0; k < expected.Length; k++)
            {
                bool erf = names[k] is "erf" or "erfc";
                Assert.True(erf ? Ulps.Distance(expected[k], kernel.Scalar[p][k]) <= ErfUlps : Ulps.Same(expected[k], kernel.Scalar[p][k]),
                    $"{names[k]}: interpreter {expected[k]:R}, C++ {kernel.Scalar[p][k]:R}\n{kernel.Describe(p)}");
            }
        }
    }

    [Fact]
    public void Every_operation_outside_erf_agrees_bitwise_at_special_values()
    {
        // NaN, infinities, signed zeros, subnormals: pow, log, sqrt, selects and comparisons at their edges.
        foreach (var kernel in new[] { compiled["EveryOperation"], compiled.Vectorised("EveryOperation") })
        {
            var names = kernel.Program.Outputs.Select(o => o.Item1).ToList();
            for (int p = 0; p < kernel.Points.Length; p++)
            {
                var expected = kernel.Reference(p);
                for (int k = 0; k < expected.Length; k++)
                    if (names[k] is not ("erf" or "erfc"))
                        Assert.True(Ulps.Same(expected[k], kernel.Scalar[p][k]),
                            $"{names[k]}: interpreter {expected[k]:R}, C++ {kernel.Scalar[p][k]:R}\n{kernel.Describe(p)}");
            }
        }
    }

    [Fact]
    public void The_every_operation_program_has_every_operation_function_and_both_uses_of_a_comparison()
    {
        var program = CppKernels.EveryOperation();
        var expected = new[] { "Add", "Sub", "Mul", "Div", "Neg", "Sqrt", "Pow", "Compare", "Select" }
            .Concat(new[] { "exp", "log", "sin", "cos", "tanh", "erf", "erfc", "abs" }.Select(f => "call " + f));
        Assert.Empty(expected.Except(CppKernels.Operations(program)));
        var analysis = new ProgramAnalysis(program);
        var comparisons = Enumerable.Range(0, analysis.InstructionCount).Where(analysis.IsComparison).ToList();
        Assert.Equal(4, comparisons.Count);
        Assert.All(comparisons, t => Assert.True(analysis.UsedAsCondition(t) && analysis.UsedAsValue(t)));
        // A select on a value that is not a comparison.
        Assert.Contains(Enumerable.Range(0, analysis.InstructionCount), t => analysis.UsedAsCondition(t) && !analysis.IsComparison(t));
    }

    [Fact]
    public void Batch_kernels_agree_bitwise_with_scalar_at_every_point_in_both_builds()
    {
        foreach (var kernel in compiled.AllBuilds)
            for (int p = 0; p < kernel.Points.Length; p++)
                for (int k = 0; k < kernel.Scalar[p].Length; k++)
                    Assert.True(Ulps.Same(kernel.Scalar[p][k], kernel.Batch[p][k]),
                        $"output {k}: scalar {kernel.Scalar[p][k]:R}, batch {kernel.Batch[p][k]:R}\n{kernel.Describe(p)}");
    }

    [Fact]
    public void Random_programs_cover_every_operation()
    {
        var random = compiled.Kernels.Where(k => k.Name.StartsWith("Random", StringComparison.Ordinal)).ToList();
        var seen = random.SelectMany(k => CppKernels.Operations(k.Program)).ToHashSet();
        var expected = new[] { "Add", "Sub", "Mul", "Div", "Neg", "Sqrt", "Pow", "Compare", "Select" }
            .Concat(new[] { "exp", "log", "sin", "cos", "tanh", "erf", "erfc", "abs" }.Select(f => "call " + f));
        Assert.Empty(expected.Except(seen));
        output.WriteLine($"{random.Count} random programs, {random.Count(k => !k.CallsErf)} without erf compared bitwise");
    }

    [Fact]
    public void Double_literals_compile_to_the_same_bits()
    {
        Assert.Equal(CppKernels.LiteralValues.Length, compiled.CompiledLiterals.Length);
        for (int i = 0; i < CppKernels.LiteralValues.Length; i++)
        {
            double value = CppKernels.LiteralValues[i];
            Assert.True(Ulps.Same(value, compiled.CompiledLiterals[i]),
                $"{CppLiteral.Double(value)} compiled to {compiled.CompiledLiterals[i]:R}");
            // -0.0 must keep its sign (Ulps.Same compares bits for everything but NaN).
        }
    }

    [Fact]
    public void String_literals_compile_to_the_utf8_bytes()
    {
        for (int i = 0; i < CppKernels.StringValues.Length; i++)
            Assert.Equal(Encoding.UTF8.GetBytes(CppKernels.StringValues[i]), compiled.CompiledStrings[i]);
    }
}
