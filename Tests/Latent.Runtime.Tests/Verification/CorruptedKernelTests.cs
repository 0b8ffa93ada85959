using Latent.Emit;
using Latent.Runtime.Potentials;
using Latent.Runtime.Tests.Compilation;
using Latent.Runtime.Verification;
using Xunit;

namespace Latent.Runtime.Tests.Verification;

/// <summary>
/// The verifier catches a wrong number in real compiled code: the emitter's test hook multiplies one
/// stored output by 1 + 10⁻⁶, the potential is compiled at run time with it, and `verify` must fail
/// that term, name the pair, the states and the term, and pass every other term.
/// </summary>
public sealed class CorruptedKernelTests : IDisposable
{
    private const double Factor = 1 + 1e-6;

    private readonly TempCache cache = new();

    public void Dispose() => cache.Dispose();

    private VerificationReport VerifyCorrupted(OutputPerturbation perturbation) =>
        new PotentialVerifier(new PotentialLoader(cache.Loader())).Verify("NaCl", new VerificationOptions(Cases: 30, Seed: 5), perturbation);

    private static (int Index, int Terms) Term(string pair, string term)
    {
        var set = PotentialLoader.BuildKernelSet(PotentialSource.Resolve("NaCl"));
        var kernel = set.Pairs.Single(p => $"{p.A}-{p.B}" == pair);
        return (kernel.Terms.ToList().IndexOf(term), kernel.Terms.Length);
    }

    [Fact]
    public void A_corrupted_derivative_is_caught_and_named()
    {
        var (k, n) = Term("Na-Cl", "c.cation.anion");
        var report = VerifyCorrupted(new OutputPerturbation("Pair_Na_Cl", n + k, Factor));

        Assert.False(report.Passed);
        var derivative = Assert.Single(report.Failures, p => p.Name == "derivative");
        Assert.Equal("Na-Cl", derivative.Pair);
        Assert.Equal("c.cation.anion", derivative.Term);
        var c = derivative.Counterexample!;
        Assert.Equal("NaCl", c.Potential);
        Assert.Equal("cation, anion", c.States);
        Assert.Equal("d/dr c.cation.anion", c.Output);
        Assert.Equal("r", c.Variable);
        Assert.InRange(c.At, 0.8, 13.0);
        Assert.Equal(c.Reference * Factor, c.Generated, 1e-9 * Math.Abs(c.Generated));
        // The generated code also no longer matches the interpreter and the build-time class, for this term only.
        Assert.Equal(["derivative", "interpreter", "build-time"], report.Failures.Where(p => p.Pair != "system").Select(p => p.Name).Distinct());
        Assert.All(report.Failures.Where(p => p.Pair != "system"), p => Assert.Equal(("Na-Cl", "c.cation.anion"), (p.Pair, p.Term)));
    }

    [Fact]
    public void A_corrupted_value_is_caught_by_its_derivative_against_differences()
    {
        var (k, _) = Term("Na-Cl", "phi");
        var report = VerifyCorrupted(new OutputPerturbation("Pair_Na_Cl", k, Factor));

        var derivative = Assert.Single(report.Failures, p => p.Name == "derivative");
        Assert.Equal(("Na-Cl", "phi"), (derivative.Pair, derivative.Term));
        Assert.Equal("d/dr phi", derivative.Counterexample!.Output);
        Assert.Null(derivative.Counterexample.States);
    }

    [Fact]
    public void A_corrupted_parameter_gradient_is_caught_and_names_the_parameter()
    {
        var (k, n) = Term("Cl-Cl", "phi");
        var set = PotentialLoader.BuildKernelSet(PotentialSource.Resolve("NaCl"));
        var rho = set.Fitted.Select(f => f.Item1).ToList().IndexOf("rho");
        var report = VerifyCorrupted(new OutputPerturbation("Pair_Cl_Cl_Gradient", rho * 2 * n + n + k, Factor));

        var gradient = Assert.Single(report.Failures, p => p.Name == "gradient");
        Assert.Equal(("Cl-Cl", "phi", "rho"), (gradient.Pair, gradient.Term, gradient.Parameter));
        Assert.Equal("∂/∂rho d/dr phi", gradient.Counterexample!.Output);
    }

    [Fact]
    public void Without_a_perturbation_the_emitted_text_is_the_generators()
    {
        var source = PotentialSource.Resolve("NaCl");
        var set = PotentialLoader.BuildKernelSet(source);
        var plain = PotentialEmitter.Emit(set, source.Sha256);
        var hooked = PotentialEmitter.Emit(set, source.Sha256, PotentialEmitter.DefaultNamespace, perturbation: null);
        Assert.Equal(plain.Select(f => f.Text), hooked.Select(f => f.Text));
        Assert.DoesNotContain(plain, f => f.Text.Contains(" * 1.000001"));
    }

    [Fact]
    public void A_perturbation_changes_only_the_named_store_of_the_scalar_and_vector_kernels()
    {
        var source = PotentialSource.Resolve("NaCl");
        var set = PotentialLoader.BuildKernelSet(source);
        var plain = PotentialEmitter.Emit(set, source.Sha256).ToDictionary(f => f.HintName, f => f.Text);
        var hooked = PotentialEmitter.Emit(set, source.Sha256, PotentialEmitter.DefaultNamespace, new OutputPerturbation("Pair_Na_Cl", 3, Factor));
        foreach (var file in hooked)
        {
            var before = plain[file.HintName].Split('\n');
            var after = file.Text.Split('\n');
            var changed = before.Zip(after).Where(l => l.First != l.Second).ToList();
            if (file.HintName != "NaCl.Pair.Na-Cl.g.cs")
            {
                Assert.Empty(changed);
                continue;
            }
            Assert.Equal(2, changed.Count);
            Assert.All(changed, l => Assert.StartsWith("values[3] = ", l.Second.Trim()));
            Assert.EndsWith("* 1.000001;", changed[0].Second.Trim());
            Assert.EndsWith("* Vector256.Create(1.000001);", changed[1].Second.Trim());
        }
    }
}
