namespace Latent.Runtime.Engine;

/// <summary>Buffers the engine refills at every rebind: they grow when needed and are otherwise reused, so a dynamics step allocates nothing.</summary>
internal static class BufferCapacity
{
    /// <summary>Makes <paramref name="array"/> hold at least <paramref name="size"/> items, doubling (contents are not kept); it never shrinks.</summary>
    public static void Ensure<T>(ref T[] array, int size)
    {
        if (array.Length < size)
            array = new T[Math.Max(size, 2 * array.Length)];
    }
}
