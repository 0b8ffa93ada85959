using Latent.Runtime.Engine;
using Xunit;

namespace Latent.Runtime.Tests.Engine;

/// <summary>
/// A dynamics step re-binds the calculator's pair sets and system to the new positions instead of
/// rebuilding them: on the 8-atom rock-salt cell with its 12 Å cutoff that was about 800 KB per step
/// (two pair lists and 1300 pairs × 32 kernel outputs), now a few KB of results.
/// </summary>
public sealed class AllocationTests
{
    [Fact]
    public void Moving_atoms_does_not_rebuild_the_pair_buffers()
    {
        var s = NaClStructures.RockSalt(jiggle: 0.05, seed: 2);
        // One thread, so every allocation of the step is on this thread and counted.
        var calculator = new EnsembleCalculator(NaClStructures.Potential, new CalculatorOptions { Threads = 1 });
        calculator.Calculate(s);
        s.X[0] += 0.001;
        calculator.Calculate(s);
        long worst = 0;
        for (var step = 0; step < 5; step++)
        {
            s.X[step] += 0.001;
            var before = GC.GetAllocatedBytesForCurrentThread();
            calculator.Calculate(s);
            worst = Math.Max(worst, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        Assert.True(worst < 100_000, $"a step allocated {worst} bytes");
    }
}
