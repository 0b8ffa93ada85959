using System.Globalization;
using System.Text;
using Latent.Cli.Bench.Lammps;
using Latent.Cli.Dimer;
using Latent.Runtime.Engine;
using Latent.Runtime.Engine.Solver;
using Latent.Runtime.Kernels;
using Latent.Runtime.Potentials;
using Latent.Runtime.Structures;
using Latent.Runtime.Structures.LammpsData;

namespace Latent.Cli.Tests;

/// <summary>
/// End to end: <c>latent export lammps NaCl</c>, built with cmake against the installed LAMMPS library (once per
/// test run, <see cref="PairStyleLatentBuild"/>), run by lmp-latent serially and under <c>mpirun -np 2</c>, gives
/// <c>latent eval</c>'s free energy, per-atom energies, forces, virial, charges and weights to 1e-8 relative, on a
/// displaced 512-atom rock-salt crystal (damped shifted-force Coulomb) and a 64-atom cluster (coul/direct, the bare
/// sum); the Na–Cl dimer pulled apart loses its charge where <c>latent dimer</c>'s does; NVE conserves energy.
/// Measured here: the energies agree to the last printed digit or two, forces to 5e-15 eV/Å.
/// </summary>
public sealed class PairStyleLatentTests(PairStyleLatentBuild build) : IClassFixture<PairStyleLatentBuild>
{
    private const double Relative = 1e-8;
    // LAMMPS's metal-units conversion of eV/Å³ to bar (force->nktv2p), to turn its pressure back into a virial.
    private const double BarPerEvPerCubicAngstrom = 1.6021765e6;

    private static readonly PotentialKernels NaCl = new PotentialLoader().Load("NaCl");

    private static EnsembleCalculator Eval() => new(NaCl, new CalculatorOptions { Solver = new SolverOptions { CompareStarts = true } });

    [PairStyleLatentTheory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_displaced_crystal_gives_latent_eval_s_numbers(int ranks)
    {
        build.Require();
        var crystal = RockSaltCrystal.Build("Na", Mass("Na"), "Cl", Mass("Cl"), 2 * Structures.NaClDistance, repeat: 4).Jiggled(0.15, seed: 3);
        Assert.True(crystal.Count >= 512);
        using var directory = new TempDirectory();
        var lammps = build.RunExample(directory, crystal, "p p p", "", ranks);
        var expected = Eval().Calculate(crystal);

        AssertSame(expected, lammps, crystal);
        // The cell's stress from LAMMPS's virial pressure: σ = −P (Voigt xx yy zz yz xz xy; LAMMPS prints xx yy zz xy xz yz).
        var stress = expected.Stress!;
        var lammpsStress = new[] { 1, 2, 3, 6, 5, 4 }.Select(k => -lammps.Virial[k - 1] / BarPerEvPerCubicAngstrom).ToArray();
        AssertClose(stress, lammpsStress, "stress");
    }

    [PairStyleLatentTheory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_cluster_with_the_bare_coulomb_sum_gives_latent_eval_s_numbers(int ranks)
    {
        build.Require();
        var cube = RockSaltCrystal.Build("Na", Mass("Na"), "Cl", Mass("Cl"), 2 * Structures.NaClDistance, repeat: 2).Jiggled(0.15, seed: 5);
        // 15 Å of vacuum on every side: LAMMPS reads the data file's box as walls (boundary f f f), and the bare
        // Coulomb sum's cutoff spans its diagonal; the .NET engine sees the cluster without a cell.
        var shift = new Vec3(15, 15, 15);
        var cluster = new Structure(cube.Symbols, Enumerable.Range(0, cube.Count).Select(i => cube.Position(i) + shift).ToArray(), cube.Masses, Cell.None);
        var boxed = new Structure(cluster.Symbols, Enumerable.Range(0, cluster.Count).Select(cluster.Position).ToArray(), cluster.Masses, Cell.Orthorhombic(40, 40, 40));
        using var directory = new TempDirectory();
        var lammps = build.RunExample(directory, boxed, "f f f", "coul/direct 80", ranks);
        var expected = Eval().Calculate(cluster);

        AssertSame(expected, lammps, cluster);
        // Without a cell the virial is Σ_i r_i F_i, which LAMMPS's pressure times the box volume gives back.
        var virial = new double[6];
        for (var i = 0; i < cluster.Count; i++)
        {
            var (r, f) = (cluster.Position(i), expected.Forces[i]);
            virial[0] += r.X * f.X;
            virial[1] += r.Y * f.Y;
            virial[2] += r.Z * f.Z;
            virial[3] += r.X * f.Y;
            virial[4] += r.X * f.Z;
            virial[5] += r.Y * f.Z;
        }

        AssertClose(virial, lammps.Virial.Select(p => p * lammps.Volume / BarPerEvPerCubicAngstrom).ToArray(), "virial");
    }

    [PairStyleLatentFact]
    public void The_dimer_pulled_apart_loses_its_charge_where_latent_dimer_s_does()
    {
        build.Require();
        var distances = Enumerable.Range(0, 101).Select(k => 2.0 + 0.1 * k).ToArray();
        var script = new StringBuilder();
        script.Append("units metal\natom_style charge\natom_modify map array\nboundary f f f\nregion box block -15 15 -15 15 -15 15\ncreate_box 2 box\n");
        script.Append("create_atoms 1 single 0 0 0\ncreate_atoms 2 single 2 0 0\nmass 1 ").Append(R(Mass("Na"))).Append("\nmass 2 ").Append(R(Mass("Cl"))).Append('\n');
        // Every distance a full search (compare yes), as latent dimer solves each point afresh.
        script.Append("pair_style latent coul/direct 60 compare yes\npair_coeff * * NaCl Na Cl\nvariable q equal q[1]\nthermo_style custom step pe\n");
        foreach (var r in distances)
            script.Append("set atom 2 x ").Append(R(r)).Append("\nrun 0\nprint \"dimer ").Append(R(r)).Append(" ${q}\"\n");
        using var directory = new TempDirectory();
        var output = build.Run(directory, directory.Write("in.dimer", script.ToString()), ranks: 1, []);
        var lammps = output.ReplaceLineEndings("\n").Split('\n').Where(l => l.StartsWith("dimer ", StringComparison.Ordinal))
            .Select(l => double.Parse(l.Split(' ')[2], CultureInfo.InvariantCulture)).ToArray();

        var expected = new DimerScan(NaCl, 0, 1, null).Run(distances).Select(p => p.Charges[0]).ToArray();
        Assert.Equal(distances.Length, lammps.Length);
        for (var k = 0; k < distances.Length; k++)
            Assert.True(Math.Abs(lammps[k] - expected[k]) <= Relative, $"r = {distances[k]} Å: q(Na) {lammps[k]} in LAMMPS, {expected[k]} in latent dimer");
        // The switch-off: |q(Na)| falls through half its value at the shortest distance between the same two points.
        Assert.Equal(SwitchOff(distances, expected), SwitchOff(distances, lammps));
        Assert.True(SwitchOff(distances, expected) is > 2.0 and < 12.0, "the scan must contain the switch-off");
    }

    [PairStyleLatentFact]
    public void Nve_conserves_energy_to_the_bound_the_dotnet_engine_meets()
    {
        build.Require();
        var crystal = RockSaltCrystal.Build("Na", Mass("Na"), "Cl", Mass("Cl"), 2 * Structures.NaClDistance, repeat: 2);
        using var directory = new TempDirectory();
        // MdTests' bound for latent md: |E_total − E_total(0)| / N < 1e-4 eV at 300 K and 1 fs; here for 1000 steps.
        var output = build.RunExample(directory, crystal, "p p p", "", 1, dynamics:
            "velocity all create 300 4928459 mom yes rot no dist gaussian\nfix nve all nve\ntimestep 0.001\nthermo_style custom step pe ke etotal\nthermo 10\nthermo_modify format float %.17g\nrun 1000\n");
        var rows = output.Log.ReplaceLineEndings("\n").Split('\n').Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length == 4 && f.All(IsNumber)).Select(f => f.Select(Number).ToArray()).ToArray();
        Assert.Equal(101, rows.Length);
        Assert.Equal(1000, rows[^1][0]);
        var start = rows[0][3];
        Assert.True(rows[0][2] > 0.01, "the crystal must move");
        Assert.All(rows, row => Assert.True(Math.Abs(row[3] - start) / crystal.Count < 1e-4, $"step {row[0]}: E_total {row[3]} eV, started at {start} eV"));
    }

    /// <summary>
    /// Two compressed clusters found by searching random ones against <c>latent eval</c>: the five-atom one's lowest
    /// branch is a mixed pattern (Na⁺ Cl⁻ Na⁰ Cl⁻ Na⁺), which only the enumeration of every integer pattern reaches
    /// (the per-element patterns make every Na alike), and the eight-atom one's is reached only from the
    /// charge-equalisation start. Without those two starts pair_style latent stopped 2.3 eV and 0.016 eV higher.
    /// </summary>
    [PairStyleLatentTheory]
    [InlineData("mixed pattern", 1)]
    [InlineData("mixed pattern", 2)]
    [InlineData("charge equalisation", 1)]
    [InlineData("charge equalisation", 2)]
    public void A_small_cluster_reaches_the_branch_only_a_whole_system_start_finds(string which, int ranks)
    {
        build.Require();
        var atoms = which == "mixed pattern"
            ? new[]
            {
                ("Na", 21.2416129520, 20.5426533401, 22.0832663561), ("Cl", 24.8284435266, 24.2103793689, 24.0247552892),
                ("Na", 21.1673422041, 22.8229368430, 21.4553507045), ("Cl", 24.2103556307, 21.0174713508, 21.6298107754),
                ("Na", 23.2978916687, 23.8497661687, 24.4954503630),
            }
            : new[]
            {
                ("Na", 21.2950424586, 23.4262899648, 23.4204095901), ("Cl", 24.2466808069, 20.9286208694, 21.1527930448),
                ("Na", 20.7357995908, 21.1258146778, 23.6701180111), ("Cl", 20.6510651138, 22.6565737592, 21.0695376525),
                ("Na", 24.0302341902, 24.1318267007, 23.7237507640), ("Cl", 24.7466170840, 23.9688527538, 21.2835398821),
                ("Na", 24.2496950639, 22.4339274652, 23.7750192564), ("Cl", 22.8206929930, 22.1478882309, 21.8210131261),
            };
        var cluster = new Structure(atoms.Select(a => a.Item1).ToArray(), atoms.Select(a => new Vec3(a.Item2, a.Item3, a.Item4)).ToArray(),
            atoms.Select(a => Mass(a.Item1)).ToArray(), Cell.None);
        // The atoms lie 20–25 Å from the origin of a 45 Å box (diagonal 78 Å, inside the bare sum's 80 Å).
        var boxed = new Structure(cluster.Symbols, Enumerable.Range(0, cluster.Count).Select(cluster.Position).ToArray(), cluster.Masses, Cell.Orthorhombic(45, 45, 45));
        using var directory = new TempDirectory();
        var lammps = build.RunExample(directory, boxed, "f f f", "coul/direct 80", ranks);
        var expected = Eval().Calculate(cluster);

        AssertSame(expected, lammps, cluster);
        if (which == "mixed pattern")
            Assert.Equal([1.0, -1.0, 0.0, -1.0, 1.0], expected.Charges.Select(q => Math.Round(q, 6) + 0.0).ToArray());
    }

    [PairStyleLatentFact]
    public void An_element_the_potential_lacks_is_a_lammps_error_naming_the_type()
    {
        build.Require();
        using var directory = new TempDirectory();
        var script = "units metal\natom_style charge\nregion box block 0 10 0 10 0 10\ncreate_box 2 box\nmass * 1\npair_style latent\npair_coeff * * NaCl Na Xe\n";
        var error = Assert.Throws<InvalidOperationException>(() => build.Run(directory, directory.Write("in.bad", script), 1, []));
        Assert.Contains("atom type 2 is 'Xe', which potential NaCl does not describe (it has Na, Cl)", error.Message);
    }

    [PairStyleLatentFact]
    public void An_unreachable_total_charge_is_a_lammps_error_not_a_number()
    {
        build.Require();
        using var directory = new TempDirectory();
        var script = "units metal\natom_style charge\nregion box block 0 10 0 10 0 10\ncreate_box 2 box\nmass * 1\n"
            + "create_atoms 1 single 1 1 1\ncreate_atoms 2 single 3.5 1 1\npair_style latent charge 5\npair_coeff * * NaCl Na Cl\nrun 0\n";
        var error = Assert.Throws<InvalidOperationException>(() => build.Run(directory, directory.Write("in.charged", script), 1, []));
        Assert.Contains("a total charge of 5 e cannot be reached", error.Message);
        Assert.Contains("potential NaCl, step 0, 2 atoms", error.Message);
    }

    [PairStyleLatentFact]
    public void The_driver_registers_the_style_again_after_clear()
    {
        build.Require();
        using var directory = new TempDirectory();
        var once = "units metal\natom_style charge\nboundary f f f\nregion box block -10 10 -10 10 -10 10\ncreate_box 2 box\nmass * 1\n"
            + "create_atoms 1 single 0 0 0\ncreate_atoms 2 single 2.4 0 0\npair_style latent coul/direct 40\npair_coeff * * NaCl Na Cl\n"
            + "thermo_style custom step pe\nthermo_modify format float %.17g\nrun 0\n";
        var output = build.Run(directory, directory.Write("in.twice", once + "clear\n" + once), 1, []);
        var energies = output.ReplaceLineEndings("\n").Split('\n').Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length == 2 && f[0] == "0" && IsNumber(f[1])).Select(f => Number(f[1])).ToArray();
        Assert.Equal(2, energies.Length);
        Assert.Equal(energies[0], energies[1]);
        var expected = Eval().Calculate(Structure(("Na", 0.0), ("Cl", 2.4))).FreeEnergy;
        Assert.True(Math.Abs(energies[0] - expected) <= Relative * Math.Abs(expected), $"LAMMPS {energies[0]} eV, latent eval {expected} eV");
    }

    [PairStyleLatentTheory]
    [InlineData(1)]
    [InlineData(2)]
    public void Latent_bench_times_the_warm_steps_of_pair_style_latent_and_says_how_it_was_built(int ranks)
    {
        build.Require();
        using var directory = new TempDirectory();
        var timing = LammpsBench.NaClPairStyleLatent(NaCl, build.Compiled!, cellsPerSide: 3, latticeConstant: 5.64, ranks, steps: 10, skin: 0.5, directory.Path);
        Assert.Equal(216, timing.Atoms);
        Assert.Equal(ranks, timing.Threads);
        // The timed run's steps, not the run 0 before it that does the cold weight search.
        Assert.Equal(10, timing.Steps);
        Assert.True(timing.MicrosecondsPerAtomStep > 0 && double.IsFinite(timing.MicrosecondsPerAtomStep), $"{timing.MicrosecondsPerAtomStep} µs/atom-step");
        Assert.True(timing.BytesPerAtom > 0 && double.IsFinite(timing.BytesPerAtom), $"{timing.BytesPerAtom} B/atom");
        Assert.StartsWith(ranks == 1 ? build.Driver : $"mpirun -np 2 {build.Driver}", timing.CommandLine);
        var input = File.ReadAllText(directory.File("in.nacl-latent"));
        Assert.Contains("pair_style latent coul/dsf 0.2 12\n", input);
        Assert.True(input.IndexOf("run 0\n", StringComparison.Ordinal) < input.IndexOf("run 10\n", StringComparison.Ordinal), "run 0 must come before the timed run");
        // The build says how it was compiled and against which LAMMPS; the note what the timed steps hold.
        var built = build.Compiled!.Describe("NaCl");
        Assert.Contains("-ffp-contract=off", built);
        Assert.Contains("-O3", built);
        Assert.Matches(@"against the installed LAMMPS \(\d+ \w+ \d{4}", built);
        Assert.Contains("10 timed steps after the `run 0`, holding about one probe and no full searches", timing.Note);
        // Charge moved from Na to Cl (in rock salt the weights sit at the ions: ±1 e).
        Assert.Matches(@"q\(Na\) = \+\d\.\d{3} e, q\(Cl\) = -\d\.\d{3} e", timing.Note);
    }

    [Fact]
    public void Export_refuses_a_continuous_charge_potential_and_a_foreign_directory()
    {
        using var directory = new TempDirectory();
        CliRun.Of("export", "lammps", "NaCl-QEq", "-o", directory.File("qeq")).AssertUserError("continuous (QEq) charges");
        directory.Write("keep.txt", "mine");
        CliRun.Of("export", "lammps", "NaCl", "-o", directory.Path).AssertUserError("holds no earlier export");
        Assert.Equal("mine", File.ReadAllText(directory.File("keep.txt")));
    }

    internal static void AssertSame(CalculationResult expected, LammpsResult lammps, Structure structure)
    {
        Assert.True(Math.Abs(lammps.Energy - expected.FreeEnergy) <= Relative * Math.Abs(expected.FreeEnergy), $"A: LAMMPS {lammps.Energy} eV, latent eval {expected.FreeEnergy} eV");
        Assert.Equal(structure.Count, lammps.Atoms.Length);
        var forceScale = expected.Forces.Max(f => Math.Max(Math.Abs(f.X), Math.Max(Math.Abs(f.Y), Math.Abs(f.Z))));
        var energyScale = Enumerable.Range(0, structure.Count).Max(i => Math.Abs(expected.Terms.AtomFreeEnergy(i)));
        for (var i = 0; i < structure.Count; i++)
        {
            var atom = lammps.Atoms[i];
            var f = expected.Forces[i];
            Assert.True(Math.Abs(atom.Force[0] - f.X) <= Relative * forceScale && Math.Abs(atom.Force[1] - f.Y) <= Relative * forceScale && Math.Abs(atom.Force[2] - f.Z) <= Relative * forceScale,
                $"atom {i + 1}: force ({string.Join(", ", atom.Force)}) in LAMMPS, {f} in latent eval");
            Assert.True(Math.Abs(atom.Charge - expected.Charges[i]) <= Relative, $"atom {i + 1}: q {atom.Charge} in LAMMPS, {expected.Charges[i]} in latent eval");
            Assert.True(Math.Abs(atom.Energy - expected.Terms.AtomFreeEnergy(i)) <= Relative * energyScale, $"atom {i + 1}: energy {atom.Energy} in LAMMPS, {expected.Terms.AtomFreeEnergy(i)} in latent eval");
            for (var a = 0; a < expected.Weights[i].Length; a++)
                Assert.True(Math.Abs(atom.Weights[a] - expected.Weights[i][a]) <= Relative, $"atom {i + 1}: weight {a + 1} {atom.Weights[a]} in LAMMPS, {expected.Weights[i][a]} in latent eval");
        }
    }

    private static void AssertClose(double[] expected, double[] actual, string what)
    {
        var scale = expected.Max(Math.Abs);
        for (var k = 0; k < expected.Length; k++)
            Assert.True(Math.Abs(actual[k] - expected[k]) <= Relative * scale, $"{what}[{k}]: LAMMPS {actual[k]}, latent eval {expected[k]}");
    }

    private static double? SwitchOff(double[] distances, double[] charges)
    {
        var half = 0.5 * Math.Abs(charges[0]);
        for (var k = 1; k < charges.Length; k++)
            if (Math.Abs(charges[k]) < half)
                return distances[k];
        return null;
    }

    private static Structure Structure(params (string Symbol, double X)[] atoms) =>
        new(atoms.Select(a => a.Symbol).ToArray(), atoms.Select(a => new Vec3(a.X, 0, 0)).ToArray(), atoms.Select(a => Mass(a.Symbol)).ToArray(), Cell.None);

    private static double Mass(string symbol) => NaCl.Elements.First(e => e.Symbol == symbol).Mass;

    private static string R(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    private static bool IsNumber(string s) => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static double Number(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
}

/// <summary>One atom of the example's dump: charge, force, per-atom energy and weights.</summary>
public sealed record LammpsAtom(double Charge, double[] Force, double Energy, double[] Weights);

/// <summary>What the example input printed: the energy, the virial pressure (bar; xx yy zz xy xz yz), the volume, and the atoms by id.</summary>
public sealed record LammpsResult(double Energy, double[] Virial, double Volume, LammpsAtom[] Atoms, string Log);

/// <summary>
/// <c>latent export lammps NaCl</c> (or another shipped potential) built once per test class with cmake (the build is
/// the slow part), and how the tests run its lmp-latent. A failed export or build is kept and reported by every test
/// that needs it.
/// </summary>
public class PairStyleLatentBuild : IDisposable
{
    /// <summary>The potential's elements, in its file's order: the data files' atom types.</summary>
    private readonly string[] elements;

    private readonly TempDirectory directory = new();
    private readonly string? failure;

    public PairStyleLatentBuild()
        : this("NaCl")
    {
    }

    protected PairStyleLatentBuild(string potential)
    {
        elements = new PotentialLoader().Load(potential).Elements.Select(e => e.Symbol).ToArray();
        if (PairStyleLatentRequirement.SkipReason is not null)
        {
            failure = PairStyleLatentRequirement.SkipReason;
            return;
        }

        var project = directory.File($"{potential.ToLowerInvariant()}-lammps");
        var export = CliRun.Of("export", "lammps", potential, "-o", project);
        if (export.ExitCode != 0)
        {
            failure = $"latent export lammps {potential} failed: {export.Stderr}";
            return;
        }

        try
        {
            Compiled = LmpLatentBuild.Compile(project);
        }
        catch (LammpsException error)
        {
            failure = error.Message;
            return;
        }

        Example = Path.Combine(project, "example", "in.latent");
    }

    /// <summary>The build (the bench's: cmake in Release), with its driver, compiler and flags.</summary>
    internal LmpLatentBuild? Compiled { get; }

    /// <summary>The built driver.</summary>
    public string Driver => Compiled?.Driver ?? "";

    /// <summary>The exported example input.</summary>
    public string Example { get; } = "";

    /// <summary>Fails the test with the reason when the export or the build failed.</summary>
    public void Require()
    {
        if (failure is not null)
            Assert.Fail($"pair_style latent could not be built: {failure}");
    }

    /// <summary>
    /// Runs the exported example on <paramref name="structure"/> (written as a LAMMPS data file by
    /// <see cref="LammpsDataWriter"/>, types in the potential's element order, with the given boundary and
    /// pair_style arguments), or instead of its run 0 the given dynamics, and reads what it printed. A data file
    /// holds a periodic box: a cluster's is its cell, and <c>boundary f f f</c> makes LAMMPS treat it as walls.
    /// </summary>
    public LammpsResult RunExample(TempDirectory work, Structure structure, string boundary, string pairArguments, int ranks, string? dynamics = null)
    {
        var charges = new double[structure.Count];
        var data = work.Write("atoms.data", LammpsDataWriter.Format(
            new LammpsDataFile(structure, LammpsAtomStyle.Charge, charges, null, "pair_style latent test structure"), elements));
        var example = File.ReadAllText(Example)
            .Replace("boundary p p p", $"boundary {boundary}", StringComparison.Ordinal)
            .Replace("pair_style latent\n", $"pair_style latent {pairArguments}\n", StringComparison.Ordinal);
        if (dynamics is not null)
            example = example[..example.IndexOf("compute energy", StringComparison.Ordinal)] + dynamics;
        var output = Run(work, work.Write("in.latent", example), ranks, ["-var", "data", data, "-var", "dump", work.File("atoms.dump")]);
        if (dynamics is not null)
            return new LammpsResult(0, [], 0, [], output);

        var thermo = LammpsLog.Parse(output).LastThermo;
        var virial = Enumerable.Range(1, 6).Select(k => thermo[$"c_virial[{k}]"]).ToArray();
        var dump = File.ReadAllText(work.File("atoms.dump")).ReplaceLineEndings("\n");
        var rows = dump[(dump.IndexOf("ITEM: ATOMS", StringComparison.Ordinal))..].Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray());
        var atoms = rows.Select(r => new LammpsAtom(r[2], [r[3], r[4], r[5]], r[6], r[7..])).ToArray();
        return new LammpsResult(thermo["PotEng"], virial, thermo["Volume"], atoms, output);
    }

    /// <summary>Runs lmp-latent on a script (under mpirun for more than one rank) and returns its screen output.</summary>
    /// <exception cref="InvalidOperationException">The run failed; the message holds LAMMPS's ERROR line.</exception>
    public string Run(TempDirectory work, string script, int ranks, IReadOnlyList<string> variables)
    {
        var arguments = new List<string> { "-in", script, "-log", "none", "-nocite" };
        arguments.AddRange(variables);
        var (failed, output) = ranks == 1
            ? Execute(Driver, arguments, work.Path)
            : Execute("mpirun", ["--allow-run-as-root", "--oversubscribe", "-np", ranks.ToString(CultureInfo.InvariantCulture), Driver, .. arguments], work.Path);
        if (failed is not null)
            throw new InvalidOperationException(failed);
        return output;
    }

    private static (string? Failure, string Output) Execute(string program, IReadOnlyList<string> arguments, string workDirectory)
    {
        var (exitCode, output, errors) = LammpsLauncher.Execute(LammpsLauncher.StartInfo(program, arguments, workDirectory));
        if (exitCode == 0)
            return (null, output);
        var error = LammpsLog.LastError(output) ?? LammpsLog.LastError(errors) ?? $"{output}\n{errors}".Trim();
        return ($"{program} {string.Join(' ', arguments)} exited with {exitCode}: {error}", output);
    }

    public void Dispose()
    {
        directory.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary><c>latent export lammps Cu</c>, built once for <see cref="PairStyleLatentCuTests"/>.</summary>
public sealed class PairStyleLatentCuBuild() : PairStyleLatentBuild("Cu");

/// <summary>
/// Whether pair_style latent can be built and run here: lmp, mpirun, cmake, g++, mpicxx and the LAMMPS library's
/// headers. CI installs them (.ci/run), so there nothing is skipped and a missing one fails the tests.
/// </summary>
public static class PairStyleLatentRequirement
{
    public static string? SkipReason
    {
        get
        {
            if (LammpsRequirement.InCi)
                return null;
            // latent bench's own check: cmake, g++, mpicxx, mpirun and the LAMMPS library's headers.
            return LammpsRequirement.SkipReason ?? LmpLatentBuild.Missing();
        }
    }
}

/// <summary>A fact that builds and runs pair_style latent: skipped with the reason outside CI when a tool is missing, failing under CI.</summary>
public sealed class PairStyleLatentFactAttribute : FactAttribute
{
    public PairStyleLatentFactAttribute()
    {
        if (PairStyleLatentRequirement.SkipReason is { } reason)
            Skip = reason;
    }
}

/// <summary>A theory that builds and runs pair_style latent: skipped with the reason outside CI when a tool is missing, failing under CI.</summary>
public sealed class PairStyleLatentTheoryAttribute : TheoryAttribute
{
    public PairStyleLatentTheoryAttribute()
    {
        if (PairStyleLatentRequirement.SkipReason is { } reason)
            Skip = reason;
    }
}
