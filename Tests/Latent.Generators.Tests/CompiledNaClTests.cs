using Latent.Symbolic;
using Latent.Symbolic.PotentialFile;
using Microsoft.FSharp.Core;
using SlProgram = Latent.Symbolic.StraightLine.Program;

namespace Latent.Generators.Tests;

/// <summary>The generated NaCl code compiles cleanly, and its kernels compute what the interpreter computes, bit for bit.</summary>
public sealed class CompiledNaClTests(CompiledNaCl compiled) : IClassFixture<CompiledNaCl>
{
    // Inside the overlap, across the switch (10–12 Å) and past the cutoff, plus points on its ends.
    private static readonly double[] Radii = Enumerable.Range(0, 250).Select(i => 0.3 + 0.05 * i).Concat(new[] { 10.0, 12.0, 13.0, 2.3609 }).ToArray();

    private static readonly double[] Densities = { 0.0, 1e-6, 0.01, 0.1, 0.5, 1.0, 3.7 };

    [Fact]
    public void Generated_sources_compile_without_warnings()
    {
        Assert.Empty(compiled.CompileDiagnostics);
    }

    [Fact]
    public void Create_describes_the_potential_of_the_file()
    {
        var set = Generator.NaClKernels;
        var k = compiled.Kernels;
        Assert.Equal("NaCl", k.Name);
        Assert.Equal(set.Temperature, k.Temperature);
        Assert.Equal(12.0, k.Cutoff);
        Assert.Equal(2.0, k.CutoffWidth);
        Assert.Equal(new[] { "Na", "Cl" }, k.Elements.Select(e => e.Symbol));
        Assert.Equal(set.Elements.Select(e => e.States.Select(s => (s.Name, s.Charge, s.Degeneracy, s.Energy)).ToArray()),
            k.Elements.Select(e => e.States.Select(s => (s.Name, s.Charge, s.Degeneracy, s.Energy)).ToArray()));
        Assert.Equal(new[] { (0, 0), (0, 1), (1, 1) }, k.Pairs.Select(p => (p.A, p.B)));
        Assert.Equal(new[] { "A_NaCl", "A_NaNa", "A_ClCl", "rho" }, k.FittedParameters);
        Assert.Equal(SourceHash.ofText(Repo.NaClText), k.SourceHash);
    }

    [Fact]
    public void Every_pair_kernel_equals_the_interpreter_bitwise()
    {
        var k = compiled.Kernels;
        Assert.Equal(Generator.NaClKernels.Pairs.Length, k.Pairs.Count);
        foreach (var pair in Generator.NaClKernels.Pairs)
        {
            var generated = k.Pair(k.ElementIndex(pair.A), k.ElementIndex(pair.B));
            Assert.Equal(pair.Layout, generated.Layout);
            Assert.Equal(pair.Program.Outputs.Length, generated.OutputCount);
            AssertBitwise($"{pair.A}-{pair.B}", pair.Program, (x, v) => generated.Scalar(x, v), Radii);
            AssertBitwise($"{pair.A}-{pair.B} gradient", pair.Gradient!.Value, (x, v) => generated.Gradient!(x, v), Radii);
        }
    }

    [Fact]
    public void Every_embedding_kernel_equals_the_interpreter_bitwise()
    {
        var k = compiled.Kernels;
        foreach (var (embedding, i) in Generator.NaClKernels.Embeddings.Select((e, i) => (e, i)))
        {
            Assert.Equal(k.ElementIndex(embedding.Symbol), k.Embeddings[i].Element);
            AssertBitwise("F_" + embedding.Symbol, embedding.Program, (x, v) => k.Embeddings[i].Scalar(x, v), Densities);
        }
    }

    [Fact]
    public void The_Na_Cl_pair_term_is_the_Born_Mayer_repulsion_inside_the_switch()
    {
        // An anchor independent of the interpreter: phi = A exp(-r/rho) where the switch is 1, with the
        // fitted A_NaCl and rho of potentials/NaCl.toml.
        const double a = 1345.3419062663322, rho = 0.3099584486262043;
        var pair = compiled.Kernels.Pair(0, 1);
        var values = new double[pair.OutputCount];
        pair.Scalar(2.5, values);
        int phi = pair.Layout.PairPotential;
        Assert.Equal(a * Math.Exp(-2.5 / rho), values[phi], 1e-12);
        Assert.Equal(-a / rho * Math.Exp(-2.5 / rho), values[pair.Layout.Derivative(phi)], 1e-11);
    }

    private static void AssertBitwise(string what, SlProgram program, Action<double, double[]> kernel, double[] points)
    {
        foreach (double x in points)
        {
            double[] expected = StraightLine.evaluate(program, FuncConvert.FromFunc((string _) => x));
            var actual = new double[expected.Length];
            kernel(x, actual);
            for (int o = 0; o < expected.Length; o++)
                Assert.True(BitConverter.DoubleToInt64Bits(expected[o]) == BitConverter.DoubleToInt64Bits(actual[o]),
                    $"{what}, output {o} ({program.Outputs[o].Item1}) at {x:R}: interpreter {expected[o]:R}, generated {actual[o]:R}");
        }
    }
}
