using System.Diagnostics;
using Latent.Runtime.Dynamics;
using Latent.Runtime.Dynamics.Observers;
using Latent.Runtime.Engine;
using Latent.Runtime.Kernels;
using Latent.Runtime.Structures;

namespace Latent.Cli.Bench.Steps;

/// <summary>
/// Full molecular-dynamics steps as a user runs them (<see cref="MolecularDynamics.Run"/>, velocity Verlet,
/// 1 fs, velocities drawn at 300 K): time per atom-step from the wall clock between two steps after a
/// warm-up, where the time went (<see cref="StepTimings"/>), solver iterations per step from the warm start,
/// and the managed memory the run holds per atom.
/// </summary>
internal static class StepBench
{
    /// <summary>Time step (fs) and initial temperature (K) of every run, the same for LAMMPS.</summary>
    public const double TimeStep = 1.0;

    /// <inheritdoc cref="TimeStep"/>
    public const double Temperature = 300.0;

    /// <summary>Steps of the timed run before timing starts (after the warm-up run): first buffer sizes.</summary>
    public const int WarmUp = 3;

    /// <summary>
    /// Least wall time (s) of the warm-up run before the timed one: .NET compiles a method first without
    /// optimisation and recompiles it after some 30 calls and a short delay, so the first steps of a process
    /// are not the steps of a long run.
    /// </summary>
    public const double WarmUpSeconds = 1.0;

    /// <summary>Measures one case.</summary>
    /// <param name="case">What to run.</param>
    /// <param name="threads">Threads the calculator may use.</param>
    /// <param name="settings">How long to measure.</param>
    public static StepTiming Run(StepCase @case, int threads, BenchSettings settings)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var structure = @case.Build();
        var n = structure.Count;
        var calculator = new EnsembleCalculator(@case.Potential, new CalculatorOptions { Threads = threads, MeasureTimings = true, Skin = @case.Skin });
        var velocities = WarmUpRun(structure, calculator, settings.Quick ? WarmUpSeconds / 3 : WarmUpSeconds);
        var steps = WarmUp + @case.TimedSteps(settings);
        var at = new long[steps + 1];
        long heap = 0;
        var timings = calculator.Timings!;
        var observer = new CallbackObserver<MdStep>((step, _) =>
        {
            at[step.Step] = Stopwatch.GetTimestamp();
            // The timed steps start here; what the warm-up spent is not counted.
            if (step.Step == WarmUp)
                timings.Clear();
            if (step.Step == steps)
                heap = GC.GetTotalMemory(forceFullCollection: true);
        });
        var result = MolecularDynamics.Run(structure, calculator, new VelocityVerlet(), steps, TimeStep, new MdOptions
        {
            Velocities = velocities,
            ThermoEvery = 0,
            Observers = [new(observer)],
        });
        if (result.Steps != steps)
            throw new InvalidOperationException($"{@case.Name}: the run stopped after {result.Steps} of {steps} steps");
        var seconds = (double)(at[steps] - at[WarmUp]) / Stopwatch.Frequency;
        var timed = steps - WarmUp;
        var parts = new double[StepTimings.PartCount];
        for (var p = 0; p < StepTimings.PartCount; p++)
            parts[p] = timings.Seconds((StepTimings.Part)p) * 1e6 / ((double)timed * n);
        return new StepTiming(
            @case.Name, @case.Family, n, threads, timed,
            seconds * 1e6 / ((double)timed * n),
            (double)(heap - heapBefore) / n,
            parts,
            timings.MeanIterations,
            timings.MaxIterations,
            calculator.Plan.Describe());
    }

    /// <summary>MD from 300 K until at least <paramref name="seconds"/> have passed (and 3 steps); the velocities it ends with.</summary>
    private static Velocities WarmUpRun(Structure structure, EnsembleCalculator calculator, double seconds)
    {
        using var stop = new CancellationTokenSource();
        var started = Stopwatch.GetTimestamp();
        var observer = new CallbackObserver<MdStep>((step, _) =>
        {
            if (step.Step >= 3 && Stopwatch.GetElapsedTime(started).TotalSeconds >= seconds)
                stop.Cancel();
        });
        var result = MolecularDynamics.Run(structure, calculator, new VelocityVerlet(), 100_000, TimeStep, new MdOptions
        {
            Velocities = Velocities.MaxwellBoltzmann(structure, Temperature, seed: 1),
            ThermoEvery = 0,
            Observers = [new(observer)],
            Cancellation = stop.Token,
        });
        return result.Velocities;
    }
}
