namespace Latent.Emit.Tests;

/// <summary>Distances between doubles in units in the last place.</summary>
internal static class Ulps
{
    /// <summary>Equal bit patterns, or both NaN (NaN payloads are not part of the contract).</summary>
    public static bool Same(double a, double b) =>
        BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b) || (double.IsNaN(a) && double.IsNaN(b));

    /// <summary>How many doubles lie between a and b (0 for equal values, +0 and -0 included, and for two NaNs; long.MaxValue for one NaN).</summary>
    public static long Distance(double a, double b)
    {
        if (double.IsNaN(a) || double.IsNaN(b)) return double.IsNaN(a) && double.IsNaN(b) ? 0 : long.MaxValue;
        long x = Ordered(a), y = Ordered(b);
        return (x >= y ? (ulong)(x - y) : (ulong)(y - x)) > long.MaxValue ? long.MaxValue : Math.Abs(x - y);
    }

    // Maps doubles onto integers monotonically, -0.0 and +0.0 both to 0.
    private static long Ordered(double v)
    {
        long bits = BitConverter.DoubleToInt64Bits(v);
        return bits < 0 ? long.MinValue - bits : bits;
    }
}
