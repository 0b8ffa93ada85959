using Latent.Runtime.Compilation;
using Xunit;

namespace Latent.Runtime.Tests.Compilation;

public sealed class KernelCacheKeyTests
{
    private static readonly System.Reflection.Assembly[] References = [.. SourceCompiler.DefaultReferences];

    private static string Key(string name = "n", string path = "a.cs", string text = "class A {}", string extra = "e") =>
        KernelCacheKey.Compute(name, [(path, text)], References, extra);

    [Fact]
    public void Key_is_a_stable_sha256_digest()
    {
        Assert.Matches("^[0-9a-f]{64}$", Key());
        Assert.Equal(Key(), Key());
    }

    [Fact]
    public void Every_component_changes_the_key()
    {
        var keys = new[]
        {
            Key(),
            Key(name: "m"),
            Key(path: "b.cs"),
            Key(text: "class B {}"),
            Key(extra: "f"),
            KernelCacheKey.Compute("n", [("a.cs", "class A {}")], References.Take(2), "e"),
        };
        Assert.Equal(keys.Length, keys.Distinct().Count());
    }

    [Fact]
    public void Field_boundaries_matter()
    {
        // Without length prefixes these two would hash the same concatenation.
        Assert.NotEqual(
            KernelCacheKey.Compute("n", [("ab", "c")], References, "e"),
            KernelCacheKey.Compute("n", [("a", "bc")], References, "e"));
    }

    [Fact]
    public void Tool_version_names_runtime_and_roslyn()
    {
        Assert.StartsWith("Latent.Runtime 0.1.0", KernelCacheKey.ToolVersion, StringComparison.Ordinal);
        Assert.Contains("Roslyn 5.", KernelCacheKey.ToolVersion, StringComparison.Ordinal);
    }
}
