using System.Globalization;
using System.Text;
using System.Text.Json;
using Latent.Runtime.Structures.ExtendedXyz;

namespace Latent.Cli.Tests;

/// <summary>
/// Every file eval, relax and md write, read back by ASE's own reader (<see cref="AseReader"/>): the energy is
/// A and equals the reported one in every file, charges, per-atom energies, forces, stress and momenta come
/// back, an input's initial_charges, move_mask, extra columns and info survive, and an extension the tool
/// cannot write is refused before any work.
/// </summary>
public sealed class AseRoundTripTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    /// <summary>Rock salt NaCl with one atom displaced (so forces and stress are not zero by symmetry) and what
    /// an ASE user brings: initial_charges, an integer tags column, a FixAtoms move_mask (atom 1 fixed) and info.</summary>
    private string Input(bool moveMask = true)
    {
        const double d = Structures.NaClDistance;
        var a = 2 * d;
        var text = new StringBuilder(FormattableString.Invariant(
            $"8\nLattice=\"{a} 0 0 0 {a} 0 0 0 {a}\" Properties=species:S:1:pos:R:3:initial_charges:R:1:tags:I:1{(moveMask ? ":move_mask:L:1" : "")} comment=\"from ASE\" pbc=\"T T T\"\n"));
        var k = 0;
        for (var i = 0; i < 2; i++)
        {
            for (var j = 0; j < 2; j++)
            {
                for (var l = 0; l < 2; l++, k++)
                {
                    var na = (i + j + l) % 2 == 0;
                    var shift = k == 0 ? (0.1, 0.05, -0.07) : (0.0, 0.0, 0.0);
                    text.Append(string.Create(CultureInfo.InvariantCulture,
                        $"{(na ? "Na" : "Cl")} {i * d + shift.Item1:R} {j * d + shift.Item2:R} {l * d + shift.Item3:R} {(na ? 0.5 : -0.5):R} {k + 10}{(moveMask ? (k == 1 ? " F" : " T") : "")}\n"));
                }
            }
        }

        return temp.Write("input.extxyz", text.ToString());
    }

    /// <summary>The results' charges as this ASE gives them: get_charges() where ASE reads the charges column as a
    /// result (3.23 on), else the initial_charges ASE 3.22 makes of that column (it cannot give a result there).</summary>
    private static double[] Charges(string version, JsonElement frame)
    {
        if (frame.GetProperty("charges").ValueKind != JsonValueKind.Null)
            return AseReader.Numbers(frame.GetProperty("charges"));
        Assert.True(Version.Parse(version) < new Version(3, 23), $"ASE {version} should read the charges column as the calculator's charges");
        return AseReader.Numbers(frame.GetProperty("arrays").GetProperty("initial_charges"));
    }

    private static void AssertInputKept(JsonElement frame)
    {
        var arrays = frame.GetProperty("arrays");
        Assert.Equal([0.5, -0.5, -0.5, 0.5, -0.5, 0.5, 0.5, -0.5], AseReader.Numbers(arrays.GetProperty("input_initial_charges")));
        Assert.Equal(Enumerable.Range(10, 8).Select(i => (double)i), AseReader.Numbers(arrays.GetProperty("tags")));
        Assert.Equal("from ASE", frame.GetProperty("info").GetProperty("comment").GetString());
    }

    /// <summary>
    /// Evaluates <see cref="Input"/> into <paramref name="output"/>, reads it with ASE and checks what every format must
    /// give back: energy and free_energy both the reported A, the forces, the stress, and per-atom energies summing to A.
    /// </summary>
    private (JsonElement Reported, string AseVersion, JsonElement Frame) EvalReadByAse(string output)
    {
        var run = CliRun.Of("eval", Input(), "-p", "NaCl", "--out", output, "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var reported = JsonDocument.Parse(run.Stdout).RootElement;

        var (version, frames) = AseReader.Read(output);
        var frame = Assert.Single(frames);
        var results = frame.GetProperty("results");
        Assert.Equal(reported.GetProperty("energy").GetDouble(), frame.GetProperty("energy").GetDouble());
        Assert.Equal(reported.GetProperty("energy").GetDouble(), results.GetProperty("free_energy").GetDouble());
        Assert.Equal(AseReader.Numbers(reported.GetProperty("forces")), AseReader.Numbers(results.GetProperty("forces")));
        Assert.Equal(AseReader.Numbers(reported.GetProperty("stress")), AseReader.Numbers(results.GetProperty("stress")));
        // The per-atom energies are A split by atom.
        Assert.Equal(reported.GetProperty("energy").GetDouble(), AseReader.Numbers(results.GetProperty("energies")).Sum(), 9);
        return (reported, version, frame);
    }

    /// <summary>An ASE database (.json) is the file ASE 3.22 reads with the charges as the calculator's: get_charges() works.</summary>
    [Fact]
    public void An_ase_database_out_gives_get_charges_the_results_with_energy_forces_stress_and_fixed_atoms()
    {
        var output = temp.File("eval.json");
        var (reported, _, frame) = EvalReadByAse(output);
        Assert.Equal(AseReader.Numbers(reported.GetProperty("charges")), AseReader.Numbers(frame.GetProperty("charges")));
        Assert.Equal([1.0], AseReader.Numbers(frame.GetProperty("fixed")));
        Assert.Equal(["Na", "Cl", "Cl", "Na", "Cl", "Na", "Na", "Cl"], frame.GetProperty("symbols").EnumerateArray().Select(e => e.GetString()));

        // Written for ASE, not read back: latent says how to convert it.
        CliRun.Of("eval", output, "-p", "NaCl").AssertUserError("is an ASE database (.json)", "does not read them");
    }

    [Fact]
    public void Eval_out_gives_ase_the_reported_free_energy_charges_forces_stress_and_the_input_columns()
    {
        var output = temp.File("eval.extxyz");
        var (reported, version, frame) = EvalReadByAse(output);
        var results = frame.GetProperty("results");
        Assert.Equal(reported.GetProperty("internal_energy").GetDouble(), frame.GetProperty("info").GetProperty("internal_energy").GetDouble());
        Assert.Equal(AseReader.Numbers(reported.GetProperty("charges")), Charges(version, frame));
        Assert.True(AseReader.Numbers(results.GetProperty("forces")).Max(Math.Abs) > 1e-3);
        AssertInputKept(frame);
        Assert.Equal([1], frame.GetProperty("fixed").EnumerateArray().Select(e => e.GetInt32()));
    }

    [Fact]
    public void Relax_out_and_every_trajectory_frame_give_ase_A_and_the_fixed_atom_stays_put()
    {
        var input = Input();
        var output = temp.File("relaxed.extxyz");
        var trajectory = temp.File("relax-traj.xyz");
        var run = CliRun.Of("relax", input, "-p", "NaCl", "--out", output, "--trajectory", trajectory, "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var reported = JsonDocument.Parse(run.Stdout).RootElement;
        Assert.True(reported.GetProperty("steps").GetInt32() > 3);

        var (version, relaxed) = AseReader.Read(output);
        var (_, frames) = AseReader.Read(trajectory);
        Assert.Equal(reported.GetProperty("steps").GetInt32() + 1, frames.Length);
        var last = frames[^1];
        Assert.Equal(reported.GetProperty("energy").GetDouble(), relaxed[0].GetProperty("energy").GetDouble());
        Assert.Equal(reported.GetProperty("energy").GetDouble(), last.GetProperty("energy").GetDouble());
        Assert.All(frames, f => Assert.Equal(f.GetProperty("results").GetProperty("free_energy").GetDouble(), f.GetProperty("energy").GetDouble()));
        Assert.Equal(AseReader.Numbers(reported.GetProperty("charges")), Charges(version, relaxed[0]));
        Assert.Equal(AseReader.Numbers(reported.GetProperty("charges")), Charges(version, last));
        AssertInputKept(relaxed[0]);
        AssertInputKept(last);

        // Atom 1 is held by its move_mask (ASE reads it back as FixAtoms), every other atom moved.
        var before = ExtendedXyzReader.ReadFile(input)[0].Structure;
        var after = ExtendedXyzReader.ReadFile(output)[0].Structure;
        Assert.Equal([1], last.GetProperty("fixed").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(before.Position(1), after.Position(1));
        Assert.True((before.Position(0) - after.Position(0)).Length > 1e-3);
    }

    [Fact]
    public void Md_frames_and_the_restart_file_give_ase_A_momenta_masses_and_the_thermo_kinetic_energy()
    {
        var input = Input(moveMask: false);
        var output = temp.File("md.extxyz");
        var run = CliRun.Of("md", input, "-p", "NaCl", "--steps", "20", "--every", "10", "--out", output, "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var thermo = JsonDocument.Parse(run.Stdout).RootElement.GetProperty("thermo").EnumerateArray().ToArray();

        var (version, frames) = AseReader.Read(output);
        var (_, restart) = AseReader.Read(Path.ChangeExtension(output, ".restart.extxyz"));
        Assert.Equal(3, frames.Length);
        for (var k = 0; k < 3; k++)
        {
            Assert.Equal(thermo[k].GetProperty("energy").GetDouble(), frames[k].GetProperty("energy").GetDouble());
            // ASE's ½p²/m from the momenta and masses is the thermo's kinetic energy (to ASE's CODATA 2014 units).
            Assert.Equal(thermo[k].GetProperty("kinetic").GetDouble(), frames[k].GetProperty("kinetic").GetDouble(), 1e-7 * thermo[k].GetProperty("kinetic").GetDouble());
            Assert.Equal(8, Charges(version, frames[k]).Length);
            AssertInputKept(frames[k]);
        }

        Assert.Equal(thermo[^1].GetProperty("energy").GetDouble(), restart[0].GetProperty("energy").GetDouble());
        Assert.Equal(frames[^1].GetProperty("kinetic").GetDouble(), restart[0].GetProperty("kinetic").GetDouble());
        // Latent's masses, not ASE's table's (Cl 35.453, not 35.45): else ASE would turn the momenta into other velocities.
        Assert.Equal(ExtendedXyzReader.ReadFile(input)[0].Structure.Masses, AseReader.Numbers(frames[0].GetProperty("masses")));
    }

    [Theory]
    [InlineData("eval", "--out", "out.traj")]
    [InlineData("relax", "--out", "out.cif")]
    [InlineData("relax", "--trajectory", "steps.traj")]
    [InlineData("md", "--out", "md.traj")]
    public void An_extension_the_tool_cannot_write_is_refused_naming_the_ones_it_can(string command, string option, string file)
    {
        var input = Input();
        var output = temp.File(file);
        string[] args = command == "md" ? ["md", input, "-p", "NaCl", "--steps", "2", option, output]
            : command == "relax" && option == "--trajectory" ? ["relax", input, "-p", "NaCl", "--out", temp.File("r.extxyz"), option, output]
            : [command, input, "-p", "NaCl", option, output];
        CliRun.Of(args).AssertUserError($"{option}: cannot write", $"'{Path.GetExtension(file)}' is not a format latent writes", ".extxyz or .xyz");
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void A_per_direction_move_mask_is_refused_rather_than_ignored()
    {
        var text = "2\nProperties=species:S:1:pos:R:3:move_mask:L:3\nNa 0 0 0 T F T\nCl 2.4 0 0 T T T\n";
        var input = temp.Write("fixcartesian.extxyz", text);
        CliRun.Of("relax", input, "-p", "NaCl", "--out", temp.File("r.extxyz")).AssertUserError("atom 0 (Na) is fixed in some directions and not others", "relax holds whole atoms only");
        CliRun.Of("md", input, "-p", "NaCl", "--steps", "2", "--out", temp.File("m.extxyz")).AssertUserError("atom 0 (Na) is fixed in some directions", "md holds whole atoms only");
    }
}
