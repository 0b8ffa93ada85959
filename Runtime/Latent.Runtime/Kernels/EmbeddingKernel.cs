using Latent.Symbolic.Kernels;

namespace Latent.Runtime.Kernels;

/// <summary>
/// The embedding function F of one element in its host density ρ̄: <see cref="Scalar"/> writes F, F′, F″;
/// <see cref="Gradient"/> writes their derivatives with respect to each fitted parameter, where
/// <see cref="EmbeddingLayout"/> says.
/// </summary>
public sealed class EmbeddingKernel : ICompiledKernel
{
    /// <summary>Wraps the generated evaluators of one element's embedding function.</summary>
    public EmbeddingKernel(int element, ScalarKernel scalar, VectorKernel vector, ScalarKernel? gradient)
    {
        Element = element;
        Scalar = scalar;
        Vector = vector;
        Gradient = gradient;
    }

    /// <summary>Index of the element in the potential.</summary>
    public int Element { get; }

    /// <summary>F, F′, F″ at one host density.</summary>
    public ScalarKernel Scalar { get; }

    /// <summary>The same at four host densities.</summary>
    public VectorKernel Vector { get; }

    /// <summary>Parameter gradients, or null when nothing is fitted.</summary>
    public ScalarKernel? Gradient { get; }

    /// <summary>Which output holds what.</summary>
    public EmbeddingLayout Layout => EmbeddingLayout.Instance;

    IKernelLayout ICompiledKernel.Layout => Layout;
}
