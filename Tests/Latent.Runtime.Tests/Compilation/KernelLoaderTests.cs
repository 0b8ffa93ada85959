using System.Reflection;
using System.Security.Cryptography;
using Latent.Runtime.Compilation;
using Xunit;
using Xunit.Abstractions;

namespace Latent.Runtime.Tests.Compilation;

public sealed class KernelLoaderTests(ITestOutputHelper output)
{
    private const string EmitterKey = "emitter/test-1";

    [Fact]
    public void Compiled_kernels_give_the_expected_values_and_derivatives()
    {
        using var temp = new TempCache();
        using var kernels = temp.Loader().Load("NaCl test", TestKernels.Both, EmitterKey);

        Assert.False(kernels.FromCache);
        Assert.Empty(kernels.Warnings);
        Assert.Equal("NaCl test", kernels.Context.Name);
        Assert.Equal("Latent.Kernels.NaCl_test", kernels.Assembly.GetName().Name);
        foreach (var r in Kernels.Radii)
        {
            var screened = Kernels.Evaluate(kernels, "Screened", r);
            var erf = Kernels.Evaluate(kernels, "ErfCoulomb", r);
            Assert.Equal(TestKernels.ScreenedValue(r), screened[0], 1e-15 * Math.Abs(screened[0]));
            Assert.Equal(TestKernels.ErfValue(r), erf[0], 1e-15 * Math.Abs(erf[0]));
            // The derivatives against central differences: catches a wrong hand-written derivative.
            const double h = 1e-5;
            Assert.Equal((TestKernels.ScreenedValue(r + h) - TestKernels.ScreenedValue(r - h)) / (2 * h), screened[1], 1e-7);
            Assert.Equal((TestKernels.ErfValue(r + h) - TestKernels.ErfValue(r - h)) / (2 * h), erf[1], 1e-7);
        }

        Assert.Equal(0.8427007929497149, Kernels.Evaluate(kernels, "ErfCoulomb", 1 / TestKernels.Alpha)[0] * (1 / TestKernels.Alpha), 1e-14);
    }

    [Fact]
    public void Second_load_of_the_same_sources_comes_from_the_cache_with_identical_numbers()
    {
        using var temp = new TempCache();
        var loader = temp.Loader();
        using var first = loader.Load("NaCl", TestKernels.Both, EmitterKey);
        // A new loader on the same directory, as a second process would have.
        using var second = temp.Loader().Load("NaCl", TestKernels.Both, EmitterKey);

        Assert.False(first.FromCache);
        Assert.True(first.CompileMilliseconds > 0);
        Assert.True(second.FromCache);
        Assert.Equal(0, second.CompileMilliseconds);
        Assert.Equal(first.CacheKey, second.CacheKey);
        Assert.NotSame(first.Assembly, second.Assembly);
        Assert.Equal(Kernels.All(first), Kernels.All(second));
        Assert.Single(temp.Files("*" + CompiledAssemblyCache.EntryExtension));
        output.WriteLine($"compile {first.CompileMilliseconds:F1} ms + load {first.LoadMilliseconds:F1} ms; cached load {second.LoadMilliseconds:F1} ms");
    }

    [Fact]
    public void Changed_source_or_extra_key_or_name_misses_the_cache()
    {
        using var temp = new TempCache();
        var loader = temp.Loader();
        using var original = loader.Load("NaCl", TestKernels.Both, EmitterKey);
        var changedText = TestKernels.Screened.Replace("1.7", "1.8", StringComparison.Ordinal);
        using var changed = loader.Load("NaCl", [(TestKernels.ScreenedPath, changedText), (TestKernels.ErfPath, TestKernels.ErfCoulomb)], EmitterKey);
        using var otherEmitter = loader.Load("NaCl", TestKernels.Both, "emitter/test-2");
        using var otherName = loader.Load("KCl", TestKernels.Both, EmitterKey);

        Assert.False(changed.FromCache);
        Assert.False(otherEmitter.FromCache);
        Assert.False(otherName.FromCache);
        Assert.Equal(4, new[] { original.CacheKey, changed.CacheKey, otherEmitter.CacheKey, otherName.CacheKey }.Distinct().Count());
        // The changed source really is what runs.
        var r = 2.0;
        Assert.Equal(Math.Exp(-1.8 * r) * (1 + 1.8 * r) / r, Kernels.Evaluate(changed, "Screened", r)[0], 1e-15);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("truncated")]
    [InlineData("valid checksum, not an assembly")]
    public void Corrupt_cache_entry_is_ignored_and_recompiled(string damage)
    {
        using var temp = new TempCache();
        using var first = temp.Loader().Load("NaCl", TestKernels.Both, EmitterKey);
        var entry = temp.Cache.EntryPath(first.CacheKey);
        var good = File.ReadAllBytes(entry);
        File.WriteAllBytes(entry, damage switch
        {
            "garbage" => "this is not a cached assembly"u8.ToArray(),
            "truncated" => good[..(good.Length / 2)],
            _ => WithValidHeader(RandomNumberGenerator.GetBytes(4096)),
        });

        using var recompiled = temp.Loader().Load("NaCl", TestKernels.Both, EmitterKey);
        using var again = temp.Loader().Load("NaCl", TestKernels.Both, EmitterKey);

        Assert.False(recompiled.FromCache);
        Assert.Contains(recompiled.CacheMessages, m => m.Contains(entry, StringComparison.Ordinal) && m.Contains("recompiled", StringComparison.Ordinal));
        Assert.Equal(Kernels.All(first), Kernels.All(recompiled));
        Assert.True(again.FromCache);
        Assert.Empty(again.CacheMessages);
        // Deterministic compilation: the rewritten entry is byte for byte the first one.
        Assert.Equal(good, File.ReadAllBytes(entry));
    }

    private static byte[] WithValidHeader(byte[] payload) =>
        [.. "LTNTKRN1"u8, .. SHA256.HashData(payload), .. payload];

    [Fact]
    public void Disabled_cache_compiles_every_time_and_writes_nothing()
    {
        using var temp = new TempCache();
        var loader = new KernelLoader(new CompiledAssemblyCache(temp.Directory, enabled: false));
        using var first = loader.Load("NaCl", TestKernels.Both, EmitterKey);
        using var second = loader.Load("NaCl", TestKernels.Both, EmitterKey);

        Assert.False(first.FromCache);
        Assert.False(second.FromCache);
        Assert.False(Directory.Exists(temp.Directory));
        Assert.Equal(Kernels.All(first), Kernels.All(second));
    }

    [Fact]
    public void Kernel_types_share_identity_with_the_host()
    {
        using var temp = new TempCache();
        using var kernels = temp.Loader(typeof(ITestPairKernel).Assembly)
            .Load("shared", [(TestKernels.SharedTypesPath, TestKernels.SharedTypes)], EmitterKey);

        var instance = Activator.CreateInstance(kernels.GetKernelType("ScreenedInstance"));
        var kernel = Assert.IsAssignableFrom<ITestPairKernel>(instance);
        Assert.Equal(TestKernels.ScreenedValue(1.5), kernel.Value(1.5), 1e-15);
        var identity = kernels.GetKernelType("Latent.Kernels.Test.Identity");
        Assert.Same(typeof(KernelLoader).Assembly, identity.GetMethod("Runtime")!.Invoke(null, null));
        Assert.Same(typeof(MathNet.Numerics.SpecialFunctions).Assembly, identity.GetMethod("MathNet")!.Invoke(null, null));
    }

    [Fact]
    public void Shared_assemblies_resolve_by_identity_even_when_the_default_context_cannot_find_them()
    {
        // An interface assembly that only a private context knows: falling back to the default context
        // would fail to find it, so the kernel can only load if the explicit sharing works.
        using var temp = new TempCache();
        var image = new SourceCompiler().Compile("Latent.Test.Interfaces",
            [("IKernel.cs", "namespace Latent.Test.Interfaces; public interface IKernel { double At(double r); }")]).ThrowIfFailed();
        Directory.CreateDirectory(temp.Directory);
        var interfacePath = Path.Combine(temp.Directory, "Latent.Test.Interfaces.dll");
        File.WriteAllBytes(interfacePath, image);
        var privateContext = new System.Runtime.Loader.AssemblyLoadContext("interfaces", isCollectible: true);
        try
        {
            var interfaces = privateContext.LoadFromAssemblyPath(interfacePath);
            using var kernels = new KernelLoader(temp.Cache, [interfaces]).Load("private-interface",
                [("K.cs", "public sealed class K : Latent.Test.Interfaces.IKernel { public double At(double r) => 2 * r; }")], EmitterKey);

            var kernelType = kernels.GetKernelType("K");
            Assert.Same(interfaces.GetType("Latent.Test.Interfaces.IKernel"), Assert.Single(kernelType.GetInterfaces()));
            var at = kernelType.GetMethod("At")!;
            Assert.Equal(3.0, at.Invoke(Activator.CreateInstance(kernelType), [1.5]));
        }
        finally
        {
            privateContext.Unload();
        }
    }

    [Fact]
    public void Missing_type_names_the_available_ones()
    {
        using var temp = new TempCache();
        using var kernels = temp.Loader().Load("NaCl", TestKernels.Both, EmitterKey);

        var e = Assert.Throws<KeyNotFoundException>(() => kernels.GetKernelType("Coulomb"));
        Assert.Contains("'Coulomb'", e.Message, StringComparison.Ordinal);
        Assert.Contains("Latent.Kernels.Test.ErfCoulomb, Latent.Kernels.Test.Screened", e.Message, StringComparison.Ordinal);
        Assert.False(kernels.TryGetKernelType("Coulomb", out _));
    }

    [Fact]
    public void Invalid_requests_are_rejected_with_a_clear_message()
    {
        using var temp = new TempCache();
        var loader = temp.Loader();

        Assert.Contains("non-empty name", Assert.Throws<ArgumentException>(() => loader.Load(" ", TestKernels.Both, EmitterKey)).Message, StringComparison.Ordinal);
        Assert.Contains("No source files", Assert.Throws<ArgumentException>(() => loader.Load("NaCl", [], EmitterKey)).Message, StringComparison.Ordinal);
        Assert.Contains("given twice", Assert.Throws<ArgumentException>(
            () => loader.Load("NaCl", [(TestKernels.ScreenedPath, TestKernels.Screened), (TestKernels.ScreenedPath, TestKernels.ErfCoulomb)], EmitterKey)).Message,
            StringComparison.Ordinal);
        Assert.Contains("no path", Assert.Throws<ArgumentException>(() => loader.Load("NaCl", [("", TestKernels.Screened)], EmitterKey)).Message, StringComparison.Ordinal);
        Assert.Empty(temp.Files());
    }

    [Fact]
    public void Concurrent_loads_of_one_key_all_succeed_agree_and_compile_once()
    {
        using var temp = new TempCache();
        const int threads = 6;
        var results = new LoadedKernels[threads];
        using var start = new Barrier(threads);
        var workers = Enumerable.Range(0, threads).Select(i => new Thread(() =>
        {
            var loader = temp.Loader();
            start.SignalAndWait();
            results[i] = loader.Load("NaCl", TestKernels.Both, EmitterKey);
        })).ToList();
        workers.ForEach(t => t.Start());
        workers.ForEach(t => t.Join());

        try
        {
            Assert.All(results, k => Assert.NotNull(k));
            Assert.Single(results, k => !k.FromCache);
            var expected = Kernels.All(results[0]);
            Assert.All(results, k => Assert.Equal(expected, Kernels.All(k)));
            Assert.Empty(temp.Files("*.tmp"));
            Assert.Single(temp.Files());
        }
        finally
        {
            foreach (var k in results)
            {
                k?.Dispose();
            }
        }
    }

    [Fact]
    public void Assembly_names_are_sanitised_potential_names()
    {
        Assert.Equal("Latent.Kernels.Na_Cl_ensemble_v2.toml", KernelLoader.AssemblyNameFor("Na/Cl ensemble-v2.toml"));
        Assert.Throws<ArgumentException>(() => KernelLoader.AssemblyNameFor(""));
    }

    [Fact]
    public void Explicit_references_include_runtime_symbolic_and_mathnet()
    {
        var names = new SourceCompiler([typeof(ITestPairKernel).Assembly]).ExplicitReferences.Select(a => a.GetName().Name).ToList();
        Assert.Equal(["Latent.Runtime", "Latent.Symbolic", "MathNet.Numerics", typeof(ITestPairKernel).Assembly.GetName().Name], names);
    }

    [Fact]
    public void Assemblies_without_a_file_cannot_be_referenced()
    {
        var context = new System.Runtime.Loader.AssemblyLoadContext("from bytes", isCollectible: true);
        try
        {
            using var bytes = File.OpenRead(typeof(TestKernels).Assembly.Location);
            var inMemory = context.LoadFromStream(bytes);
            var e = Assert.Throws<ArgumentException>(() => new SourceCompiler([inMemory]));
            Assert.Contains("has no file on disk", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            context.Unload();
        }
    }
}
