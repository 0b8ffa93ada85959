using Latent.Runtime.Kernels;
using Latent.Symbolic;
using Latent.Symbolic.Kernels;
using Microsoft.FSharp.Core;
using SlProgram = Latent.Symbolic.StraightLine.Program;

namespace Latent.Runtime.Verification;

/// <summary>
/// One generated kernel (a pair's or an element's embedding) next to everything it is checked against:
/// the straight-line programs it was printed from, and the build-time compiled twin when there is one.
/// Outputs are laid out as the emitter writes them; the gradient kernel repeats that layout per fitted
/// parameter.
/// </summary>
internal sealed class CheckedKernel
{
    public required string Label { get; init; }

    /// <summary>Index among the kernel set's pairs, or among its embeddings.</summary>
    public required int Index { get; init; }

    public required bool IsPair { get; init; }

    public required ArgumentRange Range { get; init; }

    /// <summary>First step of the Richardson differences in the variable.</summary>
    public required Func<double, double> Step { get; init; }

    /// <summary>Points where the kernel is only C² (the switch's knots): differences across them are not judged.</summary>
    public required IReadOnlyList<double> Knots { get; init; }

    /// <summary>The code under test.</summary>
    public required ICompiledKernel Kernel { get; init; }

    /// <summary>The same kernel compiled into the runtime at build time (shipped potentials), or null.</summary>
    public required ICompiledKernel? BuildTime { get; init; }

    /// <summary>Which output holds what: the kernel's own layout.</summary>
    public IKernelLayout Layout => Kernel.Layout;

    public ScalarKernel Scalar => Kernel.Scalar;

    public VectorKernel Vector => Kernel.Vector;

    public ScalarKernel? Gradient => Kernel.Gradient;

    public ScalarKernel? BuildTimeScalar => BuildTime?.Scalar;

    public VectorKernel? BuildTimeVector => BuildTime?.Vector;

    public ScalarKernel? BuildTimeGradient => BuildTime?.Gradient;

    public required SlProgram Program { get; init; }

    public required SlProgram? GradientProgram { get; init; }

    public required IReadOnlyList<string> Fitted { get; init; }

    public int OutputCount => Layout.OutputCount;

    /// <summary>Name of output k, e.g. <c>c.cation.anion</c> or <c>d/dr c.cation.anion</c>.</summary>
    public string OutputName(int k) => Layout.OutputName(k);

    /// <summary>Number of outputs of the gradient kernel.</summary>
    public int GradientCount => Layout.GradientCount(Fitted.Count);

    /// <summary>Where ∂(output k)/∂(fitted parameter p) is among the gradient kernel's outputs.</summary>
    public int GradientOutput(int parameter, int k) => Layout.GradientOutput(parameter, k);

    public double[] Evaluate(double x) => Run(Scalar, OutputCount, x);

    public double[] EvaluateGradient(double x) => Run(Gradient!, GradientCount, x);

    public static double[] Run(ScalarKernel kernel, int count, double x)
    {
        var values = new double[count];
        kernel(x, values);
        return values;
    }

    public static double[] Interpret(SlProgram program, double x) =>
        StraightLine.evaluate(program, FuncConvert.FromFunc<string, double>(_ => x));

    private double[]? scales;
    private double[]? gradientScales;

    /// <summary>
    /// The largest |output k| over the argument range (sampled): the size of the numbers the kernel
    /// computes that output with, so the size of its own rounding errors wherever the output is small.
    /// </summary>
    public double Scale(int k) => (scales ??= Scales(x => Evaluate(x), OutputCount))[k];

    /// <summary>The same for the gradient kernel's outputs.</summary>
    public double GradientScale(int k) => (gradientScales ??= Scales(x => EvaluateGradient(x), GradientCount))[k];

    private double[] Scales(Func<double, double[]> evaluate, int count)
    {
        const int samples = 256;
        var max = new double[count];
        for (var i = 0; i <= samples; i++)
        {
            var values = evaluate(Range.At((double)i / samples));
            for (var k = 0; k < count; k++)
                if (double.IsFinite(values[k]))
                    max[k] = Math.Max(max[k], Math.Abs(values[k]));
        }
        return max;
    }

    /// <summary>True when a difference with first step h at x would straddle a knot.</summary>
    public bool NearKnot(double x) => Knots.Any(k => Math.Abs(x - k) < 2 * Step(x));
}
