using Latent.Runtime.Engine;
using Latent.Runtime.Structures;
using Xunit;
using Latent.Runtime.Engine.Solver;

namespace Latent.Runtime.Tests.Engine;

/// <summary>
/// The test-only solver hook behind the failing charge_conservation case: inside its scope solves miss
/// Σq = Q by exactly the offset, including solves on other threads started there; outside it, and in
/// flows that did not enter it, they conserve charge.
/// </summary>
public sealed class SolverPerturbationTests
{
    private const double Offset = 0.01;

    private static readonly Structure Cluster = NaClStructures.RandomCluster(1, 6);

    private static double ChargeSum(double q) =>
        new EnsembleCalculator(NaClStructures.Potential, new CalculatorOptions { Charge = ChargeCondition.TotalCharge(q) }).GetCharges(Cluster).Sum();

    [Fact]
    public void Inside_the_scope_the_total_charge_is_off_by_the_offset_and_afterwards_it_is_not()
    {
        Assert.Equal(0.0, ChargeSum(0), 1e-9);
        using (SolverPerturbation.Shift(Offset))
        {
            Assert.Equal(Offset, ChargeSum(0), 1e-9);
            Assert.Equal(1 + Offset, ChargeSum(1), 1e-9);
            using (SolverPerturbation.Shift(-Offset))
                Assert.Equal(-Offset, ChargeSum(0), 1e-9);
            Assert.Equal(Offset, ChargeSum(0), 1e-9);
        }
        Assert.Equal(0.0, SolverPerturbation.ChargeOffset);
        Assert.Equal(0.0, ChargeSum(0), 1e-9);
    }

    [Fact]
    public async Task The_offset_flows_into_tasks_and_parallel_loops_started_in_the_scope()
    {
        using var shift = SolverPerturbation.Shift(Offset);
        var sums = new double[4];
        Parallel.For(0, sums.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => sums[i] = ChargeSum(0));
        Assert.All(sums, s => Assert.Equal(Offset, s, 1e-9));
        Assert.Equal(Offset, await Task.Run(() => ChargeSum(0)), 1e-9);
    }

    [Fact]
    public async Task A_flow_that_did_not_enter_the_scope_is_not_shifted()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Started before the scope, so its execution context has no offset, though it solves while the scope is open.
        var outside = Task.Run(async () =>
        {
            await entered.Task;
            return ChargeSum(0);
        });
        using (SolverPerturbation.Shift(Offset))
        {
            entered.SetResult();
            Assert.Equal(0.0, await outside, 1e-9);
            Assert.Equal(Offset, ChargeSum(0), 1e-9);
        }
    }
}
