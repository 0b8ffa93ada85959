using System.Diagnostics;

namespace Latent.Runtime.Engine;

/// <summary>
/// Where a calculator's evaluations spent their time, summed over every evaluation since the last
/// <see cref="Clear"/>: the neighbour list (update or rebuild, and the pairs within the cutoff), the pair
/// and embedding kernels, the ε sums and the λ search of the weight solve, and the forces and virial.
/// Kept only when <see cref="CalculatorOptions.MeasureTimings"/> is set, so an ordinary step pays one
/// branch per part; read by <c>latent bench</c> for the breakdown in docs/performance.md. Timestamps come
/// from <see cref="Stopwatch.GetTimestamp"/>, which allocates nothing.
/// </summary>
public sealed class StepTimings
{
    /// <summary>The parts a step's time is split into.</summary>
    public enum Part
    {
        /// <summary>Neighbour-list update or rebuild and the pair set within the cutoff.</summary>
        NeighbourList,
        /// <summary>Pair and embedding kernels at the new positions (the work done once per step).</summary>
        Kernels,
        /// <summary>ε_iα and the free-energy sums inside the weight solve.</summary>
        EpsilonSums,
        /// <summary>The chemical potential λ that conserves the charge, and the Boltzmann weights at it.</summary>
        LambdaSearch,
        /// <summary>Forces and virial at the solved weights.</summary>
        Forces,
    }

    /// <summary>Number of parts.</summary>
    public const int PartCount = 5;

    private readonly long[] ticks = new long[PartCount];
    private long iterations;
    private int maxIterations;

    /// <summary>Evaluations counted (steps).</summary>
    public long Evaluations { get; private set; }

    /// <summary>Solver iterations summed over the evaluations.</summary>
    public long Iterations => iterations;

    /// <summary>Most solver iterations in one evaluation.</summary>
    public int MaxIterations => maxIterations;

    /// <summary>Mean solver iterations per evaluation (0 before any).</summary>
    public double MeanIterations => Evaluations == 0 ? 0 : (double)iterations / Evaluations;

    /// <summary>Seconds spent in a part.</summary>
    public double Seconds(Part part) => (double)ticks[(int)part] / Stopwatch.Frequency;

    /// <summary>Seconds over all parts.</summary>
    public double TotalSeconds
    {
        get
        {
            long sum = 0;
            foreach (var t in ticks)
                sum += t;
            return (double)sum / Stopwatch.Frequency;
        }
    }

    /// <summary>Adds the time since <paramref name="since"/> (a <see cref="Stopwatch.GetTimestamp"/>) to a part
    /// and returns the time now, so consecutive parts chain.</summary>
    public long Add(Part part, long since)
    {
        var now = Stopwatch.GetTimestamp();
        ticks[(int)part] += now - since;
        return now;
    }

    /// <summary>Ticks (<see cref="Stopwatch.Frequency"/> per second) in a part so far.</summary>
    public long Ticks(Part part) => ticks[(int)part];

    /// <summary>
    /// Adds the time since <paramref name="since"/> to <paramref name="part"/>, less what <paramref name="nested"/>
    /// gained meanwhile (its ticks were <paramref name="nestedBefore"/> at <paramref name="since"/>), and returns
    /// the time now: the weight solve times its λ searches itself, and the rest of it is the ε sums.
    /// </summary>
    public long AddExcluding(Part part, long since, Part nested, long nestedBefore)
    {
        var now = Stopwatch.GetTimestamp();
        ticks[(int)part] += now - since - (ticks[(int)nested] - nestedBefore);
        return now;
    }

    /// <summary>Counts one evaluation that took <paramref name="solverIterations"/> iterations.</summary>
    public void CountEvaluation(int solverIterations)
    {
        Evaluations++;
        iterations += solverIterations;
        maxIterations = Math.Max(maxIterations, solverIterations);
    }

    /// <summary>Starts counting afresh (after warm-up, say).</summary>
    public void Clear()
    {
        Array.Clear(ticks);
        iterations = 0;
        maxIterations = 0;
        Evaluations = 0;
    }
}
