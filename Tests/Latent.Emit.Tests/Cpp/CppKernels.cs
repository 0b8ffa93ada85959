using System.Text;
using FsCheck.Fluent;
using Latent.Emit.Cpp;
using Latent.Symbolic;
using Microsoft.FSharp.Collections;
using E = Latent.Symbolic.ExprModule;
using Operation = Latent.Symbolic.StraightLine.Operation;
using SlProgram = Latent.Symbolic.StraightLine.Program;

namespace Latent.Emit.Tests.Cpp;

/// <summary>One program's C++ kernels run by g++-compiled code at fixed points: scalar and batch outputs.</summary>
internal sealed record CppKernel(string Name, SlProgram Program, string[] InputOrder, double[][] Points, double[][] Scalar, double[][] Batch)
{
    /// <summary>The reference interpreter (which the C# kernels equal bitwise) at point <paramref name="p"/>.</summary>
    public double[] Reference(int p) =>
        Programs.Evaluate(Program, InputOrder.Select((n, i) => (n, i)).ToDictionary(x => x.n, x => Points[p][x.i]));

    public bool CallsErf => !CppProgramEmitter.BitwiseWithCSharp(new ProgramAnalysis(Program, InputOrder));

    public string Describe(int p) =>
        $"{Name} at ({string.Join(", ", InputOrder.Select((n, i) => $"{n}={Points[p][i]:R}"))})\n{StraightLine.format(Program)}";
}

/// <summary>
/// Every program the C++ tests need, emitted into one C++ file with a harness main and compiled once
/// twice by g++ (-O2 -ffp-contract=off, and again with the vectorising flags): the small examples, a program with every operation and function,
/// and FsCheck-random programs with shuffled input orders. The harness prints each output's bits at
/// fixed points, from the scalar function and from one batch call over all points.
/// </summary>
public sealed class CppKernels
{
    public const int RandomPrograms = 120;
    public const int PointsPerKernel = 8;

    /// <summary>The kernels compiled with <see cref="Gpp.Flags"/> (-O2).</summary>
    internal IReadOnlyList<CppKernel> Kernels { get; }

    /// <summary>The same kernels compiled with <see cref="Gpp.VectorisingFlags"/> added (names end in the flags).</summary>
    internal IReadOnlyList<CppKernel> VectorisedKernels { get; }

    /// <summary>Both builds.</summary>
    internal IEnumerable<CppKernel> AllBuilds => Kernels.Concat(VectorisedKernels);

    internal CppKernel this[string name] => Kernels.Single(k => k.Name == name);

    internal CppKernel Vectorised(string name) => VectorisedKernels.Single(k => k.Name.StartsWith(name + " [", StringComparison.Ordinal));

    /// <summary>Random doubles of every magnitude, the extremes, signed zeros and non-finite values.</summary>
    internal static readonly double[] LiteralValues = LiteralSample();

    /// <summary>What g++ made of <see cref="CppLiteral.Double"/> of each of <see cref="LiteralValues"/>.</summary>
    internal double[] CompiledLiterals { get; }

    /// <summary>Strings with quotes, backslashes, trigraph starts, control and non-ASCII characters.</summary>
    internal static readonly string[] StringValues =
        { "", "Na", "say \"hi\"", "back\\slash", "??=??/", "tab\tnew\nline", "\u03c1\u00e9 7", "\u00010", "\ud83d\ude00" };

    /// <summary>The bytes g++ stored for <see cref="CppLiteral.String"/> of each of <see cref="StringValues"/>.</summary>
    internal byte[][] CompiledStrings { get; }

    private static double[] LiteralSample()
    {
        var random = new Random(17);
        return Enumerable.Range(0, 1000)
            .Select(i => i % 2 == 0
                ? BitConverter.Int64BitsToDouble(random.NextInt64(long.MinValue, long.MaxValue))
                : (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-320, 309)))
            .Where(v => !double.IsNaN(v))
            .Concat(new[] { 0.0, -0.0, double.Epsilon, -double.Epsilon, double.MaxValue, double.MinValue, 1e-300, 2.0, 1e16, 0.1, double.NaN, double.PositiveInfinity, double.NegativeInfinity })
            .ToArray();
    }

    /// <summary>The text g++ compiled (kernels and harness).</summary>
    internal string Source { get; }

    /// <summary>
    /// Every operation of a straight-line program and every function of the symbolic core, on x and y:
    /// a wrong C++ translation of any one changes an output.
    /// </summary>
    public static SlProgram EveryOperation()
    {
        Expr x = Programs.Sym("x"), y = Programs.Sym("y");
        var outputs = new List<(string, Expr)>
        {
            ("add", E.add(x, y)), ("sub", E.subtract(x, y)), ("mul", E.mul(x, y)), ("div", E.divide(x, y)),
            ("neg", E.negate(E.mul(x, y))), ("sqrt", E.sqrt(x)), ("pow", E.pow(x, y)), ("pow_rational", E.pow(x, E.rational(3, 10))),
            ("select_value", E.select(E.subtract(x, y), x, y)),
        };
        foreach (var f in new[] { Func.Exp, Func.Log, Func.Sin, Func.Cos, Func.Tanh, Func.Erf, Func.Erfc, Func.Abs })
            outputs.Add((StraightLine.funcName(f), E.apply(f, x)));
        foreach (var r in new[] { Relation.Less, Relation.LessEqual, Relation.Greater, Relation.GreaterEqual })
        {
            var comparison = E.compare(r, x, y);
            // The same comparison as a select's condition and as a number.
            outputs.Add(("select_" + FuncInfo.relationText(r), E.select(comparison, E.mul(x, x), y)));
            outputs.Add(("flag_" + FuncInfo.relationText(r), E.mul(comparison, E.add(y, E.one))));
        }
        return Programs.Build(outputs.ToArray());
    }

    public CppKernels()
    {
        var entries = new List<(string Name, SlProgram Program, string[] Order, PointKind Points)>
        {
            ("Screened", Programs.Screened(), new[] { "r", "z" }, PointKind.Any),
            ("VectorFunctions", Programs.VectorFunctions(), new[] { "x" }, PointKind.Any),
            ("MaskAndValue", Programs.MaskAndValue(), new[] { "z", "y", "x" }, PointKind.Any),
            ("NonZeroCondition", Programs.NonZeroCondition(), new[] { "x", "y", "z" }, PointKind.Any),
            ("EveryOperation", EveryOperation(), new[] { "x", "y" }, PointKind.Any),
            // Ordinary arguments only, where erf and erfc are compared with a tolerance.
            ("EveryOperationOrdinary", EveryOperation(), new[] { "x", "y" }, PointKind.Ordinary),
        };
        entries.Add(("Clashes", Programs.Clashes(out var clashOrder), clashOrder, PointKind.Any));
        // An input folding left unread (as rho of a zero embedding): still a parameter, and no warning.
        var read = Programs.Build(("e", E.exp(Programs.Sym("x"))));
        entries.Add(("UnreadInput", new SlProgram(ListModule.OfSeq(new[] { "w", "x" }), read.Instructions, read.Outputs), new[] { "w", "x" }, PointKind.Any));
        var random = Programs.Sample(Programs.AnyProgram(), RandomPrograms, seed: 20261203);
        var shuffle = new Random(13);
        for (int i = 0; i < random.Count; i++)
            entries.Add(($"Random{i}", random[i], random[i].Inputs.OrderBy(_ => shuffle.Next()).ToArray(), PointKind.Any));

        var points = entries
            .Select((e, index) => Programs.Sample(
                Gen.ArrayOf(e.Points == PointKind.Any ? Programs.Value() : Ordinary(), e.Order.Length),
                PointsPerKernel, seed: 977UL * (ulong)(index + 1)).ToArray())
            .ToList();

        var s = new StringBuilder();
        foreach (var header in CppProgramEmitter.RequiredHeaders) s.Append("#include <").Append(header).Append(">\n");
        s.Append(Gpp.BitsPrelude);
        var w = new IndentedWriter("  ");
        foreach (var e in entries)
        {
            CppProgramEmitter.EmitKernels(w, e.Name, new ProgramAnalysis(e.Program, e.Order), "static");
            w.WriteLine();
        }
        s.Append(w);
        s.Append("int main()\n{\n");
        for (int k = 0; k < entries.Count; k++)
        {
            var (name, program, order, _) = entries[k];
            int outputs = program.Outputs.Length;
            string n = PointsPerKernel.ToString(System.Globalization.CultureInfo.InvariantCulture);
            s.Append("  {\n");
            for (int i = 0; i < order.Length; i++)
                s.Append(Gpp.RuntimeArray($"x{i}", points[k].Select(p => p[i]).ToList(), "    "));
            s.Append($"    double out[{outputs}];\n    double batch[{outputs * PointsPerKernel}];\n");
            string Args(string point) => string.Concat(Enumerable.Range(0, order.Length).Select(i => $"x{i}{point}, "));
            s.Append($"    for (int p = 0; p < {n}; ++p)\n    {{\n");
            s.Append($"      {name}({Args("[p]")}out);\n");
            s.Append($"      std::printf(\"S {name} %d\", p);\n      for (int k = 0; k < {outputs}; ++k) print_bits(out[k]);\n      std::printf(\"\\n\");\n    }}\n");
            s.Append($"    {CppProgramEmitter.BatchName(name)}({Args("")}{n}, batch);\n");
            s.Append($"    for (int p = 0; p < {n}; ++p)\n    {{\n");
            s.Append($"      std::printf(\"B {name} %d\", p);\n      for (int k = 0; k < {outputs}; ++k) print_bits(batch[k * {n} + p]);\n      std::printf(\"\\n\");\n    }}\n");
            s.Append("  }\n");
        }
        s.Append($"  const double literals[] = {{{string.Join(", ", LiteralValues.Select(CppLiteral.Double))}}};\n");
        s.Append($"  for (unsigned k = 0; k < {LiteralValues.Length}u; ++k) print_bits(literals[k]);\n  std::printf(\"\\n\");\n");
        foreach (var text in StringValues)
            s.Append($"  for (const char* c = {CppLiteral.String(text)}; *c; ++c) std::printf(\" %02x\", static_cast<unsigned char>(*c));\n  std::printf(\"\\n\");\n");
        s.Append("  return 0;\n}\n");
        Source = s.ToString();

        Kernels = Run(entries, points, Array.Empty<string>(), out var literals, out var strings);
        CompiledLiterals = literals;
        CompiledStrings = strings;
        VectorisedKernels = Run(entries, points, Gpp.VectorisingFlags, out _, out _);
    }

    private List<CppKernel> Run(
        List<(string Name, SlProgram Program, string[] Order, PointKind Points)> entries, List<double[][]> points,
        string[] flags, out double[] literals, out byte[][] strings)
    {
        var printed = Gpp.CompileAndRun(new[] { ("harness.cpp", Source) }, flags).Split('\n');
        // Kernel lines, then the literals' line, then one line of bytes per string (possibly empty).
        var kernelLines = printed.Length - 1 - StringValues.Length - 1;
        literals = Gpp.ParseBits(printed[kernelLines], 0);
        strings = printed.Skip(kernelLines + 1).Take(StringValues.Length)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(b => Convert.ToByte(b, 16)).ToArray())
            .ToArray();
        var lines = printed.Take(kernelLines)
            .Select(l => l.Split(' ', 4))
            .ToLookup(l => (l[0], l[1]));
        string label = flags.Length == 0 ? "" : " [" + string.Join(" ", flags) + "]";
        return entries.Select((e, k) =>
        {
            double[][] Read(string kind)
            {
                var rows = lines[(kind, e.Name)].ToList();
                Xunit.Assert.Equal(PointsPerKernel, rows.Count);
                return rows.OrderBy(r => int.Parse(r[2], System.Globalization.CultureInfo.InvariantCulture))
                    .Select(r => r.Length > 3 ? Gpp.ParseBits(r[3], 0) : Array.Empty<double>()).ToArray();
            }
            return new CppKernel(e.Name + label, e.Program, e.Order, points[k], Read("S"), Read("B"));
        }).ToList();
    }

    /// <summary>Arguments where every function is defined and neither overflows nor underflows: x, y in [0.05, 4].</summary>
    private static FsCheck.Gen<double> Ordinary() => Gen.Choose(50, 4000).Select(i => i / 1000.0);

    private enum PointKind { Any, Ordinary }

    /// <summary>Whether the program calls each function, computes each operation, and uses comparisons both ways.</summary>
    internal static IReadOnlySet<string> Operations(SlProgram program) =>
        program.Instructions
            .Select(i => i.Operation is Operation.Call c ? "call " + StraightLine.funcName(c.Item1) : i.Operation.GetType().Name)
            .ToHashSet(StringComparer.Ordinal);
}
