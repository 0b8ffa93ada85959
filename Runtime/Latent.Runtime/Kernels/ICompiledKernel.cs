using Latent.Symbolic.Kernels;

namespace Latent.Runtime.Kernels;

/// <summary>
/// What every compiled kernel has, pair or embedding: its layout and its scalar, vector and gradient
/// evaluators. Readers that treat all kernels alike (the verifier) take this.
/// </summary>
public interface ICompiledKernel
{
    /// <summary>Which output holds what.</summary>
    IKernelLayout Layout { get; }

    /// <summary>Every output at one argument.</summary>
    ScalarKernel Scalar { get; }

    /// <summary>The same outputs at four arguments.</summary>
    VectorKernel Vector { get; }

    /// <summary>Parameter gradients, or null when nothing is fitted.</summary>
    ScalarKernel? Gradient { get; }
}
