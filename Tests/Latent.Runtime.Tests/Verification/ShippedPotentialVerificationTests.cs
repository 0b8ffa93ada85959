using Latent.Runtime.Potentials;
using Latent.Runtime.Tests.Compilation;
using Latent.Runtime.Verification;
using Xunit;

namespace Latent.Runtime.Tests.Verification;

/// <summary>
/// `latent verify` inside the test suite: every property holds for every shipped potential, and every
/// term of every pair and embedding is covered by each kind of property.
/// </summary>
public sealed class ShippedPotentialVerificationTests : IDisposable
{
    private readonly TempCache cache = new();

    public void Dispose() => cache.Dispose();

    public static TheoryData<string> Shipped() => new(PotentialSource.ShippedNames);

    [Theory]
    [MemberData(nameof(Shipped))]
    public void Every_property_holds(string name)
    {
        var report = new PotentialVerifier(new PotentialLoader(cache.Loader())).Verify(name, new VerificationOptions(Cases: 40, Seed: 20240611));
        Assert.True(report.Passed, string.Join("\n", report.Failures.Select(f => $"{f.Name} {f.Pair} {f.Term} {f.Parameter}: {f.Counterexample} {f.Note}")));
        Assert.Equal(20240611UL, report.Seed);
    }

    [Theory]
    [MemberData(nameof(Shipped))]
    public void Every_term_of_every_kernel_gets_every_property(string potential)
    {
        var report = new PotentialVerifier(new PotentialLoader(cache.Loader())).Verify(potential, new VerificationOptions(Cases: 5, Seed: 3));
        var set = PotentialLoader.BuildKernelSet(PotentialSource.Resolve(potential));
        var fitted = set.Fitted.Select(f => f.Item1).ToArray();
        foreach (var pair in set.Pairs)
            foreach (var term in pair.Terms)
            {
                var label = $"{pair.A}-{pair.B}";
                foreach (var name in new[] { "derivative", "interpreter", "simd", "build-time" })
                    Assert.Single(report.Properties, p => p.Name == name && p.Pair == label && p.Term == term);
                Assert.Equal(fitted, report.Properties.Where(p => p.Name == "gradient" && p.Pair == label && p.Term == term).Select(p => p.Parameter!));
            }
        foreach (var embedding in set.Embeddings)
        {
            Assert.Equal(["F′", "F″"], report.Properties.Where(p => p.Name == "derivative" && p.Pair == embedding.Symbol).Select(p => p.Term));
            Assert.Single(report.Properties, p => p.Name == "interpreter" && p.Pair == embedding.Symbol);
        }
        Assert.Equal(["forces cluster", "forces periodic", "stress periodic"],
            report.Properties.Where(p => p.Pair == "system").Select(p => $"{p.Name} {p.Term}"));
        Assert.All(report.Properties.Where(p => p.Pair != "system"), p => Assert.True(p.Cases > 0, $"{p.Name} {p.Pair} {p.Term} judged no case"));
    }

    [Fact]
    public void A_file_without_a_build_time_class_reports_that_comparison_as_not_applicable()
    {
        var path = Path.Combine(cache.Directory, "MyNaCl.toml");
        Directory.CreateDirectory(cache.Directory);
        File.WriteAllText(path, PotentialSource.Resolve("NaCl").Text.Replace("name = \"NaCl\"", "name = \"MyNaCl\""));
        var report = new PotentialVerifier(new PotentialLoader(cache.Loader())).Verify(path, new VerificationOptions(Cases: 5, Seed: 1));
        Assert.True(report.Passed);
        var buildTime = report.Properties.Where(p => p.Name == "build-time").ToList();
        Assert.NotEmpty(buildTime);
        Assert.All(buildTime, p => Assert.Equal(PropertyStatus.NotApplicable, p.Status));
        Assert.All(buildTime, p => Assert.Equal("no build-time class", p.Note));
    }

    [Fact]
    public void The_same_seed_replays_the_same_cases()
    {
        var verifier = new PotentialVerifier(new PotentialLoader(cache.Loader()));
        var a = verifier.Verify("NaCl", new VerificationOptions(Cases: 10, Seed: 99));
        var b = verifier.Verify("NaCl", new VerificationOptions(Cases: 10, Seed: 99));
        Assert.Equal(a.Properties.Select(p => (p.Name, p.Pair, p.Term, p.Parameter, p.Cases)), b.Properties.Select(p => (p.Name, p.Pair, p.Term, p.Parameter, p.Cases)));
    }
}
