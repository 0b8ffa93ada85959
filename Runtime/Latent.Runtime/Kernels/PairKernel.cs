using Latent.Symbolic.Kernels;

namespace Latent.Runtime.Kernels;

/// <summary>
/// The fused kernel of one element pair (A, B), A ≤ B in the potential's element order. Which output
/// holds what — state-pair electrostatics, the pair term, host densities by side and state, their
/// r-derivatives, parameter gradients — is its <see cref="Layout"/>'s to say; read outputs through it.
/// </summary>
public sealed class PairKernel : ICompiledKernel
{
    /// <summary>Wraps the generated evaluators of one element pair.</summary>
    /// <param name="a">Index of the first element.</param>
    /// <param name="b">Index of the second element (a ≤ b).</param>
    /// <param name="layout">Where each output is; built from the two elements' states.</param>
    /// <param name="scalar">The kernel at one distance.</param>
    /// <param name="vector">The kernel at four distances.</param>
    /// <param name="gradient">Parameter gradients, or null when nothing is fitted.</param>
    public PairKernel(int a, int b, PairLayout layout, ScalarKernel scalar, VectorKernel vector, ScalarKernel? gradient)
    {
        A = a;
        B = b;
        Layout = layout;
        Scalar = scalar;
        Vector = vector;
        Gradient = gradient;
    }

    /// <summary>Index of the first element.</summary>
    public int A { get; }

    /// <summary>Index of the second element (A ≤ B).</summary>
    public int B { get; }

    /// <summary>Which output holds what.</summary>
    public PairLayout Layout { get; }

    IKernelLayout ICompiledKernel.Layout => Layout;

    /// <summary>Every output (<see cref="PairLayout.OutputCount"/> of them) at one distance.</summary>
    public ScalarKernel Scalar { get; }

    /// <summary>The same outputs at four distances.</summary>
    public VectorKernel Vector { get; }

    /// <summary>Parameter gradients (at <see cref="PairLayout.GradientOutput"/>), or null when nothing is fitted.</summary>
    public ScalarKernel? Gradient { get; }

    /// <summary>Length of the span <see cref="Scalar"/> writes.</summary>
    public int OutputCount => Layout.OutputCount;
}
