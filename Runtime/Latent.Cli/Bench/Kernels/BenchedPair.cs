using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Latent.Runtime.Kernels;
using Latent.Runtime.Potentials;
using Latent.Symbolic;
using Microsoft.FSharp.Core;

namespace Latent.Cli.Bench.Kernels;

/// <summary>
/// One element pair of a shipped potential as the kernel table times it: the build-time generated
/// kernel (scalar and Vector256), the straight-line program it was printed from (for the interpreter),
/// a hand-written kernel of the same outputs, and the distances. Each <c>…Passes</c> method runs its
/// implementation over every distance <c>passes</c> times and returns the sum of one output (dφ/dr, found
/// through the layout), so no call is dead code and the implementations can be checked against each other.
/// The loops are compiled fully optimised from their first call: a method called a dozen times would
/// otherwise run its loop in on-stack-replaced code, which depends on which implementation came first.
/// </summary>
internal sealed class BenchedPair
{
    private readonly ScalarKernel scalar;
    private readonly VectorKernel vector;
    private readonly StraightLine.Program program;
    private readonly ScalarKernel handWritten;
    private readonly int probe;
    private readonly double[] distances;
    private readonly Vector256<double>[] distances4;
    private readonly FSharpFunc<string, double>[] lookups;
    private readonly double[] values;
    private readonly Vector256<double>[] vectorValues;

    private BenchedPair(string label, PairKernel kernel, StraightLine.Program program, ScalarKernel handWritten, int handWrittenCount, double cutoff)
    {
        if (handWrittenCount != kernel.OutputCount)
            throw new InvalidOperationException($"{label}: the hand-written kernel writes {handWrittenCount} outputs, the generated one {kernel.OutputCount}");
        Label = label;
        scalar = kernel.Scalar;
        vector = kernel.Vector;
        this.program = program;
        this.handWritten = handWritten;
        probe = kernel.Layout.Derivative(kernel.Layout.PairPotential);
        distances = BenchDistances.UpTo(cutoff);
        distances4 = new Vector256<double>[distances.Length / 4];
        for (var i = 0; i < distances4.Length; i++)
            distances4[i] = Vector256.Create(distances.AsSpan(4 * i, 4));
        // The interpreter reads its one input through a lookup; built once so the loop times only evaluate.
        lookups = distances.Select(r => FuncConvert.FromFunc<string, double>(_ => r)).ToArray();
        values = new double[kernel.OutputCount];
        vectorValues = new Vector256<double>[kernel.OutputCount];
    }

    /// <summary>"A–B (Potential)", for the table.</summary>
    public string Label { get; }

    /// <summary>Distances per pass.</summary>
    public int Count => distances.Length;

    /// <summary>
    /// The pair <paramref name="a"/>–<paramref name="b"/> of the shipped potential <paramref name="potential"/>:
    /// its build-time kernels, and its program built again from the embedded file as the generator builds it.
    /// </summary>
    public static BenchedPair Shipped(string potential, string a, string b, ScalarKernel handWritten, int handWrittenCount)
    {
        var kernels = new PotentialLoader().Load(potential);
        var kernel = kernels.Pair(kernels.ElementIndex(a), kernels.ElementIndex(b));
        var set = PotentialLoader.BuildKernelSet(PotentialSource.Resolve(potential));
        var program = set.Pairs.Single(p => p.A == a && p.B == b).Program;
        return new BenchedPair($"{a}–{b} ({kernels.Name})", kernel, program, handWritten, handWrittenCount, kernels.Cutoff);
    }

    /// <summary>The generated scalar kernel through <see cref="PairKernel.Scalar"/>, as the engine calls it.</summary>
    public double ScalarPasses(int passes) => Through(scalar, passes);

    /// <summary>The hand-written kernel through the same delegate type, so both pay the same call.</summary>
    public double HandWrittenPasses(int passes) => Through(handWritten, passes);

    /// <summary>The generated Vector256 kernel through <see cref="PairKernel.Vector"/>, four distances per call.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double VectorPasses(int passes)
    {
        var span = vectorValues.AsSpan();
        var kernel = vector;
        var sum = Vector256<double>.Zero;
        for (var pass = 0; pass < passes; pass++)
            foreach (var r in distances4)
            {
                kernel(r, span);
                sum += span[probe];
            }
        return Vector256.Sum(sum);
    }

    /// <summary><see cref="StraightLine.evaluate"/> on the program the generated kernel was printed from.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double InterpreterPasses(int passes)
    {
        var sum = 0.0;
        for (var pass = 0; pass < passes; pass++)
            foreach (var lookup in lookups)
                sum += StraightLine.evaluate(program, lookup)[probe];
        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double Through(ScalarKernel kernel, int passes)
    {
        var span = values.AsSpan();
        var sum = 0.0;
        for (var pass = 0; pass < passes; pass++)
            foreach (var r in distances)
            {
                kernel(r, span);
                sum += span[probe];
            }
        return sum;
    }
}
