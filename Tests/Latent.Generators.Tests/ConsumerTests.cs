using Latent.Symbolic;
using Latent.Symbolic.PotentialFile;
using Microsoft.FSharp.Core;

namespace Latent.Generators.Tests;

/// <summary>
/// Latent.Generators.Consumer ran the generator in its own MSBuild build, on its own potential
/// file: its kernels agree with the interpreter, and its registry lives beside Latent.Runtime's.
/// </summary>
public sealed class ConsumerTests
{
    private static readonly Lazy<Symbolic.Kernels.KernelSet> Dimer = new(() => Generator.BuildKernels(File.ReadAllText(Repo.DimerPath)));

    [Fact]
    public void The_consumer_assembly_contains_the_generated_Dimer_kernels()
    {
        var k = Latent.Potentials.DimerKernels.Create();
        Assert.Equal("Dimer", k.Name);
        Assert.Equal(typeof(Latent.Generators.Consumer.DimerPotential).Assembly, typeof(Latent.Potentials.DimerKernels).Assembly);
        Assert.Equal(new[] { "Cu" }, k.Elements.Select(e => e.Symbol));
        Assert.Equal(new[] { "neutral", "cation" }, k.Elements[0].States.Select(s => s.Name));
        Assert.Equal(new[] { "D", "E0" }, k.FittedParameters);
        Assert.Equal(SourceHash.ofText(File.ReadAllText(Repo.DimerPath)), k.SourceHash);
        // Hand-written code in the consumer reaches the same class by name.
        Assert.Equal(k.SourceHash, Latent.Generators.Consumer.DimerPotential.Create().SourceHash);
    }

    [Fact]
    public void Dimer_kernels_equal_the_interpreter_bitwise()
    {
        var k = Latent.Potentials.DimerKernels.Create();
        var pair = Assert.Single(Dimer.Value.Pairs);
        var embedding = Assert.Single(Dimer.Value.Embeddings);
        Assert.Equal(pair.Layout, k.Pair(0, 0).Layout);
        foreach (double r in Enumerable.Range(0, 90).Select(i => 0.5 + 0.1 * i))
        {
            AssertBitwise(pair.Program, r, (x, v) => k.Pair(0, 0).Scalar(x, v));
            AssertBitwise(pair.Gradient!.Value, r, (x, v) => k.Pair(0, 0).Gradient!(x, v));
        }
        foreach (double rho in new[] { 1e-8, 0.01, 0.3, 1.0, 2.5 })
            AssertBitwise(embedding.Program, rho, (x, v) => k.Embeddings[0].Scalar(x, v));
    }

    [Fact]
    public void Dimer_kernels_have_the_formulas_of_the_file()
    {
        // Independent of the interpreter: Morse inside the switch, F = -E0 sqrt(rho) and its derivatives.
        var k = Latent.Potentials.DimerKernels.Create();
        var pair = k.Pair(0, 0);
        var values = new double[pair.OutputCount];
        pair.Scalar(3.0, values);
        int phi = pair.Layout.PairPotential;
        double e = Math.Exp(-1.4 * (3.0 - 2.22));
        Assert.Equal(e * e - 2 * e, values[phi], 1e-12);
        Assert.Equal(-2.8 * (e * e - e), values[pair.Layout.Derivative(phi)], 1e-12);

        var f = new double[3];
        k.Embeddings[0].Scalar(0.49, f);
        Assert.Equal(-2.5 * 0.7, f[0], 1e-14);
        Assert.Equal(-2.5 * 0.5 / 0.7, f[1], 1e-14);
        Assert.Equal(2.5 * 0.25 / (0.49 * 0.7), f[2], 1e-13);
    }

    [Fact]
    public void Each_assembly_has_its_own_registry_and_both_are_usable_side_by_side()
    {
        // This file would not compile (CS0433) if both assemblies put ShippedPotentials in Latent.Potentials.
        Assert.Equal(new[] { "Dimer" }, Latent.Generators.Consumer.ShippedPotentials.All.Select(p => p.Name));
        Assert.Equal("Dimer", Latent.Generators.Consumer.ShippedPotentials.All[0].Create().Name);
        Assert.Equal(new[] { "Dimer" }, Latent.Generators.Consumer.DimerPotential.Names);
        Assert.Equal(new[] { "Cu", "LiF", "NaCl", "NaCl-QEq" }, Latent.Potentials.ShippedPotentials.All.Select(p => p.Name));
        Assert.Equal(typeof(Latent.Runtime.Kernels.PotentialKernels).Assembly, typeof(Latent.Potentials.ShippedPotentials).Assembly);
    }

    private static void AssertBitwise(StraightLine.Program program, double x, Action<double, double[]> kernel)
    {
        double[] expected = StraightLine.evaluate(program, FuncConvert.FromFunc((string _) => x));
        var actual = new double[expected.Length];
        kernel(x, actual);
        Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), actual.Select(BitConverter.DoubleToInt64Bits));
    }
}
