using System.Collections.Concurrent;
using Latent.Runtime.Compilation;
using Xunit;

namespace Latent.Runtime.Tests.Compilation;

public sealed class CompiledAssemblyCacheTests
{
    private static readonly string Key = new('a', 64);

    private static Func<string, string?> Variables(params (string Name, string Value)[] set) =>
        name => set.Where(v => v.Name == name).Select(v => v.Value).FirstOrDefault();

    private static string Folder(Environment.SpecialFolder folder) => folder switch
    {
        Environment.SpecialFolder.UserProfile => "/home/chemist",
        Environment.SpecialFolder.LocalApplicationData => @"C:\Users\chemist\AppData\Local",
        _ => "",
    };

    [Fact]
    public void Default_directory_follows_the_platform_conventions()
    {
        Assert.Equal("/home/chemist/.cache/latent", CompiledAssemblyCache.DefaultDirectory(Variables(), isWindows: false, Folder));
        Assert.Equal("/scratch/xdg/latent",
            CompiledAssemblyCache.DefaultDirectory(Variables(("XDG_CACHE_HOME", "/scratch/xdg")), isWindows: false, Folder));
        // Relative XDG values are ignored, as the XDG spec asks.
        Assert.Equal("/home/chemist/.cache/latent",
            CompiledAssemblyCache.DefaultDirectory(Variables(("XDG_CACHE_HOME", "rel/xdg")), isWindows: false, Folder));
        Assert.Equal(Path.Combine(@"C:\Users\chemist\AppData\Local", "Latent", "cache"),
            CompiledAssemblyCache.DefaultDirectory(Variables(("XDG_CACHE_HOME", "/scratch/xdg")), isWindows: true, Folder));
        Assert.Equal(Path.GetFullPath("/tmp/latent-explicit"),
            CompiledAssemblyCache.DefaultDirectory(Variables((CompiledAssemblyCache.DirectoryVariable, "/tmp/latent-explicit"), ("XDG_CACHE_HOME", "/x")), isWindows: false, Folder));
        var e = Assert.Throws<CacheLocationException>(() => CompiledAssemblyCache.DefaultDirectory(Variables(), isWindows: false, _ => ""));
        Assert.Contains(CompiledAssemblyCache.DirectoryVariable, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LATENT_CACHE_DIR_places_the_cache()
    {
        // The only test that reads the process environment; all others pass their directory explicitly.
        using var temp = new TempCache();
        var before = Environment.GetEnvironmentVariable(CompiledAssemblyCache.DirectoryVariable);
        Environment.SetEnvironmentVariable(CompiledAssemblyCache.DirectoryVariable, temp.Directory);
        try
        {
            var loader = new KernelLoader();
            Assert.Equal(temp.Directory, loader.Cache.Directory);
            using var kernels = loader.Load("env", [(TestKernels.ScreenedPath, TestKernels.Screened)], "emitter/test-1");
            Assert.True(File.Exists(Path.Combine(temp.Directory, kernels.CacheKey + CompiledAssemblyCache.EntryExtension)));
        }
        finally
        {
            Environment.SetEnvironmentVariable(CompiledAssemblyCache.DirectoryVariable, before);
        }
    }

    [Fact]
    public void Entries_round_trip_and_clear_removes_only_cache_files()
    {
        using var temp = new TempCache();
        Assert.Equal(CacheLookupStatus.Miss, temp.Cache.TryRead(Key).Status);
        Assert.True(temp.Cache.TryWrite(Key, [1, 2, 3], out var problem), problem);

        var hit = temp.Cache.TryRead(Key);
        Assert.Equal(CacheLookupStatus.Hit, hit.Status);
        Assert.Equal(new byte[] { 1, 2, 3 }, hit.Image);

        File.WriteAllText(Path.Combine(temp.Directory, "notes.txt"), "the user's own file");
        File.WriteAllText(temp.Cache.EntryPath(Key) + ".123.abc.tmp", "left by a crashed writer");
        Assert.Equal(2, temp.Cache.Clear());
        Assert.Equal(CacheLookupStatus.Miss, temp.Cache.TryRead(Key).Status);
        Assert.Equal(["notes.txt"], temp.Files().Select(Path.GetFileName));
    }

    [Fact]
    public void Disabled_cache_neither_reads_nor_writes()
    {
        using var temp = new TempCache();
        Assert.True(temp.Cache.TryWrite(Key, [1], out _));
        var disabled = new CompiledAssemblyCache(temp.Directory, enabled: false);

        Assert.Equal(CacheLookupStatus.Disabled, disabled.TryRead(Key).Status);
        Assert.False(disabled.TryWrite(Key, [2], out var problem));
        Assert.Null(problem);
        Assert.Equal(new byte[] { 1 }, temp.Cache.TryRead(Key).Image);
        Assert.Null(CompiledAssemblyCache.Disabled.Directory);
    }

    [Fact]
    public void Unwritable_directory_is_reported_not_thrown()
    {
        using var temp = new TempCache();
        Directory.CreateDirectory(temp.Directory);
        // A file where the cache directory should be: creating the directory fails on every platform.
        var blocked = Path.Combine(temp.Directory, "blocked");
        File.WriteAllText(blocked, "");
        var cache = new CompiledAssemblyCache(blocked);

        Assert.False(cache.TryWrite(Key, [1], out var problem));
        Assert.Contains("could not write cache entry", problem, StringComparison.Ordinal);
        using var kernels = new KernelLoader(cache).Load("blocked", [(TestKernels.ScreenedPath, TestKernels.Screened)], "emitter/test-1");
        Assert.False(kernels.FromCache);
        Assert.Contains(kernels.CacheMessages, m => m.Contains("could not write cache entry", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("abc")]
    public void Keys_that_are_not_digests_are_rejected(string key)
    {
        using var temp = new TempCache();
        Assert.Throws<ArgumentException>(() => temp.Cache.TryRead(key));
        Assert.Throws<ArgumentException>(() => temp.Cache.TryWrite(key, [1], out _));
    }

    [Fact]
    public void Concurrent_writers_never_expose_a_partial_entry()
    {
        using var temp = new TempCache();
        // Distinct sizes and contents: a reader seeing a mix of two writes, or a prefix, would not match any.
        var images = Enumerable.Range(1, 4).Select(i => Enumerable.Repeat((byte)i, 200_000 * i).ToArray()).ToArray();
        var seen = new ConcurrentBag<CacheLookup>();
        using var done = new CancellationTokenSource();

        var readers = Enumerable.Range(0, 2).Select(_ => new Thread(() =>
        {
            while (!done.IsCancellationRequested)
            {
                seen.Add(temp.Cache.TryRead(Key));
            }
        })).ToList();
        readers.ForEach(r => r.Start());
        Parallel.For(0, 40, i =>
        {
            // On Windows a rename onto an entry a reader has open can fail; that is reported, not torn.
            if (!temp.Cache.TryWrite(Key, images[i % images.Length], out var problem))
            {
                Assert.True(OperatingSystem.IsWindows(), problem);
            }
        });
        done.Cancel();
        readers.ForEach(r => r.Join());

        Assert.DoesNotContain(seen, l => l.Status == CacheLookupStatus.Invalid);
        Assert.All(seen.Where(l => l.Status == CacheLookupStatus.Hit), l => Assert.Contains(images, i => i.AsSpan().SequenceEqual(l.Image)));
        Assert.Contains(seen, l => l.Status == CacheLookupStatus.Hit);
        Assert.Empty(temp.Files("*.tmp"));
    }
}
