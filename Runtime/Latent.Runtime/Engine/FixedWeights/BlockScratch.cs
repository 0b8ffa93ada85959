namespace Latent.Runtime.Engine.FixedWeights;

/// <summary>
/// Per-thread scratch for one block of a <see cref="FixedWeightStep"/> pass: a value per entry of the block,
/// read back within the same pass, so that it need not be kept per entry of the whole list. Each array grows to
/// the largest block a thread has met (rounded up to whole SIMD batches, the lanes past the block's entries
/// holding 1.0, a distance every kernel can take), with some to spare, and is reused after that, so a step
/// allocates nothing.
/// </summary>
internal static class BlockScratch
{
    private const int Lanes = 4;

    [ThreadStatic] private static double[]? distance;
    [ThreadStatic] private static double[]? atOwner;

    /// <summary>Distances of <paramref name="entries"/> entries.</summary>
    public static Span<double> Distance(int entries) => Take(ref distance, entries);

    /// <summary>A value per entry for the entry's owner.</summary>
    public static Span<double> AtOwner(int entries) => Take(ref atOwner, entries);

    private static Span<double> Take(ref double[]? array, int entries)
    {
        var padded = (entries + Lanes - 1) / Lanes * Lanes;
        if (array is null || array.Length < padded)
            // A quarter to spare: a block's entries wander from one rebuild of the list to the next.
            array = new double[Math.Max(padded + padded / 4 + Lanes, 2 * (array?.Length ?? 0))];
        array.AsSpan(entries, padded - entries).Fill(1.0);
        return array.AsSpan(0, padded);
    }
}
