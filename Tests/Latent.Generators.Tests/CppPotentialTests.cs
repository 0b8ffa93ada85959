using System.Globalization;
using System.Text;
using Latent.Emit;
using Latent.Emit.Cpp;
using Latent.Emit.Tests;
using Latent.Emit.Tests.Cpp;
using Latent.Runtime.Kernels;
using Latent.Runtime.Potentials;
using Latent.Symbolic.Kernels;
using PairKernel = Latent.Runtime.Kernels.PairKernel;

namespace Latent.Generators.Tests;

/// <summary>
/// The C++ generated for every shipped potential, compiled by g++ (-O2 -ffp-contract=off, and again with
/// the flags under which GCC vectorises batch loops) with a harness
/// that reads everything through <c>latent::generated::Name()</c>, as the LAMMPS pair style does: the
/// description equals the runtime's, each layout index means what the F# layout says, and every pair
/// and embedding kernel equals the .NET engine's compiled kernel bitwise, its batch form equal to it.
/// </summary>
public sealed class CppPotentialTests
{
    private static readonly string[] Shipped = { "Cu", "LiF", "NaCl", "NaCl-QEq" };

    [Fact]
    public void Every_shipped_potential_is_tested_here()
    {
        Assert.Equal(Shipped, Latent.Potentials.ShippedPotentials.All.Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Generated_NaCl_matches_its_snapshots()
    {
        var source = PotentialSource.Resolve("NaCl");
        var files = CppPotentialEmitter.Emit(PotentialLoader.BuildKernelSet(source), source.Sha256);
        Assert.Equal(new[] { "latent_NaCl.h", "latent_NaCl.cpp" }, files.Select(f => f.HintName));
        // Under Snapshots/Cpp: the top folder holds exactly the C# generator's files (SnapshotTests).
        foreach (var file in files)
            Snapshot.Match(Path.Combine("Cpp", file.HintName), file.Text);
    }

    [Fact]
    public void The_contract_header_written_with_generated_code_is_the_pair_style_s()
    {
        string onDisk = File.ReadAllText(Path.Combine(Repo.Root, "LammpsPairStyle", "src", "latent_potential.h")).Replace("\r\n", "\n");
        Assert.Equal(onDisk, CppPotentialEmitter.ContractHeader.Text);
        Assert.Equal("latent_potential.h", CppPotentialEmitter.ContractHeader.HintName);
    }

    [Theory]
    [InlineData("Cu", false)]
    [InlineData("NaCl", false)]
    [InlineData("NaCl-QEq", false)]
    [InlineData("Cu", true)]
    [InlineData("NaCl", true)]
    [InlineData("NaCl-QEq", true)]
    public void Compiled_cpp_describes_the_potential_and_its_kernels_equal_the_dotnet_kernels_bitwise(string name, bool vectorising)
    {
        var source = PotentialSource.Resolve(name);
        var set = PotentialLoader.BuildKernelSet(source);
        var runtime = new PotentialLoader().Load(name);
        // Bitwise is the claim only where no erf is called (MathNet in C#, glibc in C++).
        Assert.All(set.Pairs.Select(p => p.Program).Concat(set.Embeddings.Select(e => e.Program)),
            p => Assert.True(CppProgramEmitter.BitwiseWithCSharp(new ProgramAnalysis(p))));

        var radii = Radii(set.Cutoff);
        var densities = Densities();
        var files = CppPotentialEmitter.Emit(set, source.Sha256).Select(f => (f.HintName, f.Text))
            .Append((CppPotentialEmitter.ContractHeader.HintName, CppPotentialEmitter.ContractHeader.Text))
            .Append(("harness.cpp", Harness(CppPotentialEmitter.HeaderName(name), CppPotentialEmitter.FunctionName(name), radii, densities)));
        var lines = Gpp.CompileAndRun(files, vectorising ? Gpp.VectorisingFlags : Array.Empty<string>()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')).ToList();
        string[] Line(string key) => Assert.Single(lines, l => l[0] == key);
        int Int(string word) => int.Parse(word, CultureInfo.InvariantCulture);
        double Bits(string word) => Gpp.ParseBits(word, 0)[0];

        Assert.Equal(new[] { "name", name }, Line("name"));
        Assert.Equal(new[] { "hash", source.Sha256 }, Line("hash"));
        Assert.Equal(new[] { "version", CppPotentialEmitter.Version }, Line("version"));
        var scalars = Line("scalars");
        Assert.Equal(runtime.Temperature, Bits(scalars[1]));
        Assert.Equal(runtime.Cutoff, Bits(scalars[2]));
        Assert.Equal(runtime.CutoffWidth, Bits(scalars[3]));
        Assert.Equal(new[] { runtime.HasContinuousCharges ? 1 : 0, runtime.Elements.Count, runtime.Pairs.Count, runtime.Embeddings.Count },
            scalars.Skip(4).Select(Int));

        var elements = lines.Where(l => l[0] == "element").ToList();
        Assert.Equal(runtime.Elements.Count, elements.Count);
        for (int e = 0; e < elements.Count; e++)
        {
            var expected = runtime.Elements[e];
            var line = elements[e];
            Assert.Equal(expected.Symbol, line[1]);
            Assert.Equal(expected.Mass, Bits(line[2]));
            Assert.Equal(expected.Valence, Bits(line[3]));
            Assert.Equal(expected.Charge?.Electronegativity ?? 0.0, Bits(line[4]));
            Assert.Equal(expected.Charge?.Hardness ?? 0.0, Bits(line[5]));
            Assert.Equal(new[] { expected.States.Count, expected.Charge is null ? 0 : 1 }, line.Skip(6).Select(Int));
            var states = lines.Where(l => l[0] == "state" && l[1] == e.ToString(CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(
                expected.States.Select(s => (s.Name, s.Charge, s.Degeneracy, s.Energy)),
                states.Select(s => (s[2], Int(s[3]), Int(s[4]), Bits(s[5]))));
        }

        var pairs = lines.Where(l => l[0] == "pair").ToList();
        Assert.Equal(runtime.Pairs.Count, pairs.Count);
        for (int p = 0; p < pairs.Count; p++)
            CheckLayout(runtime.Pairs[p], pairs[p]);
        Assert.Equal(runtime.Embeddings.Select(e => e.Element), lines.Where(l => l[0] == "embedding").Select(l => Int(l[1])));
        Assert.Equal(
            new[] { EmbeddingLayout.Value, EmbeddingLayout.Slope, EmbeddingLayout.Curvature, EmbeddingLayout.OutputCount },
            Line("embedding_layout").Skip(1).Select(Int));

        int compared = 0;
        for (int p = 0; p < runtime.Pairs.Count; p++)
            compared += CompareKernel($"pair {p}", runtime.Pairs[p].Scalar, runtime.Pairs[p].OutputCount, radii, lines, "pair", p);
        for (int e = 0; e < runtime.Embeddings.Count; e++)
            compared += CompareKernel($"embedding {e}", runtime.Embeddings[e].Scalar, EmbeddingLayout.OutputCount, densities, lines, "embedding", e);
        Assert.True(compared > 1000, $"only {compared} values compared");
    }

    /// <summary>
    /// The C++ layout of one pair against the runtime's <see cref="PairLayout"/>: counts equal, and each
    /// printed index names the term it should (checked through <see cref="PairLayout.Term"/>, not by
    /// recomputing the index the way the emitter does).
    /// </summary>
    private static void CheckLayout(PairKernel pair, string[] line)
    {
        var layout = pair.Layout;
        // pair a b continuous nA nB terms outputs coupling phi | electrostatics | density_at_a | density_at_b | derivative
        var head = line.Skip(1).Take(9).Select(w => int.Parse(w, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(new[] { pair.A, pair.B, layout.HasContinuousCharges ? 1 : 0, layout.StateCountA, layout.StateCountB, layout.TermCount, layout.OutputCount }, head.Take(7));
        var groups = string.Join(" ", line.Skip(11)).Split('|').Select(g => g.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => int.Parse(w, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        Assert.Equal(4, groups.Length);
        Assert.Equal(PairTerm.PairPotential, layout.Term(head[8]));
        if (layout.HasContinuousCharges)
        {
            Assert.Equal(PairTerm.ChargeCoupling, layout.Term(head[7]));
            Assert.Empty(groups[0]);
            Assert.Equal(new[] { PairTerm.NewDensityAtA(0) }, groups[1].Select(layout.Term));
            Assert.Equal(new[] { PairTerm.NewDensityAtB(0) }, groups[2].Select(layout.Term));
        }
        else
        {
            Assert.Equal(-1, head[7]);
            Assert.Equal(
                Enumerable.Range(0, layout.StateCountA).SelectMany(a => Enumerable.Range(0, layout.StateCountB).Select(b => PairTerm.NewElectrostatics(a, b))),
                groups[0].Select(layout.Term));
            Assert.Equal(Enumerable.Range(0, layout.StateCountB).Select(PairTerm.NewDensityAtA), groups[1].Select(layout.Term));
            Assert.Equal(Enumerable.Range(0, layout.StateCountA).Select(PairTerm.NewDensityAtB), groups[2].Select(layout.Term));
        }
        Assert.Equal(Enumerable.Range(0, layout.TermCount).Select(k => "d/dr " + layout.TermName(k)), groups[3].Select(layout.OutputName));
    }

    /// <summary>Scalar C++ against the .NET kernel bitwise at every point, and batch C++ against scalar C++.</summary>
    private static int CompareKernel(string what, ScalarKernel dotnet, int outputs, double[] points, List<string[]> lines, string kind, int index)
    {
        string id = index.ToString(CultureInfo.InvariantCulture);
        var scalar = lines.Where(l => l[0] == "S" && l[1] == kind && l[2] == id).ToList();
        var batch = lines.Where(l => l[0] == "B" && l[1] == kind && l[2] == id).ToList();
        Assert.Equal(points.Length, scalar.Count);
        Assert.Equal(points.Length, batch.Count);
        var expected = new double[outputs];
        int compared = 0;
        for (int i = 0; i < points.Length; i++)
        {
            dotnet(points[i], expected);
            var cpp = Gpp.ParseBits(string.Join(' ', scalar[i]), 4);
            var cppBatch = Gpp.ParseBits(string.Join(' ', batch[i]), 4);
            Assert.Equal(outputs, cpp.Length);
            for (int k = 0; k < outputs; k++)
            {
                Assert.True(Ulps.Same(expected[k], cpp[k]), $"{what}, output {k} at x = {points[i]:R}: .NET {expected[k]:R}, C++ {cpp[k]:R}");
                Assert.True(Ulps.Same(cpp[k], cppBatch[k]), $"{what}, output {k} at x = {points[i]:R}: scalar {cpp[k]:R}, batch {cppBatch[k]:R}");
                compared++;
            }
        }
        return compared;
    }

    /// <summary>Distances from deep overlap through the switch to past the cutoff, its ends, and random ones (fixed seed).</summary>
    private static double[] Radii(double cutoff)
    {
        var random = new Random(41);
        return Enumerable.Range(0, 300).Select(i => 0.3 + i * (cutoff + 0.7) / 300)
            .Concat(new[] { cutoff, cutoff - 1e-12, cutoff + 1e-12, 2.3609 })
            .Concat(Enumerable.Range(0, 100).Select(_ => 0.5 + random.NextDouble() * cutoff))
            .ToArray();
    }

    /// <summary>Host densities from zero over many decades, with random ones (fixed seed).</summary>
    private static double[] Densities()
    {
        var random = new Random(43);
        return new[] { 0.0, 1e-12 }
            .Concat(Enumerable.Range(-8, 13).Select(e => Math.Pow(10, e)))
            .Concat(Enumerable.Range(0, 100).Select(i => i * 0.05))
            .Concat(Enumerable.Range(0, 100).Select(_ => random.NextDouble() * 50))
            .ToArray();
    }

    /// <summary>A main that prints the description and every kernel's outputs through the description, as the pair style reads them.</summary>
    private static string Harness(string header, string function, double[] radii, double[] densities)
    {
        var s = new StringBuilder();
        s.Append($"#include \"{header}\"\n");
        s.Append(Gpp.BitsPrelude);
        s.Append($$"""
            static void run(const char* kind, int index, latent::ScalarKernel scalar, latent::BatchKernel batch, int outputs, const double* x, int n)
            {
              double* out = new double[static_cast<unsigned>(outputs)];
              double* all = new double[static_cast<unsigned>(outputs * n)];
              batch(x, n, all);
              for (int i = 0; i < n; ++i)
              {
                scalar(x[i], out);
                std::printf("S %s %d %d", kind, index, i);
                for (int k = 0; k < outputs; ++k) print_bits(out[k]);
                std::printf("\nB %s %d %d", kind, index, i);
                for (int k = 0; k < outputs; ++k) print_bits(all[k * n + i]);
                std::printf("\n");
              }
              delete[] all;
              delete[] out;
            }

            int main()
            {
              const latent::PotentialDescription& d = latent::generated::{{function}}();
            {{Gpp.RuntimeArray("radii", radii)}}{{Gpp.RuntimeArray("densities", densities)}}              std::printf("name %s\nhash %s\nversion %s\nscalars", d.name, d.source_hash, d.emitter_version);
              print_bits(d.temperature); print_bits(d.cutoff); print_bits(d.cutoff_width);
              std::printf(" %d %d %d %d\n", d.continuous_charges ? 1 : 0, d.element_count, d.pair_count, d.embedding_count);
              for (int e = 0; e < d.element_count; ++e)
              {
                const latent::ElementDescription& el = d.elements[e];
                std::printf("element %s", el.symbol);
                print_bits(el.mass); print_bits(el.valence); print_bits(el.electronegativity); print_bits(el.hardness);
                std::printf(" %d %d\n", el.state_count, el.continuous_charge ? 1 : 0);
                for (int s = 0; s < el.state_count; ++s)
                {
                  std::printf("state %d %s %d %d", e, el.states[s].name, el.states[s].charge, el.states[s].degeneracy);
                  print_bits(el.states[s].energy);
                  std::printf("\n");
                }
              }
              for (int p = 0; p < d.pair_count; ++p)
              {
                const latent::PairLayout& l = d.pairs[p].layout;
                std::printf("pair %d %d %d %d %d %d %d %d %d |", d.pairs[p].a, d.pairs[p].b, l.continuous_charges ? 1 : 0,
                            l.state_count_a, l.state_count_b, l.term_count, l.output_count, l.charge_coupling, l.pair_potential);
                if (l.electrostatics)
                  for (int k = 0; k < l.state_count_a * l.state_count_b; ++k) std::printf(" %d", l.electrostatics[k]);
                std::printf(" |");
                for (int k = 0; k < (l.state_count_b > 1 ? l.state_count_b : 1); ++k) std::printf(" %d", l.density_at_a[k]);
                std::printf(" |");
                for (int k = 0; k < (l.state_count_a > 1 ? l.state_count_a : 1); ++k) std::printf(" %d", l.density_at_b[k]);
                std::printf(" |");
                for (int k = 0; k < l.term_count; ++k) std::printf(" %d", l.derivative[k]);
                std::printf("\n");
              }
              for (int e = 0; e < d.embedding_count; ++e) std::printf("embedding %d\n", d.embeddings[e].element);
              std::printf("embedding_layout %d %d %d %d\n", d.embedding_layout.value, d.embedding_layout.slope,
                          d.embedding_layout.curvature, d.embedding_layout.output_count);
              const int nr = static_cast<int>(sizeof radii / sizeof radii[0]);
              const int nd = static_cast<int>(sizeof densities / sizeof densities[0]);
              for (int p = 0; p < d.pair_count; ++p)
                run("pair", p, d.pairs[p].scalar, d.pairs[p].batch, d.pairs[p].layout.output_count, radii, nr);
              for (int e = 0; e < d.embedding_count; ++e)
                run("embedding", e, d.embeddings[e].scalar, d.embeddings[e].batch, d.embedding_layout.output_count, densities, nd);
              return 0;
            }

            """);
        return s.ToString();
    }
}
