using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using Latent.Runtime.Engine;
using Latent.Runtime.Potentials;
using Latent.Runtime.Structures;
using Latent.Runtime.Tests.Compilation;
using Xunit;

namespace Latent.Runtime.Tests.Verification;

/// <summary>Runs alone: the heap and the live load contexts it measures are the whole process's.</summary>
[CollectionDefinition(nameof(KernelUnloadGrowthTests), DisableParallelization = true)]
public sealed class KernelUnloadGrowthCollection;

/// <summary>OpenKIM's memory-leak check over every shipped potential, for kernels compiled at run time.</summary>
[Collection(nameof(KernelUnloadGrowthTests))]
public sealed class KernelUnloadGrowthTests
{
    public static TheoryData<string> Shipped() => new(PotentialSource.ShippedNames);

    /// <summary>
    /// 200 cycles of loading the potential's run-time compiled kernels, evaluating and letting them go: after the
    /// first ten, the managed heap and the number of live load contexts do not grow.
    /// </summary>
    [Theory]
    [MemberData(nameof(Shipped))]
    public void Run_time_compiled_kernels_can_be_loaded_and_unloaded_200_times_without_growth(string name)
    {
        using var cache = new TempCache();
        var s = ShippedPotentialStructures.Of(name);
        var cluster = s.Cluster(4, seed: 30);
        var expected = s.Calculator().Calculate(cluster).FreeEnergy;
        long heap = 0;
        var contexts = 0;
        for (var cycle = 0; cycle < 200; cycle++)
        {
            Assert.Equal(expected, LoadEvaluateAndDrop(cache, name, cluster), 12);
            if (cycle == 9 || cycle == 199)
            {
                for (var k = 0; k < 10; k++)
                {
                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                }
                if (cycle == 9)
                    (heap, contexts) = (GC.GetTotalMemory(true), AssemblyLoadContext.All.Count());
            }
        }
        var grownBy = GC.GetTotalMemory(true) - heap;
        Assert.True(grownBy < 2_000_000, $"{name}: the managed heap grew by {grownBy} bytes over 190 load-and-unload cycles");
        Assert.True(AssemblyLoadContext.All.Count() <= contexts, $"{name}: {AssemblyLoadContext.All.Count() - contexts} more load contexts are alive than after 10 cycles");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double LoadEvaluateAndDrop(TempCache cache, string name, Structure structure) =>
        EngineSelection.For(new PotentialLoader(cache.Loader()).Load(name, compileAtRunTime: true)).Calculate(structure).FreeEnergy;
}
