using Latent.Runtime.Constraints;
using Latent.Runtime.Engine.Solver;
using Latent.Runtime.Potentials;
using Latent.Runtime.Tests.Compilation;
using Latent.Runtime.Tests.Engine;
using Xunit;
using Xunit.Abstractions;

namespace Latent.Runtime.Tests.Constraints;

/// <summary>
/// The dimer_continuity check (<see cref="DimerCurveCheck"/>): every element pair of every shipped
/// potential passes it, and so do the compressed alkali-halide dimers that once jumped in two test potentials
/// written in NaCl's pattern (Engine/Data/Fluorides.toml, NaBr.toml); the solver without its pattern
/// starts fails it on each of those, with a message naming the pair, the distance and the two values.
/// </summary>
public sealed class DimerCurveCheckTests(SpecialisedStepTests.Potentials potentials, ITestOutputHelper output) : IClassFixture<SpecialisedStepTests.Potentials>, IDisposable
{
    private const double Tolerance = 1e-3;

    private readonly TempCache cache = new();

    public void Dispose() => cache.Dispose();

    public static TheoryData<string> ShippedPairs()
    {
        var data = new TheoryData<string>();
        foreach (var name in PotentialSource.ShippedNames)
        {
            var elements = PotentialLoader.BuildKernelSet(PotentialSource.Resolve(name)).Pairs.Select(p => $"{name} {p.A} {p.B}");
            foreach (var pair in elements)
                data.Add(pair);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ShippedPairs))]
    public void Every_pair_of_every_shipped_potential_passes(string pair)
    {
        var (name, a, b) = (pair.Split(' ')[0], pair.Split(' ')[1], pair.Split(' ')[2]);
        var kernels = new PotentialLoader(cache.Loader()).Load(name);
        var finding = new DimerCurveCheck(kernels, new SolverOptions()).Run(a, b, Tolerance);
        Assert.True(finding.Residual <= Tolerance, finding.Message);
        Assert.Contains("no jump", finding.Message);
    }

    /// <summary>The issue's cases: Li–F near 1.08 Å, Na–F below 1 Å, Na–Br near 1.35–1.40 Å, and the shipped Na–Cl up to 1.2 Å.</summary>
    public static TheoryData<string, string, string> HalidePairs => new()
    {
        { "Fluorides", "Li", "F" },
        { "Fluorides", "Na", "F" },
        { "NaBr", "Na", "Br" },
        { "NaCl", "Na", "Cl" },
    };

    [Theory]
    [MemberData(nameof(HalidePairs))]
    public void Compressed_halide_dimers_pass_and_the_old_solver_fails_them(string potential, string a, string b)
    {
        var kernels = potential == "NaCl" ? NaClStructures.Potential : potentials[potential];
        var finding = new DimerCurveCheck(kernels, new SolverOptions()).Run(a, b, Tolerance);
        Assert.True(finding.Residual <= Tolerance, finding.Message);

        var weak = new DimerCurveCheck(kernels, new SolverOptions { PatternStarts = false }).Run(a, b, Tolerance);
        Assert.True(weak.Residual > 1, weak.Message);
        output.WriteLine(weak.Message);
        Assert.Matches(@"^(at r = [0-9.]+ Å the solver's A = [-0-9.E]+ eV \(.+\) lies [0-9.E]+ eV above the integer charge pattern .+ \([-0-9.E]+ eV\)"
            + @"|A\(r\) jumps between r = [0-9.]+ and [0-9.]+ Å: A = [-0-9.E]+ → [-0-9.E]+ eV"
            + @"|at r = [0-9.]+ Å the warm-started solve \(walking outward, as relaxation and dynamics do\) gives A = [-0-9.E]+ eV \(.+\), the cold full search A = [-0-9.E]+ eV)", weak.Message);
    }
}
