using System.Runtime.Intrinsics;
using Latent.Runtime.Kernels;
using Latent.Runtime.Potentials;
using Latent.Runtime.Tests.Compilation;
using Latent.Symbolic;
using EmbeddingLayout = Latent.Symbolic.Kernels.EmbeddingLayout;
using Xunit;

namespace Latent.Runtime.Tests.Potentials;

/// <summary>
/// Shipped potentials come from the class the generator compiled into the runtime; any file (or a
/// shipped one on request) is generated and compiled now. Both must be the same code: same text by
/// construction (one emitter), and here, the same numbers to the last bit.
/// </summary>
public sealed class PotentialLoaderTests : IDisposable
{
    private readonly TempCache cache = new();

    public void Dispose() => cache.Dispose();

    private PotentialLoader Loader() => new(cache.Loader());

    private static readonly double[] Distances = [0.8, 1.5, 2.3609, 3.1, 4.75, 7.2, 9.99, 10.5, 11.3, 11.999, 12.0, 14.0];

    [Fact]
    public void Shipped_names_include_NaCl_and_resolve_in_any_case()
    {
        Assert.Contains("NaCl", PotentialSource.ShippedNames);
        var source = PotentialSource.Resolve("nacl");
        Assert.True(source.IsShipped);
        Assert.Equal("NaCl", source.Name);
        Assert.Contains("[elements.Na]", source.Text);
    }

    [Fact]
    public void Build_time_and_run_time_kernels_give_identical_numbers()
    {
        var loader = Loader();
        var built = loader.Load("NaCl");
        var compiled = loader.Load("NaCl", compileAtRunTime: true);

        // Two different pieces of code: one compiled into Latent.Runtime, one compiled just now.
        Assert.Equal(typeof(PotentialLoader).Assembly, built.Pairs[0].Scalar.Method.DeclaringType!.Assembly);
        Assert.NotEqual(typeof(PotentialLoader).Assembly, compiled.Pairs[0].Scalar.Method.DeclaringType!.Assembly);
        Assert.Equal(built.SourceHash, compiled.SourceHash);
        Assert.Equal(built.Name, compiled.Name);
        Assert.Equal(built.Temperature, compiled.Temperature);
        Assert.Equal(built.Cutoff, compiled.Cutoff);
        Assert.Equal(built.Elements.Select(e => (e.Symbol, e.Mass, e.Valence)), compiled.Elements.Select(e => (e.Symbol, e.Mass, e.Valence)));
        Assert.Equal(built.Elements.SelectMany(e => e.States), compiled.Elements.SelectMany(e => e.States));
        Assert.Equal(built.FittedParameters, compiled.FittedParameters);

        for (var k = 0; k < built.Pairs.Count; k++)
        {
            var (a, b) = (built.Pairs[k], compiled.Pairs[k]);
            Assert.Equal(a.Layout, b.Layout);
            AssertSameOutputs(a.Scalar, b.Scalar, a.OutputCount);
            AssertSameOutputs(a.Gradient!, b.Gradient!, a.OutputCount * built.FittedParameters.Count);
            AssertSameVectorOutputs(a.Vector, b.Vector, a.OutputCount);
        }
        for (var k = 0; k < built.Embeddings.Count; k++)
            AssertSameOutputs(built.Embeddings[k].Scalar, compiled.Embeddings[k].Scalar, EmbeddingLayout.OutputCount);
    }

    private static void AssertSameOutputs(ScalarKernel a, ScalarKernel b, int count)
    {
        Span<double> x = stackalloc double[count];
        Span<double> y = stackalloc double[count];
        foreach (var r in Distances)
        {
            a(r, x);
            b(r, y);
            for (var i = 0; i < count; i++)
                Assert.Equal(BitConverter.DoubleToInt64Bits(x[i]), BitConverter.DoubleToInt64Bits(y[i]));
        }
    }

    private static void AssertSameVectorOutputs(VectorKernel a, VectorKernel b, int count)
    {
        var x = new Vector256<double>[count];
        var y = new Vector256<double>[count];
        for (var start = 0; start + 4 <= Distances.Length; start += 4)
        {
            var r = Vector256.Create(Distances[start], Distances[start + 1], Distances[start + 2], Distances[start + 3]);
            a(r, x);
            b(r, y);
            Assert.Equal(x, y);
        }
    }

    [Fact]
    public void Generated_kernels_agree_bitwise_with_the_interpreter()
    {
        var source = PotentialSource.Resolve("NaCl");
        var set = PotentialLoader.BuildKernelSet(source);
        var kernels = Loader().Load("NaCl");
        var pairs = set.Pairs.ToArray();
        for (var k = 0; k < pairs.Length; k++)
        {
            var kernel = kernels.Pairs[k];
            var values = new double[kernel.OutputCount];
            foreach (var r in Distances)
            {
                kernel.Scalar(r, values);
                var expected = StraightLine.evaluateAt(pairs[k].Program, new Microsoft.FSharp.Collections.FSharpMap<string, double>([Tuple.Create("r", r)]));
                Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), values.Select(BitConverter.DoubleToInt64Bits));
            }
        }
    }

    [Fact]
    public void Vector_kernels_agree_with_scalar_ones_to_a_few_ulps()
    {
        var kernels = Loader().Load("NaCl");
        foreach (var pair in kernels.Pairs)
        {
            var vector = new Vector256<double>[pair.OutputCount];
            var scalar = new double[pair.OutputCount];
            var r = Vector256.Create(1.7, 2.36, 5.5, 11.0);
            pair.Vector(r, vector);
            for (var lane = 0; lane < 4; lane++)
            {
                pair.Scalar(r.GetElement(lane), scalar);
                for (var i = 0; i < pair.OutputCount; i++)
                {
                    var v = vector[i].GetElement(lane);
                    var s = scalar[i];
                    // Vector exp differs from Math.Exp by a few ulps; cancellation between terms can
                    // amplify that relative to a small result, so compare against the term's scale.
                    Assert.True(Math.Abs(v - s) <= 1e-13 * (1 + Math.Abs(s)), $"pair {pair.A}-{pair.B} output {i} lane {lane}: {v} vs {s}");
                }
            }
        }
    }

    [Fact]
    public void A_users_file_compiles_at_run_time_and_is_cached()
    {
        var dir = Path.Combine(cache.Directory, "files");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "Mine.toml");
        var shipped = PotentialSource.Resolve("NaCl").Text;
        Assert.Contains("A_NaCl = { value = 1345.3419062663322,", shipped);
        File.WriteAllText(path, shipped.Replace("name = \"NaCl\"", "name = \"Mine\"").Replace("A_NaCl = { value = 1345.3419062663322,", "A_NaCl = { value = 1200.0,"));

        var first = Loader().Load(path);
        Assert.Equal("Mine", first.Name);
        Assert.Single(cache.Files("*.lkernel"));
        var second = Loader().Load(path);
        Assert.Single(cache.Files("*.lkernel"));

        // The changed Born–Mayer prefactor shows: φ(r) = A exp(−r/ρ) with A = 1200 and the shipped (fitted) ρ.
        var pair = second.Pair(0, 1);
        var values = new double[pair.OutputCount];
        pair.Scalar(2.5, values);
        var phi = pair.Layout.PairPotential;
        Assert.Equal(1200.0 * Math.Exp(-2.5 / 0.3099584486262043), values[phi], 12);
    }

    [Fact]
    public void A_broken_file_fails_with_located_diagnostics()
    {
        var dir = Path.Combine(cache.Directory, "files");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "Broken.toml");
        File.WriteAllText(path, PotentialSource.Resolve("NaCl").Text.Replace("born_mayer(r, A_NaCl, rho)", "born_mayer(r, A_NaCl, rhoo)"));

        var e = Assert.Throws<PotentialLoadException>(() => Loader().Load(path));
        var d = Assert.Single(e.Diagnostics);
        Assert.Equal(path, d.File);
        Assert.Equal("LAT003", d.Code);
        Assert.Equal(92, d.Line);
        Assert.Equal(30, d.Column);
        Assert.Contains("'rhoo'", d.Message);
    }

    [Fact]
    public void An_unknown_name_says_what_is_shipped()
    {
        var e = Assert.Throws<PotentialLoadException>(() => Loader().Load("NoSuchPotential"));
        Assert.Contains("NaCl", e.Message);
        Assert.Empty(e.Diagnostics);
    }
}
