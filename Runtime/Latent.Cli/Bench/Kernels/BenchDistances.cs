namespace Latent.Cli.Bench.Kernels;

/// <summary>
/// The distances every kernel of the table is timed on: seeded, uniform from <see cref="Closest"/> to the
/// cutoff, so each implementation sees the same numbers and the switch's selects see both outcomes in a
/// realistic mix (a neighbour list hands a kernel every distance inside the cutoff, in no order).
/// </summary>
internal static class BenchDistances
{
    /// <summary>Distances per pass: enough that the branch predictor cannot learn the pattern, few enough to stay in L1.</summary>
    public const int Count = 4096;

    /// <summary>
    /// The shortest distance timed, Å: shorter than any the shipped potentials meet in use (the Na–Cl
    /// dimer minimum is 2.36 Å, Cu's first neighbours 2.56 Å), and the low end of the BenchmarkDotNet
    /// benchmarks, so the two measure the same mix for Na–Cl.
    /// </summary>
    public const double Closest = 2.0;

    /// <summary><see cref="Count"/> distances in [<see cref="Closest"/>, <paramref name="cutoff"/>), fixed by the seed.</summary>
    public static double[] UpTo(double cutoff, int seed = 20250101)
    {
        var random = new Random(seed);
        var distances = new double[Count];
        for (var i = 0; i < distances.Length; i++)
            distances[i] = Closest + (cutoff - Closest) * random.NextDouble();
        return distances;
    }
}
