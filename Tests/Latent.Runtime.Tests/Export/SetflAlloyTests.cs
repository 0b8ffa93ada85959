using Latent.Runtime.Export;
using Latent.Runtime.Kernels;
using Latent.Runtime.Potentials;
using Latent.Runtime.Tests.Compilation;
using Xunit;

namespace Latent.Runtime.Tests.Export;

/// <summary>
/// A two-element one-state potential: each element's density function is what it adds at a host of
/// either element (the kernel of (A, B) holds B's at A and A's at B), and the pair functions come in
/// setfl's order (0,0), (1,0), (1,1), from the kernel of the pair in either orientation.
/// </summary>
public sealed class SetflAlloyTests : IDisposable
{
    /// <summary>A made-up Cu–Ni EAM with distinct functions everywhere; it declares no crystal.</summary>
    public const string Alloy = """
        format = 1
        name = "CuNiTest"
        description = "Two one-state elements with distinct densities, pair terms and embeddings: a setfl test fixture."

        [model]
        temperature = 0.025
        cutoff = 4.5
        cutoff_width = 1.0
        electrostatics = "point"

        [elements.Cu]
        valence = 1
        embedding = "-2*rho + 0.1*rho^2"

        [[elements.Cu.states]]
        name = "neutral"
        charge = 0
        degeneracy = 2
        energy = "0"
        shells = [{ electrons = 1, exponent = "slater_exponent(ip1_Cu)" }]
        host_density = "exp(-3*(r - 2.5))"

        [elements.Ni]
        valence = 1
        embedding = "-1.5*rho + 0.05*rho^2"

        [[elements.Ni.states]]
        name = "neutral"
        charge = 0
        degeneracy = 1
        energy = "0"
        shells = [{ electrons = 1, exponent = "slater_exponent(ip1_Ni)" }]
        host_density = "0.7*exp(-2.5*(r - 2.5))"

        [pairs.Cu-Cu]
        phi = "0.1*exp(-6*(r - 2.5))"

        [pairs.Cu-Ni]
        phi = "0.2*exp(-5*(r - 2.5))"

        [pairs.Ni-Ni]
        phi = "0.3*exp(-4*(r - 2.5))"
        """;

    private readonly TempCache cache = new();
    private readonly string file = Path.Combine(Path.GetTempPath(), "latent-setfl-tests", Guid.NewGuid().ToString("N"), "CuNiTest.toml");

    public SetflAlloyTests()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, Alloy);
    }

    public void Dispose()
    {
        cache.Dispose();
        Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
    }

    [Fact]
    public void Densities_and_pairs_are_read_from_either_orientation_of_the_kernel()
    {
        var kernels = new PotentialLoader(cache.Loader()).Load(file);
        var elements = SetflElement.Describe(kernels, PotentialLoader.Read(PotentialSource.Resolve(file)));
        Assert.Equal(["Cu", "Ni"], elements.Select(e => e.Symbol));
        Assert.Equal([29, 28], elements.Select(e => e.AtomicNumber));
        Assert.All(elements, e => Assert.Equal("none", e.Structure));
        // No crystal declared: the density range has no default.
        Assert.Null(SetflGrid.Default(kernels, elements));

        var table = SetflTable.Build(kernels, elements, new SetflGrid(91, 51, 30));
        var cuNi = kernels.Pair(0, 1);
        Assert.Equal((0, 1), (cuNi.A, cuNi.B));
        var mixed = new double[cuNi.OutputCount];
        var cuCu = new double[kernels.Pair(0, 0).OutputCount];
        for (var k = 1; k < table.Grid.RadialPoints; k++)
        {
            var r = k * table.RadialStep;
            cuNi.Scalar(r, mixed);
            kernels.Pair(0, 0).Scalar(r, cuCu);
            // Cu (the kernel's A) at a Ni host, and at a Cu host: the same function.
            Assert.Equal(mixed[cuNi.Layout.DensityAtB(0)], table.Density(0)[k]);
            Assert.Equal(cuCu[kernels.Pair(0, 0).Layout.DensityAtA(0)], table.Density(0)[k], 15);
            Assert.Equal(mixed[cuNi.Layout.DensityAtA(0)], table.Density(1)[k]);
            Assert.Equal(r * mixed[cuNi.Layout.PairPotential], table.PairTimesR(1, 0)[k]);
            Assert.Equal(table.PairTimesR(1, 0)[k], table.PairTimesR(0, 1)[k]);
        }

        Assert.NotEqual(table.Density(0)[10], table.Density(1)[10]);
        Assert.NotEqual(table.PairTimesR(0, 0)[10], table.PairTimesR(1, 1)[10]);

        // The file lists Cu's F and density, Ni's, then r·φ of (0,0), (1,0), (1,1).
        var numbers = SetflWriter.ToText(table, "alloy").Split('\n').Skip(5)
            .Where(l => !l.Contains("none", StringComparison.Ordinal))
            .SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(s => double.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        double[] expected = [
            .. table.Embedding(0), .. table.Density(0), .. table.Embedding(1), .. table.Density(1),
            .. table.PairTimesR(0, 0), .. table.PairTimesR(1, 0), .. table.PairTimesR(1, 1)];
        Assert.Equal(expected, numbers);
    }
}
