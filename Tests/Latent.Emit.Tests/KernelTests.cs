using FsCheck.Fluent;
using Latent.Symbolic;
using Xunit;
using Xunit.Abstractions;
using Operation = Latent.Symbolic.StraightLine.Operation;

namespace Latent.Emit.Tests;

/// <summary>Compiled kernels against the reference interpreter (scalar, bitwise) and against each other (SIMD).</summary>
public sealed class KernelTests : IClassFixture<CompiledKernels>
{
    /// <summary>Measured maximum of Vector256.Exp/Log/Sin/Cos against Math.* on .NET 10 x64 AVX2 was 2, 3, 1, 1 ulps.</summary>
    public const long VectorFunctionUlps = 4;

    private readonly CompiledKernels compiled;
    private readonly ITestOutputHelper output;

    public KernelTests(CompiledKernels compiled, ITestOutputHelper output)
    {
        this.compiled = compiled;
        this.output = output;
    }

    /// <summary>Random points for a kernel's inputs, eight per kernel, from a seed derived from its name.</summary>
    private static List<double[]> Points(CompiledKernel kernel, int count = 8) =>
        Programs.Sample(
            Gen.ArrayOf(Programs.Value(), kernel.InputOrder.Length),
            count,
            (ulong)StringComparer.Ordinal.GetHashCode(kernel.Name) ^ 0x9E3779B97F4A7C15UL);

    private static string Describe(CompiledKernel kernel, double[] point) =>
        $"{kernel.Name} at ({string.Join(", ", kernel.InputOrder.Select((n, i) => $"{n}={point[i]:R}"))})\n{StraightLine.format(kernel.Program)}";

    private static bool CallsInexactVectorFunction(CompiledKernel kernel) =>
        kernel.Program.Instructions.Any(i => i.Operation is Operation.Call c && (c.Item1.IsExp || c.Item1.IsLog || c.Item1.IsSin || c.Item1.IsCos));

    [Fact]
    public void Random_programs_cover_every_operation()
    {
        var counts = compiled.RandomKernels
            .SelectMany(k => k.Program.Instructions)
            .Select(i => i.Operation is Operation.Call c ? "call " + StraightLine.funcName(c.Item1) : i.Operation.GetType().Name)
            .GroupBy(n => n, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        output.WriteLine($"{compiled.RandomKernels.Count} random programs, {compiled.RandomKernels.Sum(k => k.Program.Instructions.Length)} instructions, {compiled.RandomKernels.Sum(k => k.Program.Outputs.Length)} outputs");
        output.WriteLine(string.Join(", ", counts.Select(g => $"{g.Key} {g.Count()}")));
        var operations = counts.Select(g => g.Key).ToHashSet();
        var expected = new[] { "Add", "Sub", "Mul", "Div", "Neg", "Sqrt", "Pow", "Compare", "Select" }
            .Concat(new[] { "exp", "log", "sin", "cos", "tanh", "erf", "erfc", "abs" }.Select(f => "call " + f));
        Assert.Equal(Array.Empty<string>(), expected.Where(e => !operations.Contains(e)).ToArray());
    }

    [Fact]
    public void Scalar_kernels_agree_bitwise_with_the_interpreter()
    {
        int checkedValues = 0;
        foreach (var kernel in compiled.Kernels)
            foreach (var point in Points(kernel))
            {
                var expected = kernel.Reference(point);
                var actual = kernel.RunScalar(point);
                for (int k = 0; k < expected.Length; k++)
                {
                    Assert.True(Ulps.Same(expected[k], actual[k]),
                        $"output {k}: interpreter {expected[k]:R}, kernel {actual[k]:R}\n{Describe(kernel, point)}");
                    checkedValues++;
                }
            }
        output.WriteLine($"{checkedValues} values checked on {compiled.Kernels.Count} kernels");
    }

    [Fact]
    public void Lane_wise_vector_kernels_agree_bitwise_with_scalar_in_every_lane()
    {
        foreach (var kernel in compiled.Kernels)
            CompareLanes(kernel, kernel.VectorLaneWise, maxUlps: 0);
    }

    [Fact]
    public void Native_vector_kernels_agree_bitwise_with_scalar_without_exp_log_sin_cos()
    {
        var exact = compiled.Kernels.Where(k => !CallsInexactVectorFunction(k)).ToList();
        Assert.True(exact.Count >= 20, $"only {exact.Count} kernels without vector exp/log/sin/cos");
        foreach (var kernel in exact)
            CompareLanes(kernel, kernel.Vector, maxUlps: 0);
    }

    private static void CompareLanes(CompiledKernel kernel, Action<double[], double[]> vector, long maxUlps)
    {
        var points = Points(kernel);
        for (int start = 0; start + 4 <= points.Count; start += 4)
        {
            var lanes = points.Skip(start).Take(4).ToArray();
            var simd = kernel.RunVector(vector, lanes);
            for (int l = 0; l < 4; l++)
            {
                var scalar = kernel.RunScalar(lanes[l]);
                for (int k = 0; k < scalar.Length; k++)
                    Assert.True(maxUlps == 0 ? Ulps.Same(scalar[k], simd[l][k]) : Ulps.Distance(scalar[k], simd[l][k]) <= maxUlps,
                        $"lane {l}, output {k}: scalar {scalar[k]:R}, vector {simd[l][k]:R}\n{Describe(kernel, lanes[l])}");
            }
        }
    }

    [Fact]
    public void Vector_exp_log_sin_cos_stay_within_the_stated_ulps_of_scalar()
    {
        var kernel = compiled["VectorFunctions"];
        var random = new Random(3);
        var worst = new long[4];
        for (int i = 0; i < 20000; i++)
        {
            // Wide ranges: exp over its whole finite and subnormal range, log over many decades, sin/cos over many periods.
            double x = (i % 4) switch
            {
                0 => -745 + 1455 * random.NextDouble(),
                1 => Math.Exp(-700 + 1400 * random.NextDouble()),
                2 => -1e4 + 2e4 * random.NextDouble(),
                _ => -10 + 20 * random.NextDouble(),
            };
            var lanes = new[] { new[] { x }, new[] { -x }, new[] { x * 0.5 }, new[] { x + 1 } };
            var simd = kernel.RunVector(kernel.Vector, lanes);
            for (int l = 0; l < 4; l++)
            {
                var scalar = kernel.RunScalar(lanes[l]);
                for (int k = 0; k < 4; k++) worst[k] = Math.Max(worst[k], Ulps.Distance(scalar[k], simd[l][k]));
            }
        }
        output.WriteLine($"max ulps: exp {worst[0]}, log {worst[1]}, sin {worst[2]}, cos {worst[3]}");
        Assert.All(worst, w => Assert.InRange(w, 0, VectorFunctionUlps));
    }

    [Fact]
    public void Vector_screened_kernel_stays_within_a_few_ulps_of_scalar()
    {
        var kernel = compiled["Screened"];
        var random = new Random(5);
        long worst = 0;
        for (int i = 0; i < 5000; i++)
        {
            var lanes = Enumerable.Range(0, 4).Select(_ => new[] { 0.5 + 9.5 * random.NextDouble(), 0.2 + 2.8 * random.NextDouble() }).ToArray();
            var simd = kernel.RunVector(kernel.Vector, lanes);
            for (int l = 0; l < 4; l++)
            {
                var scalar = kernel.RunScalar(lanes[l]);
                for (int k = 0; k < scalar.Length; k++) worst = Math.Max(worst, Ulps.Distance(scalar[k], simd[l][k]));
            }
        }
        output.WriteLine($"screened kernel, r in [0.5, 10], z in [0.2, 3]: max {worst} ulps");
        // exp's error reaches the derivative through a subtraction of two similar terms, which
        // can scale it: measured 5 ulps at most over this range, asserted with a little headroom.
        Assert.InRange(worst, 0, 8);
    }

    [Fact]
    public void A_comparison_serves_as_mask_and_as_number()
    {
        var kernel = compiled["MaskAndValue"]; // inputs z, y, x; outputs mixed, flag, max
        var lanes = new[] { new[] { 10.0, 2.0, 1.0 }, new[] { 10.0, 1.0, 2.0 }, new[] { 10.0, double.NaN, 1.0 }, new[] { 10.0, -0.0, 0.0 } };
        var simd = kernel.RunVector(kernel.Vector, lanes);
        double[][] expected =
        {
            new[] { 1.0 + 10.0, 1.0, 2.0 }, // x < y: select gives x, flag*z adds z
            new[] { 10.0, 0.0, 2.0 },
            new[] { 10.0, 0.0, double.NaN }, // NaN compares false; max(x, NaN) selects NaN
            new[] { 10.0, 0.0, 0.0 },
        };
        for (int l = 0; l < 4; l++)
        {
            Assert.Equal(expected[l], kernel.RunScalar(lanes[l]));
            Assert.Equal(expected[l], simd[l]);
        }
    }

    [Fact]
    public void A_plain_value_as_condition_selects_its_first_branch_unless_zero()
    {
        var kernel = compiled["NonZeroCondition"]; // inputs x, y, z; outputs select(x, y, z), select(x*y, y, z)
        var lanes = new[] { new[] { double.NaN, 2.0, 3.0 }, new[] { -0.0, 2.0, 3.0 }, new[] { 0.0, 2.0, 3.0 }, new[] { 1e-310, 2.0, 3.0 } };
        double[][] expected = { new[] { 2.0, 2.0 }, new[] { 3.0, 3.0 }, new[] { 3.0, 3.0 }, new[] { 2.0, 2.0 } };
        var simd = kernel.RunVector(kernel.Vector, lanes);
        for (int l = 0; l < 4; l++)
        {
            Assert.Equal(expected[l], kernel.Reference(lanes[l]));
            Assert.Equal(expected[l], kernel.RunScalar(lanes[l]));
            Assert.Equal(expected[l], simd[l]);
        }
    }

    [Fact]
    public void Inputs_with_clashing_names_keep_their_values()
    {
        var kernel = compiled["Clashes"];
        var point = Enumerable.Range(0, kernel.InputOrder.Length).Select(i => 1.0 + i / 8.0).ToArray();
        Assert.Equal(kernel.Reference(point), kernel.RunScalar(point));
    }

    [Fact]
    public void Emitted_literals_compile_to_the_same_bits()
    {
        Assert.Equal(compiled.LiteralValues.Length, compiled.CompiledLiterals.Length);
        for (int i = 0; i < compiled.LiteralValues.Length; i++)
            Assert.True(Ulps.Same(compiled.LiteralValues[i], compiled.CompiledLiterals[i]),
                $"{compiled.LiteralValues[i]:R} printed as {CSharpLiteral.Double(compiled.LiteralValues[i])} compiles to {compiled.CompiledLiterals[i]:R}");
    }

    [Fact]
    public void Generated_classes_have_no_branching_syntax()
    {
        foreach (var tree in compiled.GeneratedTrees)
            Assert.Empty(BranchWalker.Find(tree.GetRoot()));
    }
}
