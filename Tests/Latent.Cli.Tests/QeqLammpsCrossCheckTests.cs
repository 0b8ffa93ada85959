using System.Globalization;
using Latent.Cli.Bench.Lammps;
using Latent.Runtime.Engine;
using Latent.Runtime.Engine.ChargeEquilibration;
using Latent.Runtime.Kernels;
using Latent.Runtime.Potentials;
using Latent.Runtime.Structures;
using Latent.Symbolic.PotentialFile;

namespace Latent.Cli.Tests;

/// <summary>
/// Latent's charge equilibration is LAMMPS's Streitz–Mintmire QEq (<c>pair_style coul/streitz</c> with
/// <c>fix qeq/slater</c>) with no core charge (Z = 0): the same χq + ½Jq², the same Slater 1s Coulomb integrals,
/// the same minimum at Σq = 0 (docs/model.md §8). Both run NaCl-QEq's parameters on the same structures, and the
/// charges, energies and forces agree to the solvers' tolerance. Where the two differ in form, the inputs are set so
/// that they compute the same quantity:
/// <list type="bullet">
/// <item>the Coulomb constant: LAMMPS's metal units use k_e = 14.399645 eV·Å, Latent 14.3996454784. χ and J are given
/// to LAMMPS multiplied by κ = 14.399645/14.3996454784, so its E(q) is κ times Latent's: the same charges, energies and
/// forces times κ;</item>
/// <item>the long range: for clusters coul/streitz's Wolf sum with α = 0 and a cutoff of 10⁸ Å is the bare 1/r sum but
/// for a −1/R_c per pair, which a neutral cluster's Wolf self term cancels in the energy; the fix puts that self term
/// −k_e/R_c on the diagonal without the pair shift, so J is raised by k_e/R_c in LAMMPS's file and its energy is then
/// Latent's plus k_e Σq²/(2R_c) (10⁻⁷ eV), added to the expectation. For cells, α = 0.1 1/Å and R_c = 60 Å in both:
/// there erfc(αR_c) = 2·10⁻¹⁷ and every shift of Wolf's and of the damped shifted-force sum vanishes, and the two
/// are the same lattice sum (both leave out reciprocal space);</item>
/// <item>the short-range Slater part: LAMMPS keeps it to its cutoff (60 Å), so the potential's switch is moved out to
/// 58–60 Å, where Na's density is e^{−44} of its value;</item>
/// <item>the pair term: φ is a plain pair term (LAMMPS's born style would add it the same way), so both leave it out
/// and compare the charge model alone.</item>
/// </list>
/// </summary>
public sealed class QeqLammpsCrossCheckTests
{
    /// <summary>LAMMPS's Coulomb constant in metal units (force->qqr2e, src/update.cpp).</summary>
    private const double LammpsCoulomb = 14.399645;

    private static readonly double Kappa = LammpsCoulomb / LongRangeCoulomb.CoulombConstant;

    /// <summary>The cluster Wolf cutoff (Å): beyond any cluster, so every pair is inside it.</summary>
    private const double ClusterCutoff = 1e8;

    private const double CellDamping = 0.1;
    private const double CellCutoff = 60.0;

    /// <summary>Charges agree to this (e): both solves are converged far below it (Latent to 10⁻¹² eV/e, LAMMPS to a relative 10⁻¹⁴).</summary>
    private const double ChargeTolerance = 1e-9;

    private static readonly Lazy<(string Text, PotentialKernels Kernels)> Potential = new(() =>
    {
        var text = PotentialSource.Resolve("NaCl-QEq").Text;
        text = Edit(text, "name = \"NaCl-QEq\"", "name = \"NaCl-QEq-LAMMPS\"");
        text = Edit(text, "cutoff = 20.0 ", $"cutoff = {CellCutoff.ToString(CultureInfo.InvariantCulture)} ");
        foreach (var pair in new[] { "A_NaNa", "A_NaCl", "A_ClCl" })
            text = Edit(text, $"phi = \"born_mayer(r, {pair}, rho)\"", "phi = \"0\"");
        var path = Path.Combine(Path.GetTempPath(), $"latent-qeq-lammps-{Environment.ProcessId}.toml");
        File.WriteAllText(path, text);
        try
        {
            return (text, new PotentialLoader().Load(path));
        }
        finally
        {
            File.Delete(path);
        }
    });

    private static string Edit(string text, string from, string to)
    {
        Assert.Contains(from, text);
        return text.Replace(from, to);
    }

    public static TheoryData<string> Clusters => ["dimer 2.36", "dimer 5", "rock-salt cube"];

    [LammpsTheory]
    [MemberData(nameof(Clusters))]
    public void Clusters_have_LAMMPS_charges_energies_and_forces(string name)
    {
        LammpsRequirement.Require();
        var structure = name switch
        {
            "dimer 2.36" => Dimer(2.36),
            "dimer 5" => Dimer(5.0),
            _ => Cluster(RockSaltCrystal.Build("Na", 22.99, "Cl", 35.45, 5.64, 1).Jiggled(0.1, 3)),
        };
        Compare(structure, periodic: false);
    }

    [LammpsFact]
    public void A_rock_salt_cell_has_LAMMPS_charges_energies_and_forces()
    {
        LammpsRequirement.Require();
        Compare(RockSaltCrystal.Build("Na", 22.99, "Cl", 35.45, 5.64, 1).Jiggled(0.1, 3), periodic: true);
    }

    private static void Compare(Structure structure, bool periodic)
    {
        var (_, kernels) = Potential.Value;
        var ours = new ChargeEquilibrationCalculator(kernels, new CalculatorOptions
        {
            CoulombDamping = periodic ? CellDamping : null,
            CoulombCutoff = periodic ? CellCutoff : null,
            ChargeEquilibration = new ChargeEquilibrationOptions { Tolerance = 1e-12 },
        }).Calculate(structure);
        var lammps = RunLammps(kernels, structure, periodic);

        var n = structure.Count;
        for (var i = 0; i < n; i++)
        {
            Assert.True(Math.Abs(ours.Charges[i] - lammps.Charges[i]) <= ChargeTolerance,
                $"atom {i} ({structure.Symbols[i]}): Latent q = {ours.Charges[i]:R}, LAMMPS q = {lammps.Charges[i]:R}");
        }
        Assert.True(ours.Charges.Max(Math.Abs) > 0.2, $"no charge moved: {string.Join(", ", ours.Charges)}");

        var squares = ours.Charges.Sum(q => q * q);
        var expected = Kappa * ours.FreeEnergy + (periodic ? 0 : LammpsCoulomb * squares / (2 * ClusterCutoff));
        Assert.True(Math.Abs(lammps.Energy - expected) <= 1e-8 * (1 + Math.Abs(expected)), $"LAMMPS E = {lammps.Energy:R} eV, Latent's κE = {expected:R} eV");
        for (var i = 0; i < n; i++)
        {
            for (var c = 0; c < 3; c++)
            {
                var mine = Kappa * ours.Forces[i][c];
                Assert.True(Math.Abs(lammps.Forces[i][c] - mine) <= 1e-7 * (1 + Math.Abs(mine)), $"atom {i} component {c}: LAMMPS F = {lammps.Forces[i][c]:R}, Latent's κF = {mine:R}");
            }
        }
    }

    private static Structure Dimer(double r) => new(["Na", "Cl"], [Vec3.Zero, new Vec3(r, 0, 0)], [22.99, 35.45], Cell.None);

    private static Structure Cluster(Structure s) => new(s.Symbols, Enumerable.Range(0, s.Count).Select(s.Position).ToArray(), s.Masses, Cell.None);

    private sealed record LammpsResult(double[] Charges, Vec3[] Forces, double Energy);

    /// <summary>Runs coul/streitz + fix qeq/slater once (run 0) and reads the charges and forces it dumps and its energy.</summary>
    private static LammpsResult RunLammps(PotentialKernels kernels, Structure structure, bool periodic)
    {
        using var directory = new TempDirectory();
        var model = PotentialLoader.Read(PotentialSource.Resolve(directory.Write("qeq.toml", Potential.Value.Text)));
        var lines = new List<string>();
        foreach (var element in kernels.Elements)
        {
            var charge = element.Charge!;
            var zeta = Latent.Symbolic.Evaluate.at(Microsoft.FSharp.Collections.MapModule.Empty<string, double>(),
                Latent.Symbolic.Constraints.Instances.fold(model, model.Element(element.Symbol).Charge.Value.Exponent.Value.Expr));
            // κ makes LAMMPS's E(q) κ times Latent's; a cluster's J also takes back the fix's Wolf self term k_e/R_c.
            var hardness = Kappa * charge.Hardness + (periodic ? 0 : LammpsCoulomb / ClusterCutoff);
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{element.Symbol} {Kappa * charge.Electronegativity:R} {hardness:R} 0.0 {zeta:R} 0.0"));
        }
        directory.Write("NaCl.streitz", string.Join('\n', lines) + "\n");
        directory.Write("structure.data", DataFile(structure, periodic));

        var (cutoff, alpha) = periodic ? (CellCutoff, CellDamping) : (ClusterCutoff, 0.0);
        var input = string.Join('\n',
            "units metal",
            "atom_style charge",
            "atom_modify map array",
            periodic ? "boundary p p p" : "boundary f f f",
            "read_data structure.data",
            $"pair_style coul/streitz {Invariant(cutoff)} wolf {Invariant(alpha)}",
            "pair_coeff * * NaCl.streitz Na Cl",
            // A cluster's cutoff dwarfs its box: no bins, every pair; a cell's reaches thousands of images.
            periodic ? "neighbor 1.0 bin\nneigh_modify one 200000 page 2000000" : "neighbor 1.0 nsq",
            $"fix qeq all qeq/slater 1 {Invariant(cutoff)} 1e-14 1000 coul/streitz alpha {Invariant(alpha)}",
            "thermo_style custom step pe",
            "run 0",
            "write_dump all custom charges.dump id q fx fy fz modify format float %.17g",
            "print \"ENERGY $(pe:%.17g)\"") + "\n";
        directory.Write("in.qeq", input);
        var (output, _) = LammpsLauncher.Run("in.qeq", threads: 1, directory.Path);

        var energyLine = output.ReplaceLineEndings("\n").Split('\n').Last(l => l.StartsWith("ENERGY ", StringComparison.Ordinal));
        var energy = double.Parse(energyLine["ENERGY ".Length..], CultureInfo.InvariantCulture);
        var charges = new double[structure.Count];
        var forces = new Vec3[structure.Count];
        var dump = File.ReadAllLines(directory.File("charges.dump"));
        var atoms = Array.FindIndex(dump, l => l.StartsWith("ITEM: ATOMS", StringComparison.Ordinal));
        foreach (var line in dump.Skip(atoms + 1).Where(l => l.Trim().Length > 0))
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            var i = (int)f[0] - 1;
            charges[i] = f[1];
            forces[i] = new Vec3(f[2], f[3], f[4]);
        }
        return new LammpsResult(charges, forces, energy);
    }

    /// <summary>A LAMMPS data file (atom style charge): a cell as the structure's, or a box around a cluster.</summary>
    private static string DataFile(Structure s, bool periodic)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine("Latent structure").AppendLine().AppendLine($"{s.Count} atoms").AppendLine("2 atom types").AppendLine();
        var (lo, hi) = periodic ? (0.0, s.Cell.A.X) : (-20.0, 20.0);
        if (periodic)
            Assert.True(s.Cell.A.Y == 0 && s.Cell.A.Z == 0 && s.Cell.B.X == 0 && s.Cell.B.Z == 0 && s.Cell.C.X == 0 && s.Cell.C.Y == 0 && s.Cell.A.X == s.Cell.B.Y && s.Cell.B.Y == s.Cell.C.Z);
        foreach (var axis in new[] { "x", "y", "z" })
            text.AppendLine(Invariant(lo) + " " + Invariant(hi) + $" {axis}lo {axis}hi");
        text.AppendLine().AppendLine("Masses").AppendLine().AppendLine("1 22.99").AppendLine("2 35.45").AppendLine().AppendLine("Atoms # charge").AppendLine();
        for (var i = 0; i < s.Count; i++)
        {
            var type = s.Symbols[i] == "Na" ? 1 : 2;
            text.AppendLine($"{i + 1} {type} 0.0 {Invariant(s.X[i])} {Invariant(s.Y[i])} {Invariant(s.Z[i])}");
        }
        return text.ToString();
    }

    private static string Invariant(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
