namespace Latent.Runtime.Engine;

/// <summary>
/// The engine's loops over atoms or pairs. Every body writes only its own index, so the result is the
/// same bits on any number of threads; the bodies are delegates bound once by their owners, because a
/// lambda capturing its arguments would allocate a closure per call, which a dynamics step must not do.
/// </summary>
internal static class ParallelLoop
{
    /// <summary>
    /// body(0 … count − 1): on one thread a plain loop, because Parallel.For allocates its loop state
    /// even then; on more, Parallel.For (a few hundred bytes per call).
    /// </summary>
    public static void For(ParallelOptions parallel, int count, Action<int> body)
    {
        if (parallel.MaxDegreeOfParallelism == 1)
        {
            for (var i = 0; i < count; i++)
                body(i);
        }
        else
        {
            Parallel.For(0, count, parallel, body);
        }
    }

    /// <summary>
    /// body(b) for the blocks b = 0 … ⌈count / blockSize⌉ − 1, block b covering [b·blockSize, min(count, (b+1)·blockSize)):
    /// a delegate call per block instead of per index, for loops whose bodies are a few nanoseconds. The blocks
    /// do not depend on the thread count, so a reduction summed per block and then over blocks in order is the
    /// same bits on any number of threads.
    /// </summary>
    public static void ForBlocks(ParallelOptions parallel, int count, int blockSize, Action<int> body)
    {
        var blocks = BlockCount(count, blockSize);
        if (parallel.MaxDegreeOfParallelism == 1 || blocks == 1)
        {
            for (var b = 0; b < blocks; b++)
                body(b);
        }
        else
        {
            Parallel.For(0, blocks, parallel, body);
        }
    }

    /// <summary>Number of blocks of <paramref name="blockSize"/> that cover <paramref name="count"/>.</summary>
    public static int BlockCount(int count, int blockSize) => (count + blockSize - 1) / blockSize;
}
