using System.Runtime.Intrinsics;

namespace Latent.Runtime.Kernels;

/// <summary>
/// A generated scalar kernel: evaluates every output of one straight-line program at <paramref name="x"/>
/// (a distance in Å, or a host density) and writes them to <paramref name="values"/> in the kernel's layout.
/// </summary>
public delegate void ScalarKernel(double x, Span<double> values);

/// <summary>The same kernel for four arguments at once, one per SIMD lane.</summary>
public delegate void VectorKernel(Vector256<double> x, Span<Vector256<double>> values);
