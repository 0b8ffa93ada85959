using System.Globalization;
using System.Text;
using Latent.Cli.Bench.Lammps;
using Latent.Runtime.Engine;
using Latent.Runtime.Potentials;
using Latent.Runtime.Structures;

namespace Latent.Cli.Tests;

/// <summary>
/// End to end: the table <c>latent export setfl Cu</c> writes, run by LAMMPS (eam/alloy, run 0), gives
/// Latent's energy and forces on a perturbed 4×4×4 fcc crystal. At the default 5000-point grids the
/// agreement measured is 8e-14 relative in energy and 3e-9 eV/Å in forces; the bounds leave room for
/// other builds of LAMMPS and libm.
/// </summary>
public sealed class SetflLammpsTests
{
    private const double EnergyTolerance = 1e-10;   // relative
    private const double ForceTolerance = 1e-8;     // eV/Å

    [LammpsFact]
    public void Lammps_with_the_table_gives_latent_s_energy_and_forces()
    {
        LammpsRequirement.Require();
        using var directory = new TempDirectory();
        var kernels = new PotentialLoader().Load("Cu");
        var crystal = CubicCrystal.Build("Cu", kernels.Elements[0].Mass, "fcc", 3.615, repeat: 4).Jiggled(0.1, seed: 11);

        var export = CliRun.Of("export", "setfl", "Cu", "-o", directory.File("Cu.setfl"));
        Assert.True(export.ExitCode == 0, export.Stderr);
        File.WriteAllText(directory.File("cu.data"), DataFile(crystal));
        File.WriteAllText(directory.File("in.check"), string.Join('\n',
            "units metal",
            "atom_style atomic",
            "boundary p p p",
            "read_data cu.data",
            "pair_style eam/alloy",
            "pair_coeff * * Cu.setfl Cu",
            "thermo_style custom step pe",
            "thermo_modify format float %.17g",
            "dump forces all custom 1 forces.dump id fx fy fz",
            "dump_modify forces format float %.17g sort id",
            "run 0") + "\n");
        var (output, _) = LammpsLauncher.Run("in.check", 1, directory.Path);
        var lammpsEnergy = LammpsLog.Parse(output).LastThermo["PotEng"];
        var lammpsForces = Forces(File.ReadAllText(directory.File("forces.dump")));

        var result = new EnsembleCalculator(kernels).Calculate(crystal);
        // Latent reports A = E − θ·ln g per atom for the one state (degeneracy 2); the table holds E.
        var degeneracy = kernels.Elements[0].States[0].Degeneracy;
        Assert.Equal(result.InternalEnergy - crystal.Count * kernels.Temperature * Math.Log(degeneracy), result.FreeEnergy, 9);
        Assert.True(Math.Abs(lammpsEnergy - result.InternalEnergy) <= EnergyTolerance * Math.Abs(result.InternalEnergy),
            $"LAMMPS {lammpsEnergy} eV, Latent E {result.InternalEnergy} eV");
        Assert.Equal(crystal.Count, lammpsForces.Length);
        var worst = 0.0;
        for (var i = 0; i < crystal.Count; i++)
        {
            var f = result.Forces[i];
            worst = Math.Max(worst, Math.Max(Math.Abs(f.X - lammpsForces[i][0]), Math.Max(Math.Abs(f.Y - lammpsForces[i][1]), Math.Abs(f.Z - lammpsForces[i][2]))));
        }

        Assert.True(worst <= ForceTolerance, $"largest force difference {worst} eV/Å");
    }

    /// <summary>A LAMMPS data file (atom_style atomic) of an orthorhombic periodic structure of one element.</summary>
    private static string DataFile(Structure structure)
    {
        var cell = structure.Cell;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"perturbed fcc Cu\n\n{structure.Count} atoms\n1 atom types\n\n");
        text.Append(CultureInfo.InvariantCulture, $"0 {cell.A.X:R} xlo xhi\n0 {cell.B.Y:R} ylo yhi\n0 {cell.C.Z:R} zlo zhi\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Masses\n\n1 {structure.Masses[0]:R}\n\nAtoms # atomic\n\n");
        for (var i = 0; i < structure.Count; i++)
            text.Append(CultureInfo.InvariantCulture, $"{i + 1} 1 {structure.X[i]:R} {structure.Y[i]:R} {structure.Z[i]:R}\n");
        return text.ToString();
    }

    /// <summary>fx fy fz by atom id from a sorted custom dump of one frame.</summary>
    private static double[][] Forces(string dump)
    {
        var rows = dump.ReplaceLineEndings("\n").Split("ITEM: ATOMS id fx fy fz\n")[1].Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return rows.Select(r => r.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(s => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray()).ToArray();
    }
}
