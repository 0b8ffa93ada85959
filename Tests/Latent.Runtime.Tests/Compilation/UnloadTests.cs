using System.Runtime.CompilerServices;
using Latent.Runtime.Compilation;
using Xunit;

namespace Latent.Runtime.Tests.Compilation;

public sealed class UnloadTests
{
    [Fact]
    public void Collectible_context_is_collected_after_unload()
    {
        using var temp = new TempCache();
        var context = LoadUseAndUnload(temp.Cache);

        for (var i = 0; i < 20 && context.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.False(context.IsAlive, "the kernel load context is still alive after unloading");
    }

    [Fact]
    public void Context_stays_alive_while_a_kernel_delegate_is_held()
    {
        // The counterpart of the test above, so that it cannot pass merely because contexts are never kept.
        using var temp = new TempCache();
        var (context, kernel) = LoadAndUnloadKeepingDelegate(temp.Cache);

        for (var i = 0; i < 5; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.True(context.IsAlive);
        var values = new double[2];
        kernel(1.0, values);
        Assert.Equal(TestKernels.ScreenedValue(1.0), values[0], 1e-15);
        GC.KeepAlive(kernel);
    }

    // No inlining: the loaded assembly, context and delegates must not live in the test method's frame.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference LoadUseAndUnload(CompiledAssemblyCache cache)
    {
        var kernels = new KernelLoader(cache).Load("unload", TestKernels.Both, "emitter/test-1");
        Assert.Equal(TestKernels.ScreenedValue(1.0), Kernels.Evaluate(kernels, "Screened", 1.0)[0], 1e-15);
        var context = new WeakReference(kernels.Context);
        kernels.Dispose();
        return context;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (WeakReference, PairKernel) LoadAndUnloadKeepingDelegate(CompiledAssemblyCache cache)
    {
        var kernels = new KernelLoader(cache).Load("unload-held", TestKernels.Both, "emitter/test-1");
        var kernel = kernels.GetKernelType("Screened").GetMethod("Evaluate")!.CreateDelegate<PairKernel>();
        kernels.Dispose();
        return (new WeakReference(kernels.Context), kernel);
    }
}
