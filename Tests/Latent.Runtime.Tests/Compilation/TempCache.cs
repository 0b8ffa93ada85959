using Latent.Runtime.Compilation;

namespace Latent.Runtime.Tests.Compilation;

/// <summary>A fresh cache directory per test, removed afterwards; tests never touch the user's cache.</summary>
internal sealed class TempCache : IDisposable
{
    public TempCache()
    {
        Directory = Path.Combine(Path.GetTempPath(), "latent-rtc-tests", Guid.NewGuid().ToString("N"));
        Cache = new CompiledAssemblyCache(Directory);
    }

    public string Directory { get; }

    public CompiledAssemblyCache Cache { get; }

    public KernelLoader Loader(params System.Reflection.Assembly[] references) => new(Cache, references);

    public string[] Files(string pattern = "*") =>
        System.IO.Directory.Exists(Directory) ? System.IO.Directory.GetFiles(Directory, pattern) : [];

    public void Dispose()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
