using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Latent.Runtime.Structures;
using Latent.Runtime.Structures.ExtendedXyz;
using Latent.Symbolic.PotentialFile;
using Xunit;

namespace Latent.Runtime.Tests.Structures;

/// <summary>
/// Extended XYZ: files ASE wrote read back with every value, our output read back to the last bit,
/// and every malformed input rejected with its file, line and column.
/// </summary>
public sealed class ExtendedXyzTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("latent-xyz-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Structures", "Data", name);

    private static double TableMass(string symbol) => AtomicData.tryFind(symbol).Value.Mass;

    // ---- Round trips --------------------------------------------------------------------------

    [Property(Arbitrary = new[] { typeof(XyzFrames.Arbitraries) }, MaxTest = 400)]
    public void Written_frames_read_back_bit_for_bit(XyzFrame frame)
    {
        var text = ExtendedXyzWriter.Format(frame);
        var read = ExtendedXyzReader.ParseSingle(text);
        XyzFrames.AssertSame(frame, read);
        // Writing what was read gives the same text: the format has one spelling for each frame.
        Assert.Equal(text, ExtendedXyzWriter.Format(read));
    }

    [Property(Arbitrary = new[] { typeof(XyzFrames.Arbitraries) }, MaxTest = 100)]
    public void Trajectories_read_back_frame_by_frame(XyzFrame[] frames)
    {
        var read = ExtendedXyzReader.Parse(ExtendedXyzWriter.Format(frames));
        Assert.Equal(frames.Length, read.Count);
        for (var i = 0; i < frames.Length; i++)
            XyzFrames.AssertSame(frames[i], read[i]);
    }

    [Property(Arbitrary = new[] { typeof(XyzFrames.Arbitraries) }, MaxTest = 300)]
    public Property Damaged_text_is_read_or_refused_with_a_location_never_a_raw_exception(XyzFrame frame) =>
        Prop.ForAll(
            Gen.Choose(0, 10_000).Three().ToArbitrary(),
            damage =>
            {
                var text = ExtendedXyzWriter.Format(frame);
                var at = damage.Item1 % (text.Length + 1);
                var damaged = (damage.Item2 % 4) switch
                {
                    0 => text[..at],
                    1 => text.Remove(Math.Min(at, text.Length - 1), 1),
                    2 => text.Insert(at, " \"x:T= \n0.5,{"[damage.Item3 % 13].ToString()),
                    _ => text.Insert(at, "\n"),
                };
                try
                {
                    ExtendedXyzReader.Parse(damaged, "damaged.xyz");
                }
                catch (XyzFormatException e)
                {
                    Assert.StartsWith($"damaged.xyz:{e.Line}:{e.Column}: ", e.Message);
                    Assert.InRange(e.Line, 1, damaged.Count(c => c == '\n') + 2);
                    Assert.True(e.Column >= 1);
                }
            });

    [Property(Arbitrary = new[] { typeof(XyzFrames.Arbitraries) }, MaxTest = 200)]
    public Property A_trajectory_cut_anywhere_in_its_last_frame_reads_its_whole_frames_and_reports_the_torn_one(XyzFrame[] frames) =>
        Prop.ForAll(
            Gen.Choose(0, 1_000_000).ToArbitrary(),
            seed =>
            {
                if (frames.Length < 2)
                    return;
                var whole = ExtendedXyzWriter.Format(frames[..^1]);
                var text = whole + ExtendedXyzWriter.Format(frames[^1]);
                // Anywhere after the last frame's first character, up to dropping only its final line break.
                var cut = whole.Length + 1 + seed % (text.Length - whole.Length - 1);
                var torn = new List<XyzFormatException>();
                var read = ExtendedXyzReader.Parse(text[..cut], "killed.extxyz", torn.Add);
                Assert.Equal(frames.Length - 1, read.Count);
                for (var i = 0; i < read.Count; i++)
                    XyzFrames.AssertSame(frames[i], read[i]);
                var warning = Assert.Single(torn);
                Assert.StartsWith("killed.extxyz:", warning.Message);
                Assert.Contains($"the last frame (from line {whole.Count(c => c == '\n') + 1}) ", warning.Reason);
            });

    [Fact]
    public void A_torn_final_frame_is_an_error_when_read_strictly_and_dropped_with_a_warning_when_asked()
    {
        const string text = "1\n\nH 0 0 0\n1\n\nH 0 0";
        var strict = Assert.Throws<XyzFormatException>(() => ExtendedXyzReader.Parse(text, "t.xyz"));
        Assert.Equal((6, "expected 4 fields (species, x, y, z), found 3"), (strict.Line, strict.Reason));
        var torn = new List<XyzFormatException>();
        Assert.Single(ExtendedXyzReader.Parse(text, "t.xyz", torn.Add));
        Assert.Equal("t.xyz:6:6: the last frame (from line 4) is incomplete, as a run stopped mid-write leaves it, and was dropped: expected 4 fields (species, x, y, z), found 3",
            Assert.Single(torn).Message);
    }

    [Fact]
    public void A_final_line_cut_inside_its_last_number_is_dropped_though_it_parses()
    {
        // "0.25" cut to "0.2" is still a number: only the missing line break tells.
        var torn = new List<XyzFormatException>();
        var frames = ExtendedXyzReader.Parse("1\n\nH 0 0 0\n1\n\nH 0 0 0.2", "t.xyz", torn.Add);
        Assert.Single(frames);
        Assert.Contains("ends without a line break", Assert.Single(torn).Reason);
        Assert.Equal(2, ExtendedXyzReader.Parse("1\n\nH 0 0 0\n1\n\nH 0 0 0.2").Count);
    }

    [Fact]
    public void A_bad_frame_followed_by_more_text_is_an_error_even_when_torn_frames_are_dropped()
    {
        var torn = new List<XyzFormatException>();
        var e = Assert.Throws<XyzFormatException>(() => ExtendedXyzReader.Parse("1\n\nH 0 0\n1\n\nH 0 0 0\n", "t.xyz", torn.Add));
        Assert.Equal(3, e.Line);
        Assert.Empty(torn);
    }

    [Fact]
    public void Triclinic_cell_with_mixed_periodicity_and_explicit_masses_round_trips()
    {
        var cell = new Cell(new Vec3(0, 1.8, 1.8), new Vec3(1.8, 0, 1.8), new Vec3(1.8, 1.8, 0), true, false, true);
        var s = new Structure(["Cu", "Cu"], [new Vec3(0.1, 0.2, 0.3), new Vec3(0.9, 1.1, 1.0 / 3)], [63.5, 65.0], cell);
        var frame = new XyzFrame(s);
        frame.Columns["weights"] = XyzColumn.Real([0.5, 0.25, 0.25, 0.1, 0.7, 0.2], 3);
        var text = ExtendedXyzWriter.Format(frame);
        Assert.Contains("Lattice=\"0 1.8 1.8 1.8 0 1.8 1.8 1.8 0\"", text);
        Assert.Contains("Properties=species:S:1:pos:R:3:masses:R:1:weights:R:3 pbc=\"T F T\"", text);
        XyzFrames.AssertSame(frame, ExtendedXyzReader.ParseSingle(text));
    }

    // ---- Files written by ASE -----------------------------------------------------------------

    /// <summary>ASE 3.22's <c>write('nacl.extxyz', atoms)</c> for rattled rock salt with a single-point result, verbatim.</summary>
    private const string AseNaCl =
        """
        4
        Lattice="0.0 2.82 2.82 2.82 0.0 2.82 5.64 5.64 0.0" Properties=species:S:1:pos:R:3:forces:R:3 energy=-12.5 stress="-0.3224172040135075 -0.8778584179213718 -0.17242820755043575 -0.8778584179213718 -0.38405435466841564 -1.0998912673140309 -0.17242820755043575 -1.0998912673140309 1.1337694423354374" pbc="T T T"
        Na       0.08943142       0.02182549       0.00482487       1.62434536      -0.61175641      -0.52817175
        Cl       2.72682536      -0.01386941      -0.01773795      -1.07296862       0.86540763      -2.30153870
        Na       2.81586293       2.78864997      -0.00219091       1.74481176      -0.76120690       0.31903910
        Cl       5.61613910       2.75430676       0.04423112      -0.24937038       1.46210794      -2.06014071

        """;

    [Fact]
    public void Reads_ASE_rock_salt_with_cell_energy_stress_and_forces()
    {
        var frame = ExtendedXyzReader.ParseSingle(AseNaCl);
        var s = frame.Structure;
        Assert.Equal(["Na", "Cl", "Na", "Cl"], s.Symbols);
        Assert.Equal(new Vec3(0.0, 2.82, 2.82), s.Cell.A);
        Assert.Equal(new Vec3(2.82, 0.0, 2.82), s.Cell.B);
        Assert.Equal(new Vec3(5.64, 5.64, 0.0), s.Cell.C);
        Assert.Equal([true, true, true], s.Cell.Periodic);
        Assert.Equal(new Vec3(2.72682536, -0.01386941, -0.01773795), s.Position(1));
        Assert.Equal([TableMass("Na"), TableMass("Cl"), TableMass("Na"), TableMass("Cl")], s.Masses);

        Assert.Equal(["energy", "stress"], frame.Info.Keys);
        Assert.Equal(-12.5, frame.Info["energy"]);
        Assert.Equal(9, Assert.IsType<double[]>(frame.Info["stress"]).Length);
        Assert.True(frame.Info.TryGetVoigt("stress", out var voigt));
        Assert.Equal([-0.3224172040135075, -0.38405435466841564, 1.1337694423354374, -1.0998912673140309, -0.17242820755043575, -0.8778584179213718], voigt);

        var forces = frame.Columns["forces"];
        Assert.Equal((XyzColumnType.Real, 3), (forces.Type, forces.Components));
        Assert.Equal(new Vec3(-0.24937038, 1.46210794, -2.06014071), forces.Vector(3));
        Assert.Equal(["forces"], frame.Columns.Names);
    }

    [Fact]
    public void The_committed_ASE_fixture_is_the_same_text_as_the_literal()
    {
        var file = ExtendedXyzReader.ReadFile(Fixture("nacl_forces.extxyz"));
        XyzFrames.AssertSame(ExtendedXyzReader.ParseSingle(AseNaCl), Assert.Single(file));
    }

    [Fact]
    public void Reads_ASE_triclinic_cell_with_partial_pbc_set_masses_charges_and_typed_info()
    {
        var frame = Assert.Single(ExtendedXyzReader.ReadFile(Fixture("cu_triclinic.extxyz")));
        var s = frame.Structure;
        Assert.Equal([true, true, false], s.Cell.Periodic);
        Assert.Equal(new Vec3(1.8, 1.8, 0.0), s.Cell.C);
        Assert.Equal(3.6 * 3.6 * 3.6 / 4, s.Cell.Volume, 12);
        Assert.Equal([63.5], s.Masses);
        Assert.Equal([0.25], Assert.IsType<double[]>(frame.InitialCharges));
        Assert.Equal("fcc primitive cell", frame.Info["comment"]);
        Assert.Equal(7, frame.Info["step"]);
        Assert.Equal(true, frame.Info["converged"]);
        Assert.Equal([1.5, 2.5, 3.5], Assert.IsType<double[]>(frame.Info["tags3"]));
        Assert.Equal([1, 2], Assert.IsType<int[]>(frame.Info["lst"]));
        // A JSON object has no typed form here: kept as the text ASE wrote.
        Assert.Equal("_JSON {\"a\": 1}", frame.Info["meta"]);
        Assert.False(frame.Columns.Contains("masses"));
    }

    [Fact]
    public void Reads_ASE_columns_of_every_type()
    {
        var frame = Assert.Single(ExtendedXyzReader.ReadFile(Fixture("water_columns.extxyz")));
        Assert.Equal(["momenta", "weights", "label", "fixed", "idx"], frame.Columns.Names);
        Assert.Equal(new Vec3(0.01153881, 0.00908803, 0.00506514), frame.Columns["momenta"].Vector(1));
        var weights = frame.Columns["weights"];
        Assert.Equal(4, weights.Components);
        Assert.Equal(0.21162812, weights.Real(1, 2));
        Assert.Equal(["O1", "H1", "H2"], frame.Columns["label"].Strings);
        Assert.Equal([true, false, false], frame.Columns["fixed"].Logicals);
        Assert.Equal([0, 1, 2], frame.Columns["idx"].Integers);
        Assert.Same(Cell.None, frame.Structure.Cell);
        Assert.Null(frame.InitialCharges);
    }

    [Fact]
    public void Reads_an_ASE_trajectory_frame_by_frame()
    {
        using var reader = new StreamReader(Fixture("co_trajectory.extxyz"));
        var frames = ExtendedXyzReader.Enumerate(reader, "co_trajectory.extxyz").ToList();
        Assert.Equal([-1.0, -1.25, -1.5], frames.Select(f => (double)f.Info["energy"]));
        Assert.Equal([-0.657337, -0.557337, -0.457337], frames.Select(f => f.Structure.Z[1]));
        Assert.All(frames, f => Assert.Equal(["O", "C"], f.Structure.Symbols));
    }

    [Fact]
    public void Reads_ASE_plain_xyz_with_an_empty_comment_line()
    {
        var frame = Assert.Single(ExtendedXyzReader.ReadFile(Fixture("water_plain.xyz")));
        Assert.Equal(["O", "H", "H"], frame.Structure.Symbols);
        Assert.Equal(new Vec3(0, -0.763239, -0.477047), frame.Structure.Position(2));
        Assert.Empty(frame.Info);
        Assert.Empty(frame.Columns);
        Assert.Same(Cell.None, frame.Structure.Cell);
    }

    // ---- Dialect details ----------------------------------------------------------------------

    [Fact]
    public void Plain_xyz_keeps_a_free_comment_whole()
    {
        var frame = ExtendedXyzReader.ParseSingle("2\n  water dimer, from MP2 \"tight\n  O 0 0 0\nH 0 0 0.96\n");
        Assert.Equal("water dimer, from MP2 \"tight", frame.Info["comment"]);
        Assert.Equal(0.96, frame.Structure.Z[1]);
    }

    [Fact]
    public void Plain_xyz_comment_of_clean_pairs_is_typed_and_one_that_is_not_stays_text()
    {
        var typed = ExtendedXyzReader.ParseSingle("1\nenergy = -3.5 step=4 relaxed\nH 0 0 0\n");
        Assert.Equal(["energy", "step", "relaxed"], typed.Info.Keys);
        Assert.Equal(-3.5, typed.Info["energy"]);
        Assert.Equal(4, typed.Info["step"]);
        Assert.Equal(true, typed.Info["relaxed"]);

        var text = ExtendedXyzReader.ParseSingle("1\nE = -3.5 eV, converged\nH 0 0 0\n");
        Assert.Equal("E = -3.5 eV, converged", Assert.Single(text.Info).Value);
    }

    [Fact]
    public void Lattice_alone_means_periodic_in_every_direction_and_pbc_may_be_one_flag()
    {
        var frame = ExtendedXyzReader.ParseSingle("1\nLattice=\"3 0 0 0 3 0 0 0 3\"\nH 1 1 1\n");
        Assert.Equal([true, true, true], frame.Structure.Cell.Periodic);
        var open = ExtendedXyzReader.ParseSingle("1\nLattice=\"3 0 0 0 3 0 0 0 3\" pbc=F\nH 1 1 1\n");
        Assert.Equal([false, false, false], open.Structure.Cell.Periodic);
        Assert.Equal(27, open.Structure.Cell.Volume);
    }

    [Fact]
    public void Species_are_capitalised_and_Z_stands_in_for_missing_species()
    {
        var upper = ExtendedXyzReader.ParseSingle("2\nProperties=species:S:1:pos:R:3\nNA 0 0 0\ncl 0 0 2.4\n");
        Assert.Equal(["Na", "Cl"], upper.Structure.Symbols);
        var numbers = ExtendedXyzReader.ParseSingle("2\nProperties=Z:I:1:pos:R:3\n11 0 0 0\n17 0 0 2.4\n");
        Assert.Equal(["Na", "Cl"], numbers.Structure.Symbols);
        Assert.Empty(numbers.Columns);
        Assert.Equal(TableMass("Cl"), numbers.Structure.Masses[1]);
    }

    [Fact]
    public void Masses_column_allows_elements_the_table_lacks()
    {
        var frame = ExtendedXyzReader.ParseSingle("1\nProperties=species:S:1:pos:R:3:masses:R:1\nXx 0 0 0 12.5\n");
        Assert.Equal("Xx", frame.Structure.Symbols[0]);
        Assert.Equal([12.5], frame.Structure.Masses);
    }

    [Fact]
    public void Quotes_braces_brackets_escapes_and_python_number_spellings_are_understood()
    {
        var frame = ExtendedXyzReader.ParseSingle(
            "1\nProperties=species:S:1:pos:R:3 a={1 2 3} b=[0.5, 1] c='x y' d=\"say \\\"hi\\\"\" e=nan f=-inf g=\"T F T\" h=1e400 uid=0123\nH 0 0 0\n");
        Assert.Equal([1, 2, 3], Assert.IsType<int[]>(frame.Info["a"]));
        Assert.Equal([0.5, 1.0], Assert.IsType<double[]>(frame.Info["b"]));
        Assert.Equal("x y", frame.Info["c"]);
        Assert.Equal("say \"hi\"", frame.Info["d"]);
        Assert.True(double.IsNaN((double)frame.Info["e"]));
        Assert.Equal(double.NegativeInfinity, frame.Info["f"]);
        Assert.Equal([true, false, true], Assert.IsType<bool[]>(frame.Info["g"]));
        Assert.Equal(double.PositiveInfinity, frame.Info["h"]);
        Assert.Equal("0123", frame.Info["uid"]);
    }

    [Fact]
    public void Windows_line_endings_blank_lines_between_frames_and_trailing_blank_lines_are_accepted()
    {
        var frames = ExtendedXyzReader.Parse("1\r\nfirst\r\nH 0 0 0\r\n\r\n1\r\nsecond\r\nO 0 0 1\r\n\r\n\r\n");
        Assert.Equal(["first", "second"], frames.Select(f => f.Info["comment"]));
        Assert.Equal(1.0, frames[1].Structure.Z[0]);
        Assert.Empty(ExtendedXyzReader.Parse(""));
    }

    [Fact]
    public void Enumeration_yields_good_frames_before_reaching_a_bad_one()
    {
        using var reader = new StringReader("1\n\nH 0 0 0\n1\n\nH 0 0\n");
        using var frames = ExtendedXyzReader.Enumerate(reader, "t.xyz").GetEnumerator();
        Assert.True(frames.MoveNext());
        Assert.Equal("H", frames.Current.Structure.Symbols[0]);
        var e = Assert.Throws<XyzFormatException>(() => frames.MoveNext());
        Assert.Equal(6, e.Line);
    }

    [Fact]
    public void Reads_streams_with_their_given_name()
    {
        using var stream = new MemoryStream("1\n\nH 0 0 nan\n"u8.ToArray());
        var e = Assert.Throws<XyzFormatException>(() => ExtendedXyzReader.Read(stream, "upload.xyz"));
        Assert.Equal("upload.xyz", e.FileName);
        Assert.True(stream.CanRead, "the caller's stream stays open");
    }

    // ---- Errors ---------------------------------------------------------------------------------

    public static TheoryData<string, int, int, string> Malformed => new()
    {
        // Count line.
        { "abc\n\nH 0 0 0\n", 1, 1, "expected the number of atoms, found 'abc'" },
        { "  -2\n\n", 1, 3, "expected the number of atoms, found '-2'" },
        { "3 atoms\n\n", 1, 1, "expected the number of atoms, found '3 atoms'" },
        // Premature end.
        { "3", 2, 1, "the file ends before the comment line of the frame that starts at line 1" },
        { "3\n\nH 0 0 0\n", 4, 1, "the file ends after 1 of the 3 atoms of the frame that starts at line 1" },
        // Found by fuzzing: a count far beyond the file (once an allocation of gigabytes) and a column count that overflowed.
        { "2000000000\n\nH 0 0 0\n", 4, 1, "the file ends after 1 of the 2000000000 atoms of the frame that starts at line 1" },
        // Field counts: line 7 is the third atom of the second frame.
        { "1\n\nH 0 0 0\n3\n\nO 0 0 0\nH 0 1\nH 1 0 0\n", 7, 6, "expected 4 fields (species, x, y, z), found 3" },
        { "1\nProperties=species:S:1:pos:R:3:forces:R:3\nH 0 0 0 1 2 3 4\n", 3, 15, "expected 7 fields (species, pos×3, forces×3), found 8" },
        // Field values.
        { "1\n\nH 0 x 0\n", 3, 5, "'pos' component 2: expected a real number, found 'x'" },
        { "1\nProperties=species:S:1:pos:R:3:idx:I:1\nH 0 0 0 1.5\n", 3, 9, "'idx': expected an integer, found '1.5'" },
        { "1\nProperties=species:S:1:pos:R:3:fixed:L:1\nH 0 0 0 yes\n", 3, 9, "'fixed': expected T or F, found 'yes'" },
        { "2\n\nH 0 0 0\nH 0 nan 0\n", 4, 5, "atom index 1: coordinate y is NaN; positions must be finite" },
        { "1\n\nH 0 0 -inf\n", 3, 7, "atom index 0: coordinate z is -Infinity; positions must be finite" },
        { "2\n\nH 0 0 0\n  Xx 0 0 1\n", 4, 3, "atom index 1: unknown element symbol 'Xx', and no masses column gives its mass" },
        { "1\nProperties=species:S:1:pos:R:3:masses:R:1\nH 0 0 0 -1\n", 3, 9, "atom index 0: mass -1 must be finite and not negative" },
        { "1\nProperties=Z:I:1:pos:R:3\n200 0 0 0\n", 3, 1, "atom index 0: no element has atomic number 200" },
        // Properties.
        { "1\nProperties=species:S:1:pos:R:3:pos:R:3\nH 0 0 0 0 0 0\n", 2, 32, "Properties names column 'pos' twice" },
        { "1\nProperties=species:S:1:pos:R\nH 0 0 0\n", 2, 12, "Properties must be name:type:count triples, found 5 fields in 'species:S:1:pos:R'" },
        { "1\nProperties=species:S:1:pos:X:3\nH 0 0 0\n", 2, 28, "column 'pos' has type 'X'; the types are R, I, S and L" },
        { "1\nProperties=species:S:1:pos:R:0\nH 0 0 0\n", 2, 30, "column 'pos' has count '0'; it must be a positive integer" },
        { "1\nProperties=species:S:1:pos:R:3:f:R:1000000003\nH 0 0 0 1\n", 2, 36, "column 'f' has count 1000000003; at most 10000 values per atom are read" },
        { "1\nProperties=species:R:1:pos:R:3\nH 0 0 0\n", 2, 12, "column 'species' must be species:S:1, found species:R:1" },
        { "1\nProperties=species:S:1:pos:R:2\nH 0 0\n", 2, 24, "column 'pos' must be pos:R:3, found pos:R:2" },
        { "1\nProperties=pos:R:3\n0 0 0\n", 2, 1, "Properties has no 'species' column (nor 'Z')" },
        { "1\nProperties=species:S:1\nH\n", 2, 1, "Properties has no 'pos' column" },
        { "1\nProperties=Z:R:1:pos:R:3\n1 0 0 0\n", 2, 12, "column 'Z' must be Z:I:1, found Z:R:1" },
        // Lattice and pbc.
        { "1\nLattice=\"1 0 0 0 1 0 0 0\"\nH 0 0 0\n", 2, 10, "Lattice must be nine numbers \"ax ay az bx by bz cx cy cz\", found '1 0 0 0 1 0 0 0'" },
        { "1\nLattice=\"1 0 0 0 1 0 0 0 inf\"\nH 0 0 0\n", 2, 10, "Lattice must hold finite numbers" },
        { "1\nLattice=\"0 1 0 1 0 0 0 0 1\"\nH 0 0 0\n", 2, 10, "Lattice: lattice vectors must form a right-handed set (a · (b × c) > 0)" },
        { "1\nLattice=\"1 0 0 0 1 0 0 0 1\" pbc=\"T X T\"\nH 0 0 0\n", 2, 34, "pbc must be three flags T or F, found 'T X T'" },
        { "1\nLattice=\"1 0 0 0 1 0 0 0 1\" pbc=\"T T\"\nH 0 0 0\n", 2, 34, "pbc must be three flags T or F, found 'T T'" },
        { "1\nProperties=species:S:1:pos:R:3 pbc=\"T T F\"\nH 0 0 0\n", 2, 32, "pbc makes the frame periodic, but it has no Lattice" },
        // Comment-line syntax.
        { "1\nProperties=species:S:1:pos:R:3 name=\"unclosed\nH 0 0 0\n", 2, 37, "\" is never closed by \"" },
        { "1\nProperties=species:S:1:pos:R:3 energy=1 energy=2\nH 0 0 0\n", 2, 41, "key 'energy' is given twice" },
        { "1\nProperties=species:S:1:pos:R:3 =5\nH 0 0 0\n", 2, 32, "'=' with no key before it" },
        { "1\nProperties=species:S:1:pos:R:3 a,b=5\nH 0 0 0\n", 2, 32, "key 'a,b' contains whitespace, a quote, a bracket, a comma or '='" },
        { "1\npbc=T \"\"=1\nH 0 0 0\n", 2, 8, "empty key" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_input_names_file_line_and_column(string text, int line, int column, string reason)
    {
        var e = Assert.Throws<XyzFormatException>(() => ExtendedXyzReader.Parse(text, "bad.xyz"));
        Assert.Equal((reason, line, column), (e.Reason, e.Line, e.Column));
        Assert.Equal($"bad.xyz:{line}:{column}: {reason}", e.Message);
    }

    [Fact]
    public void ReadFile_names_the_path_in_errors()
    {
        var path = Path.Combine(directory, "broken.extxyz");
        File.WriteAllText(path, "1\n\nH 0 0\n");
        var e = Assert.Throws<XyzFormatException>(() => ExtendedXyzReader.ReadFile(path));
        Assert.Equal(path, e.FileName);
        Assert.StartsWith($"{path}:3:6: expected 4 fields", e.Message);
    }

    [Fact]
    public void ParseSingle_refuses_a_trajectory()
    {
        var e = Assert.Throws<XyzFormatException>(() => ExtendedXyzReader.ParseSingle("1\n\nH 0 0 0\n1\n\nH 0 0 0\n", "two.xyz"));
        Assert.Equal("expected one frame, found 2", e.Reason);
    }

    // ---- Writer ---------------------------------------------------------------------------------

    private static XyzFrame SaltPair()
    {
        var s = new Structure(["Na", "Cl"], [new Vec3(0, 0, 0), new Vec3(2.5, 0.125, -1e-20)], [TableMass("Na"), TableMass("Cl")],
            Cell.Orthorhombic(10, 10, 12.5));
        var frame = new XyzFrame(s);
        frame.Info["energy"] = -12.5;
        frame.Info["step"] = 3;
        frame.Info["comment"] = "Na Cl \"pair\"";
        frame.Info["stress"] = new[] { 1.0, 2.0, 3.0, 0.5, 0.25, 0.125 };
        frame.Columns["charges"] = XyzColumn.Real([0.75, -0.75]);
        frame.Columns["forces"] = XyzColumn.Vectors([new Vec3(1, 0, 0), new Vec3(-1, 0, 0)]);
        return frame;
    }

    [Fact]
    public void Writes_ASE_dialect_in_a_fixed_order_with_round_trip_numbers()
    {
        Assert.Equal(
            """
            2
            Lattice="10 0 0 0 10 0 0 0 12.5" Properties=species:S:1:pos:R:3:charges:R:1:forces:R:3 energy=-12.5 step=3 comment="Na Cl \"pair\"" stress="1.0 0.125 0.25 0.125 2.0 0.5 0.25 0.5 3.0" pbc="T T T"
            Na   0     0      0  0.75  1 0 0
            Cl 2.5 0.125 -1E-20 -0.75 -1 0 0

            """.ReplaceLineEndings("\n"),
            ExtendedXyzWriter.Format(SaltPair()));
    }

    [Fact]
    public void Voigt_stress_goes_out_as_nine_numbers_and_comes_back_as_the_same_six()
    {
        var read = ExtendedXyzReader.ParseSingle(ExtendedXyzWriter.Format(SaltPair()));
        Assert.Equal(9, ((double[])read.Info["stress"]).Length);
        Assert.True(read.Info.TryGetVoigt("stress", out var voigt));
        Assert.Equal([1.0, 2.0, 3.0, 0.5, 0.25, 0.125], voigt);

        var frame = SaltPair();
        frame.Info["stress"] = new[] { 1.0, 2.0 };
        Assert.Throws<ArgumentException>(() => ExtendedXyzWriter.Format(frame));
    }

    [Fact]
    public void A_cluster_has_no_Lattice_and_pbc_F_F_F()
    {
        var frame = new XyzFrame(new Structure(["O"], [new Vec3(1, 2, 3)], [TableMass("O")], Cell.None));
        Assert.Equal("1\nProperties=species:S:1:pos:R:3 pbc=\"F F F\"\nO 1 2 3\n", ExtendedXyzWriter.Format(frame));
    }

    [Fact]
    public void Masses_are_written_when_they_differ_from_the_table_or_when_asked()
    {
        var frame = SaltPair();
        Assert.DoesNotContain("masses", ExtendedXyzWriter.Format(frame));
        Assert.Contains(":masses:R:1", ExtendedXyzWriter.Format(frame, new XyzWriteOptions { Masses = XyzMassColumn.Always }));
        frame.Structure.Masses[1] = 37.0;
        var text = ExtendedXyzWriter.Format(frame);
        Assert.Contains("Properties=species:S:1:pos:R:3:masses:R:1:charges", text);
        Assert.Equal(37.0, ExtendedXyzReader.ParseSingle(text).Structure.Masses[1]);
        Assert.DoesNotContain("masses", ExtendedXyzWriter.Format(frame, new XyzWriteOptions { Masses = XyzMassColumn.Never }));
    }

    [Fact]
    public void Options_choose_and_order_the_extra_columns()
    {
        var text = ExtendedXyzWriter.Format(SaltPair(), new XyzWriteOptions { Columns = ["forces", "charges"] });
        Assert.Contains("Properties=species:S:1:pos:R:3:forces:R:3:charges:R:1 ", text);
        var only = ExtendedXyzWriter.Format(SaltPair(), new XyzWriteOptions { Columns = [] });
        Assert.Empty(ExtendedXyzReader.ParseSingle(only).Columns);
        var e = Assert.Throws<ArgumentException>(() => ExtendedXyzWriter.Format(SaltPair(), new XyzWriteOptions { Columns = ["weights"] }));
        Assert.Contains("no column 'weights'", e.Message);
    }

    [Fact]
    public void Unwritable_frames_are_refused_before_anything_is_written()
    {
        var badSymbol = new XyzFrame(new Structure(["H H"], [Vec3.Zero], [1.0], Cell.None));
        Assert.Throws<ArgumentException>(() => ExtendedXyzWriter.Format(badSymbol));
        var nan = new XyzFrame(new Structure(["H"], [new Vec3(0, double.NaN, 0)], [1.0], Cell.None));
        Assert.Contains("not finite", Assert.Throws<ArgumentException>(() => ExtendedXyzWriter.Format(nan)).Message);
        var label = new XyzFrame(new Structure(["H"], [Vec3.Zero], [1.0], Cell.None));
        label.Columns["label"] = XyzColumn.String(["two words"]);
        Assert.Throws<ArgumentException>(() => ExtendedXyzWriter.Format(label));
    }

    [Fact]
    public void Info_and_columns_refuse_what_the_format_cannot_carry()
    {
        var frame = SaltPair();
        Assert.Throws<ArgumentException>(() => frame.Info["pbc"] = true);
        Assert.Throws<ArgumentException>(() => frame.Info["Lattice"] = new double[9]);
        Assert.Throws<ArgumentException>(() => frame.Info["my key"] = 1);
        Assert.Throws<ArgumentException>(() => frame.Info["list"] = new List<int>());
        Assert.Throws<ArgumentException>(() => frame.Info["empty"] = Array.Empty<double>());
        Assert.Throws<ArgumentException>(() => frame.Info["lines"] = "a\nb");
        Assert.Throws<ArgumentException>(() => frame.Columns["pos"] = XyzColumn.Real(new double[6], 3));
        Assert.Throws<ArgumentException>(() => frame.Columns["a:b"] = XyzColumn.Real(new double[2]));
        Assert.Throws<ArgumentException>(() => frame.Columns["short"] = XyzColumn.Real(new double[3]));
        Assert.Throws<ArgumentException>(() => XyzColumn.Real(new double[5], 3));
        Assert.Throws<InvalidOperationException>(() => frame.Columns["charges"].Integers);
    }

    [Fact]
    public void Strings_that_would_read_back_as_something_else_go_through_JSON_as_ASE_reads_it()
    {
        var frame = SaltPair();
        frame.Info["name"] = "12";
        frame.Info["flag"] = "T";
        frame.Info["empty"] = "";
        frame.Info["blank"] = " ,";
        frame.Info["one"] = new[] { 2.0 };
        var text = ExtendedXyzWriter.Format(frame);
        Assert.Contains("name=\"_JSON \\\"12\\\"\"", text);
        // ASE reads "" or " ," as an empty array, and after an empty "" it loses the next pair.
        Assert.Contains("empty=\"_JSON \\\"\\\"\" blank=\"_JSON \\\" ,\\\"\"", text);
        Assert.Contains("one=\"_JSON [2.0]\"", text);
        var read = ExtendedXyzReader.ParseSingle(text);
        Assert.Equal("12", read.Info["name"]);
        Assert.Equal("T", read.Info["flag"]);
        Assert.Equal("", read.Info["empty"]);
        Assert.Equal(" ,", read.Info["blank"]);
        Assert.Equal([2.0], Assert.IsType<double[]>(read.Info["one"]));
    }

    [Fact]
    public void Appending_writes_whole_frames_and_flushes_each_one()
    {
        var path = Path.Combine(directory, "md.extxyz");
        using (var writer = ExtendedXyzWriter.AppendToFile(path))
        {
            for (var step = 0; step < 3; step++)
            {
                var frame = SaltPair();
                frame.Info["step"] = step;
                writer.Write(frame);
                // Another reader sees every frame written so far while the writer is still open.
                using var peek = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
                Assert.Equal(step + 1, ExtendedXyzReader.Read(peek, path).Count);
            }

            Assert.Equal(3, writer.FramesWritten);
        }

        using (var writer = ExtendedXyzWriter.AppendToFile(path))
            writer.Write(SaltPair());

        var frames = ExtendedXyzReader.ReadFile(path);
        Assert.Equal([0, 1, 2, 3], frames.Select(f => (int)f.Info["step"]));
    }

    [Fact]
    public void Writer_on_a_caller_TextWriter_leaves_it_open_when_asked()
    {
        var text = new StringWriter();
        using (var writer = new ExtendedXyzWriter(text, leaveOpen: true))
            writer.Write(SaltPair());
        text.Write("");
        Assert.Single(ExtendedXyzReader.Parse(text.ToString()));
        var disposed = new ExtendedXyzWriter(new StringWriter());
        disposed.Dispose();
        Assert.Throws<ObjectDisposedException>(() => disposed.Write(SaltPair()));
    }

    [Fact]
    public void WriteFile_replaces_the_file_whole_or_not_at_all()
    {
        var path = Path.Combine(directory, "final.extxyz");
        ExtendedXyzWriter.WriteFile(path, SaltPair());
        var before = File.ReadAllText(path);
        Assert.Equal(ExtendedXyzWriter.Format(SaltPair()), before);

        var bad = new XyzFrame(new Structure(["H"], [new Vec3(double.PositiveInfinity, 0, 0)], [1.0], Cell.None));
        Assert.Throws<ArgumentException>(() => ExtendedXyzWriter.WriteFile(path, [SaltPair(), SaltPair(), bad]));
        Assert.Equal(before, File.ReadAllText(path));
        Assert.Equal(["final.extxyz"], Directory.GetFiles(directory).Select(Path.GetFileName));

        ExtendedXyzWriter.WriteFile(path, [SaltPair(), SaltPair()]);
        Assert.Equal(2, ExtendedXyzReader.ReadFile(path).Count);
    }
}
