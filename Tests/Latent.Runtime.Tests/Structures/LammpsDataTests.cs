using Latent.Runtime.Structures;
using Latent.Runtime.Structures.LammpsData;
using Xunit;

namespace Latent.Runtime.Tests.Structures;

/// <summary>
/// LAMMPS data files: what Latent writes reads back (bit for bit where no rotation is involved; the same crystal,
/// turned, where one is), files in the forms LAMMPS and other tools write are read as LAMMPS reads them, and
/// malformed files are refused at their line and column. (Files LAMMPS itself writes: Latent.Cli.Tests' LammpsDataFileTests.)
/// </summary>
public sealed class LammpsDataTests
{
    private static readonly string[] NaCl = ["Na", "Cl"];

    private static Structure Crystal(Cell cell, int seed)
    {
        var rng = new Random(seed);
        var symbols = new List<string>();
        var positions = new List<Vec3>();
        var masses = new List<double>();
        for (var i = 0; i < 12; i++)
        {
            var f = new Vec3(rng.NextDouble(), rng.NextDouble(), rng.NextDouble());
            symbols.Add(i % 3 == 0 ? "Cl" : "Na");
            positions.Add(cell.ToCartesian(f));
            masses.Add(i % 3 == 0 ? 35.453 : 22.98977);
        }

        return new Structure(symbols, positions, masses, cell);
    }

    private static double[] Charges(int n, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
    }

    private static Vec3[] Velocities(int n, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => new Vec3(rng.NextDouble() - 0.5, rng.NextDouble() - 0.5, rng.NextDouble() - 0.5) * 0.02).ToArray();
    }

    [Fact]
    public void A_restricted_triclinic_cell_with_charges_and_velocities_reads_back_bit_for_bit()
    {
        var cell = new Cell(new Vec3(7.1, 0, 0), new Vec3(1.3, 6.4, 0), new Vec3(-0.9, 2.2, 8.05), true, true, true);
        var s = Crystal(cell, 1);
        var q = Charges(s.Count, 2);
        var v = Velocities(s.Count, 3);
        var text = LammpsDataWriter.Format(new LammpsDataFile(s, LammpsAtomStyle.Charge, q, v, "test crystal"), NaCl);

        var read = LammpsDataReader.Parse(text, NaCl);

        Assert.Equal(LammpsAtomStyle.Charge, read.Style);
        Assert.Equal("test crystal", read.Title);
        Assert.Equal(s.Symbols, read.Structure.Symbols);
        Assert.Equal(s.Masses, read.Structure.Masses);
        Assert.Equal(s.X, read.Structure.X);
        Assert.Equal(s.Y, read.Structure.Y);
        Assert.Equal(s.Z, read.Structure.Z);
        Assert.Equal([cell.A, cell.B, cell.C], [read.Structure.Cell.A, read.Structure.Cell.B, read.Structure.Cell.C]);
        Assert.All(read.Structure.Cell.Periodic, Assert.True);
        Assert.Equal(q, read.Charges!);
        // Written in Å/ps and read back in Å/fs: a factor 1000 each way, exact to round-off.
        for (var i = 0; i < s.Count; i++)
        {
            Assert.Equal(v[i].X, read.Velocities![i].X, 1e-16);
            Assert.Equal(v[i].Z, read.Velocities![i].Z, 1e-16);
        }

        Assert.Contains("xy xz yz", text);
        Assert.Contains("1 22.98977 # Na\n2 35.453 # Cl\n", text);
        Assert.Contains("Atoms # charge", text);
    }

    [Fact]
    public void An_orthorhombic_atomic_file_has_no_tilt_line_and_no_charges()
    {
        var s = Crystal(Cell.Orthorhombic(5, 6, 7), 4);
        var text = LammpsDataWriter.Format(new LammpsDataFile(s, LammpsAtomStyle.Atomic, null, null, ""), NaCl);
        var read = LammpsDataReader.Parse(text, NaCl);

        Assert.DoesNotContain("xy xz yz", text);
        Assert.Contains("Atoms # atomic", text);
        Assert.Equal(LammpsAtomStyle.Atomic, read.Style);
        Assert.Null(read.Charges);
        Assert.Null(read.Velocities);
        Assert.Equal(s.X, read.Structure.X);
    }

    [Fact]
    public void A_general_cell_is_rotated_into_the_restricted_form_and_keeps_its_crystal()
    {
        // Lattice vectors in no special orientation (a rotated, sheared cell).
        var cell = new Cell(new Vec3(4.0, 1.5, -0.7), new Vec3(-1.2, 5.1, 0.9), new Vec3(0.6, -0.4, 6.3), true, true, true);
        var s = Crystal(cell, 5);
        var v = Velocities(s.Count, 6);
        var text = LammpsDataWriter.Format(new LammpsDataFile(s, LammpsAtomStyle.Charge, Charges(s.Count, 7), v, "general"), NaCl);

        var read = LammpsDataReader.Parse(text, NaCl);
        var c = read.Structure.Cell;

        Assert.Contains("rotated into LAMMPS's restricted triclinic form", text.Split('\n')[0]);
        Assert.Equal(0, c.A.Y);
        Assert.Equal(0, c.A.Z);
        Assert.Equal(0, c.B.Z);
        Assert.Equal(cell.Volume, c.Volume, 1e-10);
        for (var k = 0; k < 3; k++)
        {
            Assert.Equal(cell[k].Length, c[k].Length, 1e-12);
            Assert.Equal(Vec3.Dot(cell[k], cell[(k + 1) % 3]), Vec3.Dot(c[k], c[(k + 1) % 3]), 1e-11);
        }

        for (var i = 0; i < s.Count; i++)
        {
            // Fractional coordinates and every distance are those of the crystal written.
            var before = cell.ToFractional(s.Position(i));
            var after = c.ToFractional(read.Structure.Position(i));
            Assert.Equal(before.X, after.X, 1e-12);
            Assert.Equal(before.Y, after.Y, 1e-12);
            Assert.Equal(before.Z, after.Z, 1e-12);
            Assert.Equal((s.Position(i) - s.Position(0)).Length, (read.Structure.Position(i) - read.Structure.Position(0)).Length, 1e-11);
            Assert.Equal(v[i].Length, read.Velocities![i].Length, 1e-15);
            // Velocities turn with the cell: their components along the lattice vectors are kept.
            Assert.Equal(Vec3.Dot(v[i], cell.A), Vec3.Dot(read.Velocities[i], c.A), 1e-13);
        }
    }

    [Fact]
    public void Tilts_beyond_half_a_box_length_are_taken_back_by_lattice_vectors()
    {
        // xy = 0.8 lx, xz = -1.3 lx, yz = 0.7 ly: LAMMPS refuses such a box ("Triclinic box skew is too large").
        var cell = new Cell(new Vec3(5, 0, 0), new Vec3(4, 6, 0), new Vec3(-6.5, 4.2, 7), true, true, true);
        var s = Crystal(cell, 8);
        var text = LammpsDataWriter.Format(new LammpsDataFile(s, LammpsAtomStyle.Atomic, null, null, "skewed"), NaCl);
        var read = LammpsDataReader.Parse(text, NaCl).Structure;
        var c = read.Cell;

        Assert.Contains("tilts reduced by lattice vectors", text.Split('\n')[0]);
        Assert.True(Math.Abs(c.B.X) <= c.A.X / 2 && Math.Abs(c.C.X) <= c.A.X / 2 && Math.Abs(c.C.Y) <= c.B.Y / 2, $"tilts {c.B.X} {c.C.X} {c.C.Y}");
        Assert.Equal(cell.Volume, c.Volume, 1e-10);
        // The same lattice: every new lattice vector is a whole-number combination of the old ones.
        for (var k = 0; k < 3; k++)
        {
            var f = cell.ToFractional(c[k]);
            Assert.Equal(Math.Round(f.X), f.X, 1e-12);
            Assert.Equal(Math.Round(f.Y), f.Y, 1e-12);
            Assert.Equal(Math.Round(f.Z), f.Z, 1e-12);
        }

        // Positions are not moved (the box is the same orientation), only described in another cell.
        Assert.Equal(s.X, read.X);
    }

    [Fact]
    public void Image_flags_unwrap_positions_and_atoms_come_in_order_of_their_ids()
    {
        const string text = """
            written by hand

            3 atoms
            2 atom types
            -1 9 xlo xhi
            0 10 ylo yhi
            0 10 zlo zhi
            1 0 0 xy xz yz

            Atoms

            7 2 1.0 2.0 3.0 1 0 -1
            2 1 0.5 0.5 0.5 0 0 0
            5 1 4.0 5.0 6.0 0 2 0
            """;
        var read = LammpsDataReader.Parse(text, NaCl);
        var s = read.Structure;

        Assert.Equal(LammpsAtomStyle.Atomic, read.Style);
        Assert.Equal(["Na", "Na", "Cl"], s.Symbols);
        Assert.Equal(new Vec3(0.5, 0.5, 0.5), s.Position(0));
        Assert.Equal(new Vec3(4 + 2 * 1, 5 + 2 * 10, 6), s.Position(1));
        Assert.Equal(new Vec3(1 + 10, 2, 3 - 10), s.Position(2));
        Assert.Equal(new Vec3(1, 10, 0), s.Cell.B);
        // No Masses section: the atomic-data table's masses.
        Assert.Equal(35.45, s.Masses[2], 1e-2);
    }

    [Fact]
    public void Masses_comments_name_the_elements_whatever_the_potential_s_order()
    {
        const string text = """
            types named in the Masses section, in another order than the potential's

            2 atoms
            2 atom types
            0 5 xlo xhi
            0 5 ylo yhi
            0 5 zlo zhi

            Masses

            1 35.453 # Cl
            2 22.98977 # Na

            Pair Coeffs # lj/cut

            1 0.1 3.0
            2 0.2 2.5

            Atoms # charge

            1 1 -0.7 0 0 0
            2 2 0.7 2.5 0 0
            """;
        var read = LammpsDataReader.Parse(text, NaCl);

        Assert.Equal(["Cl", "Na"], read.Structure.Symbols);
        Assert.Equal([35.453, 22.98977], read.Structure.Masses);
        Assert.Equal([-0.7, 0.7], read.Charges!);
    }

    [Fact]
    public void The_style_without_a_comment_follows_the_number_of_fields()
    {
        const string header = "t\n\n1 atoms\n1 atom types\n0 4 xlo xhi\n0 4 ylo yhi\n0 4 zlo zhi\n\nAtoms\n\n";
        Assert.Equal(LammpsAtomStyle.Charge, LammpsDataReader.Parse(header + "1 1 0.3 1 1 1\n", NaCl).Style);
        Assert.Equal(LammpsAtomStyle.Charge, LammpsDataReader.Parse(header + "1 1 0.3 1 1 1 0 0 0\n", NaCl).Style);
        Assert.Equal(LammpsAtomStyle.Atomic, LammpsDataReader.Parse(header + "1 1 1 1 1 0 0 0\n", NaCl).Style);
    }

    [Fact]
    public void A_cluster_is_not_written_as_a_data_file()
    {
        var cluster = new Structure(["Na", "Cl"], [Vec3.Zero, new Vec3(2.4, 0, 0)], [22.99, 35.45], Cell.None);
        Assert.Contains("a cluster", LammpsDataWriter.CannotWrite(cluster, NaCl));
        Assert.Throws<ArgumentException>(() => LammpsDataWriter.Format(new LammpsDataFile(cluster, LammpsAtomStyle.Atomic, null, null, ""), NaCl));
        var cell = new Structure(["Cu"], [Vec3.Zero], [63.5], Cell.Orthorhombic(3, 3, 3));
        Assert.Contains("not in the element order Na Cl", LammpsDataWriter.CannotWrite(cell, NaCl));
    }

    private const string Good = "t\n\n2 atoms\n2 atom types\n0 5 xlo xhi\n0 5 ylo yhi\n0 5 zlo zhi\n\nMasses\n\n1 22.99\n2 35.45\n\nAtoms # charge\n\n1 1 0.5 0 0 0\n2 2 -0.5 2.5 0 0\n";

    [Theory]
    [InlineData("", 1, 1, "the file is empty")]
    [InlineData("t\n\n2 atoms\n0 5 xlo xhi\n0 5 ylo yhi\n0 5 zlo zhi\n\nAtoms\n", 8, 1, "no 'N atom types' line")]
    [InlineData("t\n\n2 atoms\n2 atom types\n5 0 xlo xhi\n", 5, 3, "xlo must be above xhi")]
    [InlineData("t\n\n2 atoms\n2 atom types\n0 5 xlo xhi\n0 5 ylo yhi\n0 5 zlo zhi\n3 bonds\n", 8, 1, "only atom styles atomic and charge are read, which have no bonds")]
    [InlineData("t\n\n2 atoms\n2 atom types\n0 5 xlo xhi\n0 5 ylo yhi\n0 5 zlo zhi\n\nAtoms # full\n", 9, 9, "atom style 'full' is not read")]
    [InlineData("t\n\n2 atoms\n2 atom types\n0 5 xlo xhi\n0 5 ylo yhi\n0 5 zlo zhi\n\nAtoms # charge\n\n1 1 0.5 0 0 0\n", 12, 1, "the file ends after 1 of the 2 lines of the Atoms section")]
    [InlineData("t\n\n2 atoms\n2 atom types\n0 5 xlo xhi\n0 5 ylo yhi\n0 5 zlo zhi\n\nAtoms # charge\n\n1 3 0.5 0 0 0\n", 11, 3, "expected an atom type from 1 to 2")]
    [InlineData("t\n\n2 atoms\n2 atom types\n0 5 xlo xhi\n0 5 ylo yhi\n0 5 zlo zhi\n\nAtoms # charge\n\n1 1 0.5 0 nan 0\n", 11, 11, "expected a finite number, found 'nan'")]
    [InlineData("t\n\n2 atoms\n2 atom types\n0 5 xlo xhi\n0 5 ylo yhi\n0 5 zlo zhi\n\nAtoms # charge\n\n1 1 0.5 0 0 0\n1 2 -0.5 2.5 0 0\n", 12, 1, "atom id 1 is used twice (first on line 11)")]
    public void Malformed_files_are_refused_where_they_are_wrong(string text, int line, int column, string reason)
    {
        var error = Assert.Throws<StructureFileException>(() => LammpsDataReader.Parse(text, NaCl, "bad.data"));
        Assert.Equal("bad.data", error.FileName);
        Assert.Contains(reason, error.Reason);
        Assert.Equal((line, column), (error.Line, error.Column));
    }

    [Fact]
    public void The_good_file_of_the_malformed_cases_is_read() =>
        Assert.Equal(2, LammpsDataReader.Parse(Good, NaCl).Structure.Count);
}
