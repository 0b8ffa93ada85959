using System.Diagnostics;
using Xunit;

namespace Latent.Runtime.Tests.Fuzzing;

/// <summary>
/// Feeds inputs to a reader on a worker thread and fails, naming the input, when the reader throws an exception it
/// does not document or spends longer than a bound on one input (a hang or a blow-up of the work).
/// </summary>
internal static class FuzzRun
{
    /// <summary>Runs <paramref name="read"/> on inputs 0 … count − 1 made by <paramref name="input"/>.</summary>
    /// <param name="allowed">The exception a reader may throw for bad input (its documented error), or null if it returns errors instead.</param>
    public static void Run(string what, int count, Func<int, string> input, Action<string> read, Type? allowed, TimeSpan perInput)
    {
        var index = -1;
        long started = 0;
        string? current = null;
        Exception? failure = null;
        var worker = new Thread(() =>
        {
            for (var i = 0; i < count; i++)
            {
                var text = input(i);
                Volatile.Write(ref current, text);
                Volatile.Write(ref started, Stopwatch.GetTimestamp());
                Volatile.Write(ref index, i);
                try
                {
                    read(text);
                }
                catch (Exception e) when (allowed is not null && allowed.IsInstanceOfType(e))
                {
                }
                catch (Exception e)
                {
                    failure = new InvalidOperationException($"{what}: input {i} threw {e.GetType().Name}: {e.Message}\n--- input ---\n{Shorten(text)}", e);
                    return;
                }
            }
            Volatile.Write(ref index, count);
        }, 16 * 1024 * 1024) { IsBackground = true };
        worker.Start();
        while (!worker.Join(50))
        {
            var i = Volatile.Read(ref index);
            if (i >= 0 && i < count && Stopwatch.GetElapsedTime(Volatile.Read(ref started)) > perInput)
                Assert.Fail($"{what}: input {i} took longer than {perInput.TotalSeconds} s\n--- input ---\n{Shorten(Volatile.Read(ref current) ?? "")}");
        }
        if (failure is not null)
            Assert.Fail(failure.Message + "\n" + failure.InnerException);
    }

    private static string Shorten(string text) => text.Length <= 2000 ? text : text[..2000] + $"… ({text.Length} characters)";
}
