using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Latent.Cli.Bench.Kernels;

/// <summary>
/// The clock the kernel table is timed with: the CPU time of the calling thread where the OS gives it
/// with nanosecond resolution (Linux), else the wall clock. A kernel runs on one thread, and on a shared
/// machine the wall clock also counts the time other processes hold the core: with a load of 10 on 2
/// cores, wall-clock medians of the same kernel scattered by 2–3× between runs, thread CPU time by a few
/// per cent. On an idle machine the two agree.
/// </summary>
internal static class ThreadClock
{
    // CLOCK_THREAD_CPUTIME_ID in Linux's <time.h>.
    private const int ThreadCpuTime = 3;

    private static readonly bool UsesCpuTime = OperatingSystem.IsLinux() && TryCpuSeconds(out _);

    /// <summary>What <see cref="Seconds"/> measures, for the page: "thread CPU time" or "wall clock".</summary>
    public static string Name => UsesCpuTime ? "thread CPU time" : "wall clock";

    /// <summary>Seconds on this clock since an arbitrary start; only differences mean anything.</summary>
    public static double Seconds() =>
        UsesCpuTime && TryCpuSeconds(out var seconds) ? seconds : Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency;

    private static bool TryCpuSeconds(out double seconds)
    {
        seconds = 0;
        if (ClockGetTime(ThreadCpuTime, out var time) != 0)
            return false;
        seconds = time.Seconds + 1e-9 * time.Nanoseconds;
        return true;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    // DllImport, not LibraryImport: a blittable out struct needs no marshalling code, and the tool is not compiled with /unsafe.
    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);
}
