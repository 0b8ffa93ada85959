using System.Numerics;

namespace Latent.Runtime.Dynamics;

/// <summary>
/// A seeded generator of uniform and normal deviates: xoshiro256** seeded through SplitMix64, with normal
/// deviates by the polar Box–Muller method. Written out rather than taken from <see cref="Random"/> so that
/// a seed gives the same trajectory on every platform and .NET version.
/// </summary>
internal sealed class RandomStream
{
    private ulong s0, s1, s2, s3;
    private double spare;
    private bool hasSpare;

    /// <summary>A stream determined by <paramref name="seed"/>.</summary>
    public RandomStream(long seed)
    {
        var x = unchecked((ulong)seed);
        s0 = SplitMix(ref x);
        s1 = SplitMix(ref x);
        s2 = SplitMix(ref x);
        s3 = SplitMix(ref x);
    }

    /// <summary>The whole state, so a restarted run continues the same stream.</summary>
    public RandomStreamState State
    {
        get => new(s0, s1, s2, s3, BitConverter.DoubleToUInt64Bits(spare), hasSpare);
        set => (s0, s1, s2, s3, spare, hasSpare) = (value.S0, value.S1, value.S2, value.S3, BitConverter.UInt64BitsToDouble(value.SpareBits), value.HasSpare);
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Standard normal deviate.</summary>
    public double NextGaussian()
    {
        if (hasSpare)
        {
            hasSpare = false;
            return spare;
        }

        double u, v, s;
        do
        {
            u = 2 * NextDouble() - 1;
            v = 2 * NextDouble() - 1;
            s = u * u + v * v;
        }
        while (s >= 1 || s == 0);
        var factor = Math.Sqrt(-2 * Math.Log(s) / s);
        spare = v * factor;
        hasSpare = true;
        return u * factor;
    }

    private ulong Next()
    {
        var result = BitOperations.RotateLeft(s1 * 5, 7) * 9;
        var t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = BitOperations.RotateLeft(s3, 45);
        return result;
    }

    private static ulong SplitMix(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
