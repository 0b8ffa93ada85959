using Latent.Runtime.Compilation;
using Xunit;

namespace Latent.Runtime.Tests.Compilation;

/// <summary>
/// Loading generated kernels keyed on what they were generated from: on a cache hit the generator
/// must not run (that work is most of the cost of a cached load in a fresh process).
/// </summary>
public sealed class KeyedLoadTests : IDisposable
{
    private readonly TempCache cache = new();

    public void Dispose() => cache.Dispose();

    [Fact]
    public void A_hit_loads_without_generating_and_a_changed_input_regenerates()
    {
        var generated = 0;
        IReadOnlyList<(string Path, string Text)> Generate()
        {
            generated++;
            return [(TestKernels.ScreenedPath, TestKernels.Screened)];
        }
        IReadOnlyList<(string Path, string Text)> input = [("Screened.toml", "z = 1.7")];

        using (var first = cache.Loader().Load("Screened", input, Generate, "test emitter"))
            Assert.False(first.FromCache);
        Assert.Equal(1, generated);

        using (var second = cache.Loader().Load("Screened", input, Generate, "test emitter"))
        {
            Assert.True(second.FromCache);
            var values = new double[2];
            var kernel = (PairKernel)Delegate.CreateDelegate(typeof(PairKernel), second.GetKernelType("Latent.Kernels.Test.Screened").GetMethod("Evaluate")!);
            kernel(1.3, values);
            Assert.Equal(TestKernels.ScreenedValue(1.3), values[0], 14);
        }
        Assert.Equal(1, generated);

        using (var changed = cache.Loader().Load("Screened", [("Screened.toml", "z = 1.8")], Generate, "test emitter"))
            Assert.False(changed.FromCache);
        Assert.Equal(2, generated);

        // A different generator identity is a different key too.
        using (var other = cache.Loader().Load("Screened", input, Generate, "another emitter"))
            Assert.False(other.FromCache);
        Assert.Equal(3, generated);
    }
}
