namespace Latent.Runtime.Tests.Compilation;

/// <summary>Signature of the hand-written test kernels: value and derivative at r into values[0], values[1].</summary>
public delegate void PairKernel(double r, Span<double> values);

/// <summary>Defined here and passed as a reference, to check that types are shared with the kernel context.</summary>
public interface ITestPairKernel
{
    /// <summary>Value of the kernel at r.</summary>
    double Value(double r);
}

/// <summary>Small C# kernels, the shape the emitter produces: static classes of straight-line code.</summary>
internal static class TestKernels
{
    public const double Zeta = 1.7;
    public const double Alpha = 0.9;

    public const string ScreenedPath = "kernels/Screened.g.cs";

    // f(r) = exp(-z r) (1 + z r) / r ; f'(r) = -exp(-z r) (z/r + z^2 + 1/r^2)
    public const string Screened = """
        namespace Latent.Kernels.Test;

        public static class Screened
        {
            public static void Evaluate(double r, System.Span<double> values)
            {
                double e = System.Math.Exp(-1.7 * r);
                double inv = 1.0 / r;
                values[0] = e * (1.0 + 1.7 * r) * inv;
                values[1] = -e * (1.7 * inv + 1.7 * 1.7 + inv * inv);
            }
        }
        """;

    public const string ErfPath = "kernels/ErfCoulomb.g.cs";

    // f(r) = erf(a r) / r ; f'(r) = (2a/sqrt(pi) exp(-(a r)^2) r - erf(a r)) / r^2
    public const string ErfCoulomb = """
        namespace Latent.Kernels.Test;

        public static class ErfCoulomb
        {
            public static void Evaluate(double r, System.Span<double> values)
            {
                double ar = 0.9 * r;
                double erf = MathNet.Numerics.SpecialFunctions.Erf(ar);
                values[0] = erf / r;
                values[1] = (2.0 * 0.9 / System.Math.Sqrt(System.Math.PI) * System.Math.Exp(-ar * ar) * r - erf) / (r * r);
            }
        }
        """;

    public const string SharedTypesPath = "kernels/Shared.g.cs";

    public const string SharedTypes = """
        namespace Latent.Kernels.Test;

        public sealed class ScreenedInstance : Latent.Runtime.Tests.Compilation.ITestPairKernel
        {
            public double Value(double r) => System.Math.Exp(-1.7 * r) * (1.0 + 1.7 * r) / r;
        }

        public static class Identity
        {
            public static System.Reflection.Assembly Runtime() => typeof(Latent.Runtime.Compilation.KernelLoader).Assembly;
            public static System.Reflection.Assembly MathNet() => typeof(MathNet.Numerics.SpecialFunctions).Assembly;
        }
        """;

    public static IReadOnlyList<(string Path, string Text)> Both =>
        [(ScreenedPath, Screened), (ErfPath, ErfCoulomb)];

    public static double ScreenedValue(double r) => Math.Exp(-Zeta * r) * (1 + Zeta * r) / r;

    public static double ErfValue(double r) => MathNet.Numerics.SpecialFunctions.Erf(Alpha * r) / r;
}
