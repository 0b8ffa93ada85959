namespace Latent.Runtime.Kernels;

/// <summary>
/// The fused kernel of one element pair (A, B), A ≤ B in the potential's element order. Its
/// <see cref="Terms"/> are, in order: <c>c.α.β</c> for every state α of A and β of B (short-range
/// electrostatics, C_αβ − k_e q_α q_β / r), <c>phi</c>, <c>fB.β</c> for every state of B (host density
/// at A), <c>fA.α</c> for every state of A (host density at B). <see cref="Scalar"/> writes the n term
/// values and then their n r-derivatives; <see cref="Gradient"/>, when parameters are fitted, writes
/// for each fitted parameter the 2n derivatives of those outputs with respect to it.
/// </summary>
public sealed class PairKernel
{
    /// <summary>Wraps the generated evaluators of one element pair.</summary>
    public PairKernel(int a, int b, IReadOnlyList<string> terms, ScalarKernel scalar, VectorKernel vector, ScalarKernel? gradient)
    {
        A = a;
        B = b;
        Terms = terms;
        Scalar = scalar;
        Vector = vector;
        Gradient = gradient;
    }

    /// <summary>Index of the first element.</summary>
    public int A { get; }

    /// <summary>Index of the second element (A ≤ B).</summary>
    public int B { get; }

    /// <summary>Names of the terms, in output order.</summary>
    public IReadOnlyList<string> Terms { get; }

    /// <summary>Values (2 × Terms.Count: values then r-derivatives) at one distance.</summary>
    public ScalarKernel Scalar { get; }

    /// <summary>The same outputs at four distances.</summary>
    public VectorKernel Vector { get; }

    /// <summary>Parameter gradients (2 × Terms.Count per fitted parameter), or null when nothing is fitted.</summary>
    public ScalarKernel? Gradient { get; }

    /// <summary>Length of the span <see cref="Scalar"/> writes.</summary>
    public int OutputCount => 2 * Terms.Count;
}
