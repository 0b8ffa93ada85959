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
}
