using Latent.Runtime.Structures;
using Latent.Runtime.Structures.Vasp;
using Xunit;

namespace Latent.Runtime.Tests.Structures;

/// <summary>
/// VASP POSCAR/CONTCAR: what Latent writes reads back bit for bit, every variant of the header VASP takes is read
/// (Direct and Cartesian, scale factor, negative scale as volume, three scale factors, POTCAR suffixes, selective
/// dynamics), and malformed files are refused at their line. (Files ASE writes: Latent.Cli.Tests' PoscarFileTests.)
/// </summary>
public sealed class PoscarTests
{
    [Fact]
    public void Written_with_selective_dynamics_it_reads_back_bit_for_bit()
    {
        var cell = new Cell(new Vec3(5.1, 0.2, -0.3), new Vec3(0.7, 4.9, 0.1), new Vec3(-0.4, 0.6, 6.2), true, true, true);
        var rng = new Random(3);
        var symbols = new[] { "Na", "Na", "Cl", "Na", "Cl" };
        var positions = symbols.Select(_ => cell.ToCartesian(new Vec3(rng.NextDouble(), rng.NextDouble(), rng.NextDouble()))).ToArray();
        var s = new Structure(symbols, positions, [22.98977, 22.98977, 35.453, 22.98977, 35.453], cell);
        bool[] movable = [true, true, true, false, false, false, true, false, true, true, true, true, false, false, false];

        var text = PoscarWriter.Format(new PoscarFile(s, "five atoms", movable));
        var read = PoscarReader.Parse(text);

        Assert.Contains("  Na Cl Na Cl\n  2 1 1 1\nSelective dynamics\nCartesian\n", text);
        Assert.Equal("five atoms", read.Comment);
        Assert.Equal(symbols, read.Structure.Symbols);
        Assert.Equal(s.X, read.Structure.X);
        Assert.Equal(s.Y, read.Structure.Y);
        Assert.Equal(s.Z, read.Structure.Z);
        Assert.Equal([cell.A, cell.B, cell.C], [read.Structure.Cell.A, read.Structure.Cell.B, read.Structure.Cell.C]);
        Assert.All(read.Structure.Cell.Periodic, Assert.True);
        Assert.Equal(movable, read.Movable);
        Assert.Equal(text, PoscarWriter.Format(read));
    }

    [Fact]
    public void Direct_coordinates_are_fractions_of_the_scaled_cell()
    {
        const string text = "NaCl\n2.0\n1 0 0\n0 1.5 0\n0 0 2\nNa_pv Cl/a1b2c3\n1 1\nDirect\n0 0 0\n0.5 0.25 0.5 Cl\n";
        var read = PoscarReader.Parse(text).Structure;
        Assert.Equal(["Na", "Cl"], read.Symbols);
        Assert.Equal(new Vec3(2, 0, 0), read.Cell.A);
        Assert.Equal(new Vec3(1, 0.75, 2), read.Position(1));
        Assert.Null(PoscarReader.Parse(text).Movable);
    }

    [Fact]
    public void A_negative_scale_factor_is_the_volume_and_cartesian_positions_are_scaled_too()
    {
        const string text = "cube\n-125\n1 0 0\n0 1 0\n0 0 1\nCu\n1\ncartesian\n0.2 0.4 0.6\n";
        var read = PoscarReader.Parse(text).Structure;
        Assert.Equal(125, read.Cell.Volume, 1e-10);
        Assert.Equal(5, read.Cell.A.X, 1e-12);
        Assert.Equal(1, read.X[0], 1e-12);
        Assert.Equal(3, read.Z[0], 1e-12);
    }

    [Fact]
    public void Three_scale_factors_scale_each_axis()
    {
        const string text = "box\n2 3 4\n1 0 0\n0 1 0\n0 0 1\nCu\n1\nKartesian\n1 1 1\n";
        var read = PoscarReader.Parse(text).Structure;
        Assert.Equal(new Vec3(0, 3, 0), read.Cell.B);
        Assert.Equal(new Vec3(2, 3, 4), read.Position(0));
    }

    [Fact]
    public void A_cluster_is_not_written_as_a_poscar()
    {
        var cluster = new Structure(["Na", "Cl"], [Vec3.Zero, new Vec3(2.4, 0, 0)], [22.99, 35.45], Cell.None);
        Assert.Contains("a cluster", PoscarWriter.CannotWrite(cluster));
        Assert.Throws<ArgumentException>(() => PoscarWriter.Format(new PoscarFile(cluster, "", null)));
    }

    [Theory]
    [InlineData("", 1, 1, "the file ends where the comment line should be")]
    [InlineData("c\n0\n", 2, 1, "the scale factor must not be 0")]
    [InlineData("c\n1\n1 0 0\n0 1\n", 4, 4, "lattice vector b needs three numbers, found 2")]
    [InlineData("c\n1\n1 0 0\n0 1 0\n0 0 -1\nCu\n1\nDirect\n0 0 0\n", 3, 1, "left-handed")]
    [InlineData("c\n1\n1 0 0\n0 1 0\n0 0 1\n1\nDirect\n0 0 0\n", 6, 1, "a VASP 4 file does not name its elements")]
    [InlineData("c\n1\n1 0 0\n0 1 0\n0 0 1\nXx\n1\nDirect\n0 0 0\n", 6, 1, "unknown element symbol 'Xx'")]
    [InlineData("c\n1\n1 0 0\n0 1 0\n0 0 1\nNa Cl\n1\nDirect\n0 0 0\n", 7, 2, "expected 2 atom counts")]
    [InlineData("c\n1\n1 0 0\n0 1 0\n0 0 1\nCu\n1\nFractional\n0 0 0\n", 8, 1, "expected 'Direct' or 'Cartesian'")]
    [InlineData("c\n1\n1 0 0\n0 1 0\n0 0 1\nCu\n2\nDirect\n0 0 0\n", 10, 1, "the file ends where the position of atom 2 of 2 should be")]
    [InlineData("c\n1\n1 0 0\n0 1 0\n0 0 1\nCu\n1\nSelective dynamics\nDirect\n0 0 0 T F X\n", 10, 11, "selective dynamics flag z of atom 1 must be T or F, found 'X'")]
    [InlineData("c\n1\n1 0 0\n0 1 0\n0 0 1\nCu\n1\nDirect\n0 0.5\n", 9, 6, "atom 1 (Cu) needs three coordinates, found 2 fields")]
    public void Malformed_files_are_refused_where_they_are_wrong(string text, int line, int column, string reason)
    {
        var error = Assert.Throws<StructureFileException>(() => PoscarReader.Parse(text, "POSCAR"));
        Assert.Equal("POSCAR", error.FileName);
        Assert.Contains(reason, error.Reason);
        Assert.Equal((line, column), (error.Line, error.Column));
    }
}
