using System.Globalization;
using Latent.Cli.Bench.Lammps;
using Latent.Runtime.Structures;
using Latent.Runtime.Structures.LammpsData;

namespace Latent.Cli.Tests.StructureFiles;

/// <summary>
/// LAMMPS data files both ways with LAMMPS itself (Debian's lmp, 29 Sep 2021): a file LAMMPS writes (triclinic,
/// charges, velocities, image flags) reads as LAMMPS holds it, and a file Latent writes of a general cell, rotated
/// into the restricted form with its tilts reduced, is read by LAMMPS as the same crystal.
/// </summary>
public sealed class LammpsDataFileTests
{
    private static readonly string[] NaCl = ["Na", "Cl"];

    [LammpsFact]
    public void A_file_lammps_writes_reads_as_lammps_holds_it()
    {
        LammpsRequirement.Require();
        using var directory = new TempDirectory();
        // A sheared NaCl lattice whose atoms are displaced across the box faces, so write_data gives image flags.
        File.WriteAllText(directory.File("in.write"), Lines(
            "units metal",
            "atom_style charge",
            "lattice custom 5.64 a1 1 0 0 a2 0.5 1 0 a3 0.3 0.2 1 basis 0 0 0 basis 0.5 0.5 0.5",
            "region box prism 0 2 0 2 0 2 0.6 0.3 0.4",
            "create_box 2 box",
            "create_atoms 1 box basis 2 2",
            "mass 1 22.98977",
            "mass 2 35.453",
            "set type 1 charge 0.8",
            "set type 2 charge -0.8",
            "velocity all create 300 1",
            "displace_atoms all random 0.3 0.3 0.3 5",
            "thermo_style custom step vol",
            "thermo_modify format float %.17g",
            "dump atoms all custom 1 atoms.dump id type q xu yu zu vx vy vz",
            "dump_modify atoms format float %.17g sort id",
            "run 0",
            "write_data lammps.data"));
        var (output, _) = LammpsLauncher.Run("in.write", 1, directory.Path);
        var dump = Dump(File.ReadAllText(directory.File("atoms.dump")));
        var text = File.ReadAllText(directory.File("lammps.data"));
        Assert.Contains("xy xz yz", text);
        Assert.Matches(@"\n\d+ \d [-0-9.e]+ [-0-9.e]+ [-0-9.e]+ [-0-9.e]+ (-1|1) ", text);

        var read = LammpsDataReader.ReadFile(directory.File("lammps.data"), NaCl);
        var s = read.Structure;

        Assert.Equal(LammpsAtomStyle.Charge, read.Style);
        Assert.Equal(dump.Count, s.Count);
        Assert.Equal(LammpsLog.Parse(output).LastThermo["Volume"], s.Cell.Volume, 1e-9);
        for (var i = 0; i < s.Count; i++)
        {
            var atom = dump[i];
            Assert.Equal(atom.Type == 1 ? "Na" : "Cl", s.Symbols[i]);
            Assert.Equal(atom.Type == 1 ? 22.98977 : 35.453, s.Masses[i]);
            Assert.Equal(atom.Q, read.Charges![i]);
            // Unwrapped by the image flags, as LAMMPS's xu yu zu.
            Assert.True((s.Position(i) - atom.R).Length < 1e-10, $"atom {i + 1}: {s.Position(i)} against LAMMPS's {atom.R}");
            // LAMMPS writes Å/ps; Latent holds Å/fs.
            Assert.True((read.Velocities![i] * 1000 - atom.V).Length < 1e-12 * atom.V.Length, $"atom {i + 1}: velocity {read.Velocities[i]} Å/fs against LAMMPS's {atom.V} Å/ps");
        }
    }

    [LammpsFact]
    public void Lammps_reads_a_general_cell_latent_writes_as_the_same_crystal()
    {
        LammpsRequirement.Require();
        using var directory = new TempDirectory();
        // A cell in no special orientation whose tilts, once restricted, exceed half a box length (LAMMPS's limit).
        var turn = Rotation(new Vec3(1, 2, 3), 0.7);
        var cell = new Cell(turn(new Vec3(5.64, 0, 0)), turn(new Vec3(4.5, 5.64, 0)), turn(new Vec3(-7.0, 4.0, 5.64)), true, true, true);
        var rng = new Random(17);
        var n = 16;
        var symbols = Enumerable.Range(0, n).Select(i => i % 2 == 0 ? "Na" : "Cl").ToArray();
        var positions = Enumerable.Range(0, n).Select(_ => cell.ToCartesian(new Vec3(rng.NextDouble(), rng.NextDouble(), rng.NextDouble()))).ToArray();
        var structure = new Structure(symbols, positions, symbols.Select(e => e == "Na" ? 22.98977 : 35.453).ToArray(), cell);
        var charges = Enumerable.Range(0, n).Select(i => (i % 2 == 0 ? 1 : -1) * (0.5 + 0.01 * i)).ToArray();
        var velocities = Enumerable.Range(0, n).Select(_ => new Vec3(rng.NextDouble() - 0.5, rng.NextDouble() - 0.5, rng.NextDouble() - 0.5) * 0.01).ToArray();
        var text = LammpsDataWriter.Format(new LammpsDataFile(structure, LammpsAtomStyle.Charge, charges, velocities, "general cell"), NaCl);
        File.WriteAllText(directory.File("latent.data"), text);
        Assert.Contains("(cell rotated into LAMMPS's restricted triclinic form; tilts reduced by lattice vectors)", text.Split('\n')[0]);

        File.WriteAllText(directory.File("in.read"), Lines(
            "units metal",
            "atom_style charge",
            "read_data latent.data",
            "thermo_style custom step vol",
            "thermo_modify format float %.17g",
            "dump atoms all custom 1 atoms.dump id type q xu yu zu vx vy vz",
            "dump_modify atoms format float %.17g sort id",
            "run 0"));
        var (output, _) = LammpsLauncher.Run("in.read", 1, directory.Path);
        var dump = Dump(File.ReadAllText(directory.File("atoms.dump")));
        var written = LammpsDataReader.Parse(text, NaCl);

        Assert.Equal(cell.Volume, LammpsLog.Parse(output).LastThermo["Volume"], 1e-9);
        Assert.Equal(n, dump.Count);
        for (var i = 0; i < n; i++)
        {
            Assert.Equal(i % 2 == 0 ? 1 : 2, dump[i].Type);
            Assert.Equal(charges[i], dump[i].Q);
            // LAMMPS wraps atoms into its box; unwrapped they are where the file put them, in the file's cell.
            var offset = written.Structure.Cell.ToFractional(dump[i].R - written.Structure.Position(i));
            Assert.True(Math.Abs(offset.X - Math.Round(offset.X)) + Math.Abs(offset.Y - Math.Round(offset.Y)) + Math.Abs(offset.Z - Math.Round(offset.Z)) < 1e-10,
                $"atom {i + 1}: LAMMPS has it at {dump[i].R}, the file at {written.Structure.Position(i)}");
            // Every distance of the crystal, and the speed of every atom, survive the rotation.
            Assert.Equal((positions[i] - positions[0]).Length, (written.Structure.Position(i) - written.Structure.Position(0)).Length, 1e-10);
            Assert.Equal(velocities[i].Length * 1000, dump[i].V.Length, 1e-11);
        }
    }

    private static Func<Vec3, Vec3> Rotation(Vec3 axis, double angle)
    {
        var k = axis * (1 / axis.Length);
        var (c, s) = (Math.Cos(angle), Math.Sin(angle));
        // Rodrigues' formula.
        return v => v * c + Vec3.Cross(k, v) * s + k * (Vec3.Dot(k, v) * (1 - c));
    }

    private static string Lines(params string[] lines) => string.Join('\n', lines) + "\n";

    /// <summary>The atoms of a one-frame custom dump of id type q xu yu zu vx vy vz, in id order.</summary>
    private static List<(int Type, double Q, Vec3 R, Vec3 V)> Dump(string text)
    {
        var lines = text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        var start = Array.FindIndex(lines, l => l.StartsWith("ITEM: ATOMS", StringComparison.Ordinal)) + 1;
        return lines[start..].Select(l =>
        {
            var f = l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();
            return ((int)f[1], f[2], new Vec3(f[3], f[4], f[5]), new Vec3(f[6], f[7], f[8]));
        }).ToList();
    }
}
