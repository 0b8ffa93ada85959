using System.Text.Json;
using Latent.Runtime.Structures;
using Latent.Runtime.Structures.ExtendedXyz;
using Latent.Runtime.Structures.LammpsData;
using Latent.Runtime.Structures.Vasp;

namespace Latent.Cli.Tests.StructureFiles;

/// <summary>
/// The commands read a structure in the format its name says and give the same results whatever the format, and
/// write <c>--out</c> in the format its name says.
/// </summary>
public sealed class StructureFileCommandTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    /// <summary>The rock-salt cell, displaced so forces and stress are not zero by symmetry.</summary>
    private static Structure Displaced() =>
        ExtendedXyzReader.ParseSingle(Structures.RockSaltCell()).Structure.Jiggled(0.08, seed: 5);

    private JsonElement Eval(string path)
    {
        var run = CliRun.Of("eval", path, "--potential", "NaCl", "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        return JsonDocument.Parse(run.Stdout).RootElement.Clone();
    }

    private static double[] Flat(JsonElement e) =>
        e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().SelectMany(Flat).ToArray() : [e.GetDouble()];

    [Fact]
    public void Eval_of_a_data_file_or_poscar_equals_eval_of_the_same_structure_as_xyz()
    {
        var s = Displaced();
        var xyz = temp.Write("cell.extxyz", ExtendedXyzWriter.Format(new XyzFrame(s)));
        var data = temp.Write("cell.data", LammpsDataWriter.Format(new LammpsDataFile(s, LammpsAtomStyle.Atomic, null, null, "cell"), ["Na", "Cl"]));
        var poscar = temp.Write("POSCAR", PoscarWriter.Format(new PoscarFile(s, "cell", null)));

        var expected = Eval(xyz);
        foreach (var path in new[] { data, poscar })
        {
            var got = Eval(path);
            foreach (var key in new[] { "energy", "internal_energy", "lambda", "forces", "stress", "charges", "weights" })
                Assert.Equal(Flat(expected.GetProperty(key)), Flat(got.GetProperty(key)));
        }
    }

    [Fact]
    public void A_data_file_of_a_rotated_cell_gives_the_same_energy_charges_and_turned_forces()
    {
        var s = Displaced();
        var (c, sn) = (Math.Cos(0.4), Math.Sin(0.4));
        Vec3 Turn(Vec3 v) => new(c * v.X - sn * v.Y, sn * v.X + c * v.Y, v.Z);
        var turned = new Structure(s.Symbols, Enumerable.Range(0, s.Count).Select(i => Turn(s.Position(i))).ToArray(), s.Masses,
            new Cell(Turn(s.Cell.A), Turn(s.Cell.B), Turn(s.Cell.C), true, true, true));
        var xyz = temp.Write("turned.extxyz", ExtendedXyzWriter.Format(new XyzFrame(turned)));

        // eval --out writes the data file: the cell is turned back into LAMMPS's form, the charges go with it.
        var run = CliRun.Of("eval", xyz, "--potential", "NaCl", "--out", temp.File("turned.data"), "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var expected = JsonDocument.Parse(run.Stdout).RootElement;
        var file = LammpsDataReader.ReadFile(temp.File("turned.data"), ["Na", "Cl"]);
        Assert.Equal(LammpsAtomStyle.Charge, file.Style);
        Assert.Equal(Flat(expected.GetProperty("charges")), file.Charges!);

        var got = Eval(temp.File("turned.data"));
        Assert.Equal(expected.GetProperty("energy").GetDouble(), got.GetProperty("energy").GetDouble(), 1e-9);
        var (q0, q1) = (Flat(expected.GetProperty("charges")), Flat(got.GetProperty("charges")));
        Assert.All(q0.Zip(q1), p => Assert.Equal(p.First, p.Second, 1e-8));
        var (f0, f1) = (Flat(expected.GetProperty("forces")), Flat(got.GetProperty("forces")));
        for (var i = 0; i < s.Count; i++)
        {
            // The data file's frame is the original one (the turn undone), so the forces are turned back too.
            var back = Turn(new Vec3(f1[3 * i], f1[3 * i + 1], f1[3 * i + 2]));
            Assert.True((back - new Vec3(f0[3 * i], f0[3 * i + 1], f0[3 * i + 2])).Length < 1e-8, $"atom {i}");
        }
    }

    [Fact]
    public void Relax_writes_a_contcar_that_reads_back_as_the_relaxed_structure()
    {
        var xyz = temp.Write("cell.extxyz", ExtendedXyzWriter.Format(new XyzFrame(Displaced())));
        var run = CliRun.Of("relax", xyz, "--potential", "NaCl", "--fmax", "0.05", "--out", temp.File("CONTCAR"), "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var positions = Flat(JsonDocument.Parse(run.Stdout).RootElement.GetProperty("positions"));
        var contcar = PoscarReader.ReadFile(temp.File("CONTCAR")).Structure;
        Assert.Equal(positions, Enumerable.Range(0, contcar.Count).SelectMany(i => new[] { contcar.X[i], contcar.Y[i], contcar.Z[i] }).ToArray());
        Assert.Contains("potential NaCl, energy", File.ReadLines(temp.File("CONTCAR")).First());
    }

    [Fact]
    public void An_output_name_that_says_no_format_is_refused_before_any_work()
    {
        var xyz = temp.Write("cell.extxyz", ExtendedXyzWriter.Format(new XyzFrame(Displaced())));
        var run = CliRun.Of("relax", xyz, "--potential", "NaCl", "--out", temp.File("relaxed.traj"));
        run.AssertUserError("--out: cannot write", "relaxed.traj': '.traj' is not a format latent writes; name it .extxyz or .xyz");
        Assert.False(File.Exists(temp.File("relaxed.traj")));
    }
}
