using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using Latent.Cli.Bench.Kernels;
using Latent.Potentials;
using Latent.Runtime.Kernels;
using Latent.Symbolic;
using Microsoft.FSharp.Collections;
using Microsoft.FSharp.Core;

namespace Latent.Benchmarks;

/// <summary>
/// The Na–Cl pair kernel of NaCl.toml (16 terms and their r-derivatives) five ways, each reported per
/// call: the generated scalar kernel (called directly and through the runtime's delegate), the generated
/// Vector256 kernel (one call = four distances), a hand-written C# kernel, the straight-line interpreter
/// on the same program, and expression-tree evaluation of the 32 outputs. Every call gets a different
/// distance from a preset list (no constant folding, branch patterns of real neighbour lists), outputs go
/// to preallocated buffers, and each benchmark returns a sum over outputs so nothing is dead code.
/// </summary>
// Min and median next to the mean: on a shared 2-core machine other processes inflate the mean.
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class PairKernelBenchmarks
{
    // Per-invocation batch sizes: the fast kernels over many distances so loop overhead is negligible;
    // the slow baselines over fewer so one invocation stays short on a small machine.
    private const int KernelBatch = 1024;
    private const int InterpreterBatch = 64;
    private const int TreeBatch = 4;

    // Two outputs every benchmark adds up so that no evaluation is dead code: the first state pair's
    // electrostatics and dφ/dr, where the kernel's layout puts them (the hand-written kernel and the
    // interpreter share the generated order).
    private static readonly int FirstElectrostatics = NaClKernels.Pair_Na_Cl_Layout.Electrostatics(0, 0);
    private static readonly int PairSlope = NaClKernels.Pair_Na_Cl_Layout.Derivative(NaClKernels.Pair_Na_Cl_Layout.PairPotential);

    private double[] radii = [];
    private Vector256<double>[] radii4 = [];
    private double[] values = [];
    private Vector256<double>[] vectorValues = [];
    private ScalarKernel viaDelegate = null!;
    private StraightLine.Program program = null!;
    private FSharpFunc<string, double>[] lookups = [];
    private FSharpMap<string, double>[] points = [];
    private Expr[] expressions = [];

    [GlobalSetup]
    public void Setup()
    {
        // Nothing is timed unless every implementation computes the same numbers.
        Verification.Assert();

        radii = NaClPair.Radii(KernelBatch);
        radii4 = new Vector256<double>[KernelBatch / 4];
        for (var i = 0; i < radii4.Length; i++)
            radii4[i] = Vector256.Create(radii[4 * i], radii[4 * i + 1], radii[4 * i + 2], radii[4 * i + 3]);
        values = new double[NaClPair.Outputs];
        vectorValues = new Vector256<double>[NaClPair.Outputs];

        var kernels = NaClKernels.Create();
        viaDelegate = kernels.Pair(kernels.ElementIndex("Na"), kernels.ElementIndex("Cl")).Scalar;

        var text = NaClPair.Text();
        var potential = NaClPair.Read(text);
        program = NaClPair.Program(NaClPair.Kernels(text));
        expressions = NaClPair.Expressions(potential).ToArray();
        lookups = radii.Take(InterpreterBatch).Select(NaClPair.Lookup).ToArray();
        points = radii.Take(TreeBatch).Select(NaClPair.Point).ToArray();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = KernelBatch, Description = "generated scalar (direct)")]
    public double GeneratedScalar()
    {
        var span = values.AsSpan();
        var sum = 0.0;
        foreach (var r in radii)
        {
            NaClKernels.Pair_Na_Cl(r, span);
            sum += span[FirstElectrostatics] + span[PairSlope];
        }
        return sum;
    }

    [Benchmark(OperationsPerInvoke = KernelBatch, Description = "generated scalar (PairKernel delegate)")]
    public double GeneratedDelegate()
    {
        var span = values.AsSpan();
        var kernel = viaDelegate;
        var sum = 0.0;
        foreach (var r in radii)
        {
            kernel(r, span);
            sum += span[FirstElectrostatics] + span[PairSlope];
        }
        return sum;
    }

    [Benchmark(OperationsPerInvoke = KernelBatch / 4, Description = "generated Vector256 (per 4 distances)")]
    public double GeneratedVector()
    {
        var span = vectorValues.AsSpan();
        var sum = Vector256<double>.Zero;
        foreach (var r in radii4)
        {
            NaClKernels.Pair_Na_ClVector(r, span);
            sum += span[FirstElectrostatics] + span[PairSlope];
        }
        return Vector256.Sum(sum);
    }

    [Benchmark(OperationsPerInvoke = KernelBatch, Description = "hand-written scalar")]
    public double HandWritten()
    {
        var span = values.AsSpan();
        var sum = 0.0;
        foreach (var r in radii)
        {
            HandWrittenNaCl.Pair(r, span);
            sum += span[FirstElectrostatics] + span[PairSlope];
        }
        return sum;
    }

    [Benchmark(OperationsPerInvoke = InterpreterBatch, Description = "StraightLine.evaluate (interpreter)")]
    public double Interpreter()
    {
        var sum = 0.0;
        foreach (var lookup in lookups)
        {
            var outputs = StraightLine.evaluate(program, lookup);
            sum += outputs[FirstElectrostatics] + outputs[PairSlope];
        }
        return sum;
    }

    [Benchmark(OperationsPerInvoke = TreeBatch, Description = "Evaluate.at on 32 expression trees")]
    public double ExpressionTrees()
    {
        var sum = 0.0;
        foreach (var point in points)
            foreach (var e in expressions)
                sum += Evaluate.at(point, e);
        return sum;
    }
}
