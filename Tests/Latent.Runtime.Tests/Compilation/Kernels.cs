using Latent.Runtime.Compilation;

namespace Latent.Runtime.Tests.Compilation;

internal static class Kernels
{
    public static readonly double[] Radii = [0.5, 1.0, 2.36, 4.0, 7.5];

    /// <summary>Calls the static Evaluate of <paramref name="type"/> at r; returns value and derivative.</summary>
    public static double[] Evaluate(LoadedKernels kernels, string type, double r)
    {
        var kernel = kernels.GetKernelType(type).GetMethod("Evaluate")!.CreateDelegate<PairKernel>();
        var values = new double[2];
        kernel(r, values);
        return values;
    }

    /// <summary>Value and derivative of both test kernels at all radii, flattened, for bitwise comparison.</summary>
    public static double[] All(LoadedKernels kernels) =>
        Radii.SelectMany(r => Evaluate(kernels, "Screened", r).Concat(Evaluate(kernels, "ErfCoulomb", r))).ToArray();
}
