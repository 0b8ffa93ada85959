namespace Latent.Cli.Soak;

/// <summary>
/// Solver iterations per step, counted into the buckets the report shows: 0 (nothing solved), 1, 2, 3–5,
/// 6–10 and more than 10. One iteration is a warm step whose weights were already converged; a full
/// search adds every start's minimisation, so its steps land in the upper buckets.
/// </summary>
internal sealed class IterationHistogram
{
    /// <summary>The buckets' labels, in order.</summary>
    public static readonly string[] Labels = ["0", "1", "2", "3–5", "6–10", ">10"];

    private readonly long[] counts = new long[Labels.Length];
    private long total, sum;

    /// <summary>Steps counted in each bucket, in the order of <see cref="Labels"/>.</summary>
    public IReadOnlyList<long> Counts => counts;

    /// <summary>Steps counted.</summary>
    public long Total => total;

    /// <summary>Mean iterations per step; NaN before any.</summary>
    public double Mean => total > 0 ? (double)sum / total : double.NaN;

    /// <summary>Most iterations of one step.</summary>
    public int Max { get; private set; }

    /// <summary>Counts one step's iterations.</summary>
    public void Add(int iterations)
    {
        counts[Bucket(iterations)]++;
        total++;
        sum += iterations;
        Max = Math.Max(Max, iterations);
    }

    /// <summary>The bucket of a count of iterations.</summary>
    public static int Bucket(int iterations) => iterations switch
    {
        <= 0 => 0,
        1 => 1,
        2 => 2,
        <= 5 => 3,
        <= 10 => 4,
        _ => 5,
    };
}
