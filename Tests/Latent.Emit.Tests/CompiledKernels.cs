using System.Globalization;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using SlProgram = Latent.Symbolic.StraightLine.Program;

namespace Latent.Emit.Tests;

/// <summary>A program compiled twice (native and lane-wise vector functions), with the input order it was emitted with.</summary>
internal sealed record CompiledKernel(
    string Name,
    SlProgram Program,
    string[] InputOrder,
    Action<double[], double[]> Scalar,
    Action<double[], double[]> Vector,
    Action<double[], double[]> VectorLaneWise)
{
    /// <summary>Scalar kernel at one point (values in input order).</summary>
    public double[] RunScalar(double[] inputs)
    {
        var values = new double[Program.Outputs.Length];
        Scalar(inputs, values);
        return values;
    }

    /// <summary>A vector kernel at four points: lanes[l][i] is input i of lane l; result[l][k] output k of lane l.</summary>
    public double[][] RunVector(Action<double[], double[]> kernel, double[][] lanes)
    {
        var inputs = new double[4 * InputOrder.Length];
        for (int i = 0; i < InputOrder.Length; i++)
            for (int l = 0; l < 4; l++) inputs[4 * i + l] = lanes[l][i];
        var values = new double[4 * Program.Outputs.Length];
        kernel(inputs, values);
        return Enumerable.Range(0, 4)
            .Select(l => Enumerable.Range(0, Program.Outputs.Length).Select(k => values[4 * k + l]).ToArray())
            .ToArray();
    }

    /// <summary>The reference interpreter at one point given in input order.</summary>
    public double[] Reference(double[] inputs) =>
        Programs.Evaluate(Program, InputOrder.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => inputs[p.i]));
}

/// <summary>
/// Every program the compile tests need, emitted into two generated classes and compiled once
/// (one Roslyn compilation for the whole suite keeps it fast): the small example, the special
/// cases, and 250 FsCheck-random programs with shuffled input orders. A harness class, not
/// emitted code, adapts the kernels' signatures to arrays for the tests.
/// </summary>
public sealed class CompiledKernels
{
    public const int RandomPrograms = 250;

    internal IReadOnlyList<CompiledKernel> Kernels { get; }

    internal IReadOnlyList<CompiledKernel> RandomKernels => Kernels.Where(k => k.Name.StartsWith("Random", StringComparison.Ordinal)).ToList();

    internal CompiledKernel this[string name] => Kernels.Single(k => k.Name == name);

    /// <summary>Emitted text of the generated classes (not the harness).</summary>
    internal IReadOnlyList<SyntaxTree> GeneratedTrees { get; }

    /// <summary>Random doubles and their emitted literals, compiled into a static array.</summary>
    internal double[] LiteralValues { get; }

    internal double[] CompiledLiterals { get; }

    public CompiledKernels()
    {
        var entries = new List<(string Name, SlProgram Program, string[] Order)>
        {
            ("Screened", Programs.Screened(), new[] { "r", "z" }),
            ("VectorFunctions", Programs.VectorFunctions(), new[] { "x" }),
            ("MaskAndValue", Programs.MaskAndValue(), new[] { "z", "y", "x" }),
            ("NonZeroCondition", Programs.NonZeroCondition(), new[] { "x", "y", "z" }),
        };
        entries.Add(("Clashes", Programs.Clashes(out var clashOrder), clashOrder));
        var random = Programs.Sample(Programs.AnyProgram(), RandomPrograms, seed: 20240611);
        var shuffle = new Random(7);
        for (int i = 0; i < random.Count; i++)
        {
            var order = random[i].Inputs.OrderBy(_ => shuffle.Next()).ToArray();
            entries.Add(($"Random{i}", random[i], order));
        }

        var native = ProgramEmitter.EmitClass("Latent.Generated", "Kernels",
            entries.Select(e => (e.Name, e.Program, e.Order)));
        var laneWise = ProgramEmitter.EmitClass("Latent.Generated", "KernelsLaneWise",
            entries.Select(e => (e.Name, e.Program, e.Order)), VectorFunctions.LaneWise);

        var literalRandom = new Random(11);
        LiteralValues = Enumerable.Range(0, 2000)
            .Select(i => i % 2 == 0
                ? BitConverter.Int64BitsToDouble(literalRandom.NextInt64(long.MinValue, long.MaxValue))
                : (literalRandom.NextDouble() - 0.5) * Math.Pow(10, literalRandom.Next(-320, 309)))
            .Concat(new[] { 0.0, -0.0, double.Epsilon, -double.Epsilon, double.MaxValue, double.MinValue, 1e-300, 2.0, 1e16, 0.1, double.NaN, double.PositiveInfinity, double.NegativeInfinity })
            .ToArray();

        GeneratedTrees = new[]
        {
            RoslynCompiler.Parse(native, "Kernels.g.cs"),
            RoslynCompiler.Parse(laneWise, "KernelsLaneWise.g.cs"),
        };
        var assembly = RoslynCompiler.CompileAndLoad("Latent.Emit.Tests.Generated",
            GeneratedTrees.Append(RoslynCompiler.Parse(Harness(entries, LiteralValues), "Harness.cs", documented: false)));

        var harness = assembly.GetType("Latent.Generated.Harness", throwOnError: true)!;
        Action<double[], double[]> Bind(string method) =>
            harness.GetMethod(method, BindingFlags.Public | BindingFlags.Static)!.CreateDelegate<Action<double[], double[]>>();
        Kernels = entries
            .Select(e => new CompiledKernel(e.Name, e.Program, e.Order, Bind(e.Name), Bind(e.Name + "Vector"), Bind(e.Name + "LaneWise")))
            .ToList();
        CompiledLiterals = (double[])harness.GetField("Literals")!.GetValue(null)!;
    }

    /// <summary>Array adapters for the kernels (Span and Vector256 parameters cannot go through reflection).</summary>
    private static string Harness(IEnumerable<(string Name, SlProgram Program, string[] Order)> entries, double[] literals)
    {
        var s = new StringBuilder();
        s.Append("using System;\nusing System.Runtime.Intrinsics;\n\nnamespace Latent.Generated;\n\npublic static class Harness\n{\n");
        s.Append("    public static readonly double[] Literals = { ");
        s.Append(string.Join(", ", literals.Select(CSharpLiteral.Double)));
        s.Append(" };\n\n");
        foreach (var (name, program, order) in entries)
        {
            int n = program.Outputs.Length;
            string scalarArgs = string.Concat(order.Select((_, i) => $"x[{i}], "));
            string vectorArgs = string.Concat(order.Select((_, i) => $"Vector256.Create(x, {4 * i}), "));
            s.Append($"    public static void {name}(double[] x, double[] v) => Kernels.{name}({scalarArgs}v);\n");
            foreach (var (suffix, cls) in new[] { ("Vector", "Kernels"), ("LaneWise", "KernelsLaneWise") })
            {
                s.Append($"    public static void {name}{suffix}(double[] x, double[] v)\n    {{\n");
                s.Append($"        var o = new Vector256<double>[{n.ToString(CultureInfo.InvariantCulture)}];\n");
                s.Append($"        {cls}.{name}Vector({vectorArgs}o);\n");
                s.Append("        for (int k = 0; k < o.Length; k++) o[k].CopyTo(v, 4 * k);\n    }\n");
            }
        }
        s.Append("}\n");
        return s.ToString();
    }
}
