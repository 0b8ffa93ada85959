using System.Globalization;
using Latent.Runtime.Export;
using Latent.Runtime.Kernels;
using Latent.Runtime.Potentials;
using Latent.Symbolic.Kernels;
using Xunit;

namespace Latent.Runtime.Tests.Export;

/// <summary>
/// The eam/alloy table of a one-state potential holds exactly the kernels' values at its grid points,
/// read through the layouts, and prints them so that they read back unchanged. (That LAMMPS then gives
/// Latent's energies and forces is Latent.Cli.Tests' SetflLammpsTests, which needs lmp.)
/// </summary>
public sealed class SetflTableTests
{
    private static readonly Lazy<PotentialKernels> Cu = new(() => new PotentialLoader().Load("Cu"));

    private static IReadOnlyList<SetflElement> Elements(string name) =>
        SetflElement.Describe(new PotentialLoader().Load(name), PotentialLoader.Read(PotentialSource.Resolve(name)));

    private static SetflTable Table(int nr = 301, int nrho = 201) =>
        SetflTable.Build(Cu.Value, Elements("Cu"), SetflGrid.Default(Cu.Value, Elements("Cu"), nr, nrho)!);

    [Fact]
    public void The_header_is_the_element_and_its_declared_crystal()
    {
        var cu = Assert.Single(Elements("Cu"));
        Assert.Equal(new SetflElement("Cu", 29, Cu.Value.Elements[0].Mass, 3.615, "fcc"), cu);
    }

    [Fact]
    public void The_density_range_is_three_times_the_crystal_s()
    {
        // The file's rho_e: 12, 6, 24 and 12 neighbours at sqrt(k)·r_e with f = zjw_density (f = 1 at r_e), the
        // fifth shell beyond the cutoff.
        Assert.Equal(12.68783947484, SetflGrid.CrystalHostDensity(Cu.Value, 0, "fcc", 3.615), 10);
        Assert.Equal(3 * 12.68783947484, SetflGrid.Default(Cu.Value, Elements("Cu"))!.MaxDensity, 10);
    }

    [Fact]
    public void Every_value_is_the_kernel_at_its_grid_point()
    {
        var table = Table();
        var pair = Cu.Value.Pair(0, 0);
        var outputs = new double[pair.OutputCount];
        Assert.Equal(Cu.Value.Cutoff, (table.Grid.RadialPoints - 1) * table.RadialStep, 12);
        for (var k = 1; k < table.Grid.RadialPoints; k++)
        {
            var r = k * table.RadialStep;
            pair.Scalar(r, outputs);
            Assert.Equal(outputs[pair.Layout.DensityAtA(0)], table.Density(0)[k]);
            Assert.Equal(r * (outputs[pair.Layout.Electrostatics(0, 0)] + outputs[pair.Layout.PairPotential]), table.PairTimesR(0, 0)[k]);
        }

        // Past the switch every function is zero, so the table ends on zeros as the kernels do.
        Assert.Equal(0.0, table.Density(0)[^1]);
        Assert.Equal(0.0, table.PairTimesR(0, 0)[^1]);

        var embedding = new double[EmbeddingLayout.OutputCount];
        for (var k = 0; k < table.Grid.DensityPoints; k++)
        {
            Cu.Value.Embeddings[0].Scalar(k * table.DensityStep, embedding);
            Assert.Equal(embedding[EmbeddingLayout.Value], table.Embedding(0)[k]);
        }
    }

    [Fact]
    public void The_file_reads_back_to_the_same_numbers()
    {
        var table = Table();
        var tokens = SetflWriter.ToText(table, "test").Split('\n').Skip(3)
            .SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray();
        Assert.Equal(["1", "Cu", "201"], tokens[..3]);
        Assert.Equal(table.DensityStep, Parse(tokens[3]));
        Assert.Equal(["301"], tokens[4..5]);
        Assert.Equal(table.RadialStep, Parse(tokens[5]));
        Assert.Equal(table.Cutoff, Parse(tokens[6]));
        Assert.Equal(["29", "63.546", "3.615", "fcc"], tokens[7..11]);
        var numbers = tokens[11..].Select(Parse).ToArray();
        var expected = table.Embedding(0).ToArray().Concat(table.Density(0).ToArray()).Concat(table.PairTimesR(0, 0).ToArray()).ToArray();
        Assert.Equal(expected, numbers);
    }

    [Fact]
    public void A_potential_with_charged_states_is_refused_with_the_reason()
    {
        var nacl = new PotentialLoader().Load("NaCl");
        var reason = SetflTable.Unrepresentable(nacl);
        Assert.NotNull(reason);
        Assert.Contains("element Na has 3 states", reason);
        var error = Assert.Throws<ArgumentException>(() => SetflTable.Build(nacl, Elements("NaCl"), new SetflGrid(100, 100, 10)));
        Assert.StartsWith(reason, error.Message);
    }

    private static double Parse(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
}
