using System.Globalization;
using System.Text.Json;
using Latent.Runtime.Structures.ExtendedXyz;
using Latent.Runtime.Structures.Vasp;

namespace Latent.Cli.Tests.StructureFiles;

/// <summary>
/// VASP files both ways with ASE 3.22 (Debian python3-ase): POSCARs ASE writes (Direct and Cartesian, FixAtoms and
/// FixScaled as selective dynamics) are read with ASE's positions, cell and fixed atoms, the fixed atoms as
/// <c>move_mask</c> in extended XYZ; and the POSCAR and LAMMPS data file <c>latent eval --out</c> writes read back in ASE.
/// </summary>
public sealed class PoscarFileTests
{
    /// <summary>A rattled, sheared NaCl cell with one atom fixed and one fixed in z only, written by ASE both ways.</summary>
    private const string WriteScript = """
        import json
        import numpy as np
        from ase.build import bulk
        from ase.constraints import FixAtoms, FixScaled
        import ase.io
        atoms = bulk('NaCl', 'rocksalt', a=5.64, cubic=True)
        atoms.set_cell(np.dot(atoms.cell, [[1, 0.05, 0.02], [0.03, 1, 0.04], [0.01, 0.02, 1]]), scale_atoms=True)
        atoms.rattle(0.05, seed=7)
        ase.io.write('POSCAR', atoms, format='vasp', direct=True, vasp5=True)
        ase.io.write('cartesian.vasp', atoms, format='vasp', direct=False, vasp5=True)
        atoms.set_constraint([FixAtoms(indices=[1]), FixScaled(atoms.cell, 2, mask=(False, False, True))])
        ase.io.write('fixed.vasp', atoms, format='vasp', vasp5=True)
        fixed = ase.io.read('fixed.vasp')
        print(json.dumps({'symbols': atoms.get_chemical_symbols(), 'positions': atoms.positions.tolist(), 'cell': atoms.cell.tolist(),
                          'constraints': [c.todict() for c in fixed.constraints]}))
        """;

    [AseFact]
    public void Poscars_ase_writes_read_with_ase_s_atoms_and_fixed_atoms()
    {
        using var directory = new TempDirectory();
        using var ase = JsonDocument.Parse(AsePython.Run(WriteScript, directory.Path));
        var symbols = ase.RootElement.GetProperty("symbols").EnumerateArray().Select(e => e.GetString()!).ToArray();
        var positions = Rows(ase.RootElement.GetProperty("positions"));
        var cell = Rows(ase.RootElement.GetProperty("cell"));

        foreach (var name in new[] { "POSCAR", "cartesian.vasp", "fixed.vasp" })
        {
            var read = PoscarReader.ReadFile(directory.File(name));
            var s = read.Structure;
            Assert.Equal(symbols, s.Symbols);
            for (var k = 0; k < 3; k++)
            {
                for (var c = 0; c < 3; c++)
                    Assert.Equal(cell[k][c], s.Cell[k][c], 1e-14);
            }

            for (var i = 0; i < s.Count; i++)
            {
                // ASE prints 16 decimals; Direct coordinates add the round-off of one conversion.
                for (var c = 0; c < 3; c++)
                    Assert.True(Math.Abs(positions[i][c] - s.Position(i)[c]) < 1e-12, $"{name} atom {i} {"xyz"[c]}: ASE {positions[i][c]}, read {s.Position(i)[c]}");
            }
        }

        // ASE reads its own selective dynamics back as FixAtoms for atom 1 and FixScaled for atom 2 (c only).
        Assert.Contains("FixAtoms", ase.RootElement.GetProperty("constraints").GetRawText());
        var movable = PoscarReader.ReadFile(directory.File("fixed.vasp")).Movable!;
        Assert.Equal([true, true, true, false, false, false, true, true, false], movable[..9]);
        Assert.All(movable[9..], Assert.True);

        // Through the CLI: three flags an atom (one atom is fixed in z only) as move_mask:L:3.
        var run = CliRun.Of("eval", directory.File("fixed.vasp"), "--potential", "NaCl", "--out", directory.File("fixed.extxyz"), "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var frame = ExtendedXyzReader.ReadFile(directory.File("fixed.extxyz")).Single();
        Assert.Equal(3, frame.Columns["move_mask"].Components);
        Assert.Equal(movable, frame.Columns["move_mask"].Logicals);
    }

    [AseFact]
    public void Files_latent_writes_read_back_in_ase()
    {
        using var directory = new TempDirectory();
        AsePython.Run(WriteScript, directory.Path);
        // FixAtoms alone: one flag an atom, as ASE's extended XYZ writes it.
        AsePython.Run("""
            import ase.io
            from ase.constraints import FixAtoms
            atoms = ase.io.read('POSCAR')
            atoms.set_constraint(FixAtoms(indices=[0, 3]))
            atoms.write('input.extxyz', columns=['symbols', 'positions', 'move_mask'])
            """, directory.Path);
        var run = CliRun.Of("eval", directory.File("input.extxyz"), "--potential", "NaCl", "--out", directory.File("CONTCAR"));
        Assert.True(run.ExitCode == 0, run.Stderr);
        run = CliRun.Of("eval", directory.File("input.extxyz"), "--potential", "NaCl", "--out", directory.File("out.lmp"), "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var charges = JsonDocument.Parse(run.Stdout).RootElement.GetProperty("charges").EnumerateArray().Select(e => e.GetDouble()).ToArray();

        using var back = JsonDocument.Parse(AsePython.Run("""
            import json
            import ase.io
            original = ase.io.read('input.extxyz')
            contcar = ase.io.read('CONTCAR', format='vasp')
            data = ase.io.read('out.lmp', format='lammps-data', style='charge', units='metal')
            print(json.dumps({
                'contcar_positions': float(abs(contcar.positions - original.positions).max()),
                'contcar_cell': float(abs(contcar.cell - original.cell).max()),
                'contcar_symbols': contcar.get_chemical_symbols() == original.get_chemical_symbols(),
                'contcar_fixed': [int(i) for c in contcar.constraints for i in c.get_indices()],
                'data_distances': float(abs(data.get_all_distances(mic=True) - original.get_all_distances(mic=True)).max()),
                'data_volume': float(data.get_volume() - original.get_volume()),
                'data_charges': data.get_initial_charges().tolist(),
            }))
            """, directory.Path));
        var r = back.RootElement;
        Assert.Equal(0, r.GetProperty("contcar_positions").GetDouble());
        Assert.Equal(0, r.GetProperty("contcar_cell").GetDouble());
        Assert.True(r.GetProperty("contcar_symbols").GetBoolean());
        Assert.Equal([0, 3], r.GetProperty("contcar_fixed").EnumerateArray().Select(e => e.GetInt32()).ToArray());
        Assert.True(r.GetProperty("data_distances").GetDouble() < 1e-10, $"distances differ by {r.GetProperty("data_distances").GetDouble()} Å");
        Assert.True(Math.Abs(r.GetProperty("data_volume").GetDouble()) < 1e-9);
        var dataCharges = r.GetProperty("data_charges").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(charges.Length, dataCharges.Length);
        Assert.All(charges.Zip(dataCharges), pair => Assert.Equal(pair.First, pair.Second, 1e-12));
    }

    private static double[][] Rows(JsonElement array) =>
        array.EnumerateArray().Select(row => row.EnumerateArray().Select(e => e.GetDouble()).ToArray()).ToArray();
}
