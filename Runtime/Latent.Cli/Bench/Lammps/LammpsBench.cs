using System.Globalization;
using Latent.Cli.Input;
using Latent.Cli.Output;
using Latent.Runtime.Export;
using Latent.Runtime.Engine.Solver;
using Latent.Runtime.Kernels;

namespace Latent.Cli.Bench.Lammps;

/// <summary>
/// The LAMMPS side of <c>latent bench</c>: the same MD step as Latent's (NVE velocity Verlet, 1 fs, velocities
/// at 300 K, neighbour lists rebuilt when an atom has moved half the skin) on the same crystals, timed by
/// LAMMPS's own loop time. Cu runs Latent's own functions (the <see cref="SetflTable"/> of the potential);
/// NaCl runs the nearest thing LAMMPS has to a charge-transfer potential, Streitz–Mintmire electrostatics with
/// QEq every step, built from the NaCl potential's atomic data and repulsion.
/// </summary>
internal static class LammpsBench
{
    private const double Temperature = 300.0;
    private const double TimestepPs = 0.001;
    private const int VelocitySeed = 4928459;

    /// <summary>Fennell–Gezelter/Wolf damping α (1/Å), as Latent's damped shifted-force sum (docs/model.md §7).</summary>
    private const double CoulombDamping = 0.2;

    /// <summary>Real-space cutoff of the Coulomb sum and of QEq (Å), as Latent's default.</summary>
    private const double CoulombCutoff = 12.0;

    /// <summary>qeq/slater's residual tolerance and iteration cap (LAMMPS's example values).</summary>
    private const double QeqTolerance = 1e-6;
    private const int QeqIterations = 200;

    /// <summary>Null when lmp can be run; else a one-line reason (shown in the page's LAMMPS columns).</summary>
    public static string? Unavailable() => LammpsLauncher.Unavailable();

    /// <summary>LAMMPS's version as <c>lmp -h</c> states it, or null.</summary>
    public static string? Version() => LammpsLauncher.Version();

    /// <summary>
    /// fcc Cu at the potential's lattice constant, cells³·4 atoms, eam/alloy with the potential's setfl table.
    /// </summary>
    /// <exception cref="LammpsException">lmp is missing or the run failed.</exception>
    public static LammpsTiming CuEam(PotentialKernels cu, int cellsPerSide, int threads, int steps, double skin, string workDirectory)
    {
        CheckRun(cellsPerSide, threads, steps, skin);
        var elements = SetflElement.Describe(cu, PotentialInput.Model(cu));
        var crystal = elements.FirstOrDefault(e => e.HasCrystal)
            ?? throw new ArgumentException($"potential {cu.Name} declares no crystal, so there is no lattice to run");
        if (crystal.Structure != "fcc")
            throw new ArgumentException($"potential {cu.Name} declares a {crystal.Structure} crystal; this case runs fcc");
        var table = SetflTable.Build(cu, elements, SetflGrid.Default(cu, elements)!);
        var tableFile = $"{cu.Name}.setfl";
        Directory.CreateDirectory(workDirectory);
        AtomicFile.WriteAllText(Path.Combine(workDirectory, tableFile), SetflWriter.ToText(table, $"{cu.Name}: Latent potential, source sha256 {cu.SourceHash}"));

        var type = cu.ElementIndex(crystal.Symbol) + 1;
        var input = Lines(
            "units metal",
            "atom_style atomic",
            "boundary p p p",
            $"lattice fcc {Invariant(crystal.LatticeConstant)}",
            $"region box block 0 {cellsPerSide} 0 {cellsPerSide} 0 {cellsPerSide}",
            $"create_box {cu.Elements.Count} box",
            $"create_atoms {type} box",
            Masses(cu),
            "pair_style eam/alloy",
            $"pair_coeff * * {tableFile} {string.Join(' ', cu.Elements.Select(e => e.Symbol))}",
            Neighbours(skin),
            $"timestep {Invariant(TimestepPs)}",
            Velocities(),
            "thermo_style custom step temp pe etotal",
            $"thermo {steps}",
            "fix nve all nve",
            $"run {steps}");
        var (log, commandLine) = Run("in.cu-eam", input, threads, workDirectory);
        var note = $"{LammpsLauncher.Parallelism(threads)}; pair_style eam/alloy from latent export setfl ({table.Grid.RadialPoints} r points, "
            + $"{table.Grid.DensityPoints} ρ points to {Invariant(table.Grid.MaxDensity, "G6")}); T = {Invariant(log.LastThermo.GetValueOrDefault("Temp"), "0")} K after {steps} steps";
        return Timing($"Cu fcc eam/alloy (a = {Invariant(crystal.LatticeConstant)} Å)", log, threads, commandLine, note);
    }

    /// <summary>
    /// Rock-salt NaCl at lattice constant <paramref name="latticeConstant"/>, cells³·8 atoms: coul/streitz with
    /// Wolf summation (12 Å, α = 0.2 1/Å) and fix qeq/slater every step, overlaid with the potential's own
    /// Born–Mayer repulsion as buck terms.
    /// </summary>
    /// <exception cref="LammpsException">lmp is missing or the run failed.</exception>
    public static LammpsTiming NaClStreitzQeq(PotentialKernels nacl, int cellsPerSide, double latticeConstant, int threads, int steps, double skin, string workDirectory)
    {
        CheckRun(cellsPerSide, threads, steps, skin);
        if (!(latticeConstant > 0 && double.IsFinite(latticeConstant)))
            throw new ArgumentOutOfRangeException(nameof(latticeConstant), latticeConstant, "a positive lattice constant in Å");
        var streitz = StreitzParameters.Derive(nacl, PotentialInput.Model(nacl));
        var repulsion = BornMayerTerm.Read(nacl);
        var (cation, anion) = streitz[0].Electronegativity <= streitz[1].Electronegativity ? (0, 1) : (1, 0);
        var parameterFile = $"{nacl.Name}.streitz";
        Directory.CreateDirectory(workDirectory);
        AtomicFile.WriteAllText(Path.Combine(workDirectory, parameterFile), string.Join('\n',
            [$"# {nacl.Name}: coul/streitz parameters derived from the Latent potential (source sha256 {nacl.SourceHash})",
             "# element  chi (eV)  J (eV)  gamma (1/A)  zeta (1/A)  Z (e)",
             .. streitz.Select(p => p.Line)]) + "\n");

        var symbols = string.Join(' ', nacl.Elements.Select(e => e.Symbol));
        var input = Lines(
            RockSalt(nacl, cation, anion, cellsPerSide, latticeConstant),
            $"pair_style hybrid/overlay coul/streitz {Invariant(CoulombCutoff)} wolf {Invariant(CoulombDamping)} buck {Invariant(nacl.Cutoff)}",
            $"pair_coeff * * coul/streitz {parameterFile} {symbols}",
            string.Join('\n', repulsion.Select(t => t.PairCoeff)),
            Neighbours(skin),
            $"timestep {Invariant(TimestepPs)}",
            Velocities(),
            "thermo_style custom step temp pe etotal c_qcation c_qanion",
            $"thermo {steps}",
            $"fix qeq all qeq/slater 1 {Invariant(CoulombCutoff)} {Invariant(QeqTolerance)} {QeqIterations} coul/streitz alpha {Invariant(CoulombDamping)}",
            "fix nve all nve",
            $"run {steps}");
        var (log, commandLine) = Run("in.nacl-streitz", input, threads, workDirectory);
        var thermo = log.LastThermo;
        var parameters = string.Join("; ", streitz.Select(p =>
            $"{p.Symbol} χ = {Invariant(p.Electronegativity, "0.####")} eV, J = {Invariant(p.Hardness, "0.####")} eV, ζ = {Invariant(p.Exponent, "0.####")} 1/Å"));
        var note = $"{LammpsLauncher.Parallelism(threads)}; coul/streitz Wolf (R_c = {Invariant(CoulombCutoff)} Å, α = {Invariant(CoulombDamping)} 1/Å) + fix qeq/slater every step "
            + $"(tolerance {Invariant(QeqTolerance)}) + the potential's Born–Mayer φ as buck; Streitz parameters from the potential's states "
            + $"(χ = (IP₁ + EA)/2, J = IP₁ − EA + 5/8·k_e·ζ, ζ of the moving electron's shell, γ = Z = 0): {parameters}; "
            + $"after {steps} steps T = {Invariant(thermo.GetValueOrDefault("Temp"), "0")} K, "
            + $"q({nacl.Elements[cation].Symbol}) = {Numbers.Signed(thermo.GetValueOrDefault("c_qcation"), 3)} e, "
            + $"q({nacl.Elements[anion].Symbol}) = {Numbers.Signed(thermo.GetValueOrDefault("c_qanion"), 3)} e";
        return Timing($"NaCl rock salt coul/streitz + qeq/slater (a = {Invariant(latticeConstant)} Å)", log, threads, commandLine, note);
    }

    /// <summary>
    /// The same rock-salt crystal, velocities, neighbour lists and steps as <see cref="NaClStreitzQeq"/>, under
    /// pair_style latent (<paramref name="build"/>'s lmp-latent) with the potential itself: its charge transfer, the
    /// weights solved every step, damped shifted-force Coulomb at the same α and cutoff. A <c>run 0</c> first does
    /// the cold weight search (anneal and every start); the timed <c>run</c> then warm-starts from the weights it
    /// left in the fix property/atom, as every later step does, so LAMMPS's loop time is the steady state.
    /// </summary>
    /// <exception cref="LammpsException">The run failed.</exception>
    public static LammpsTiming NaClPairStyleLatent(PotentialKernels nacl, LmpLatentBuild build, int cellsPerSide, double latticeConstant, int threads, int steps, double skin, string workDirectory)
    {
        CheckRun(cellsPerSide, threads, steps, skin);
        if (!(latticeConstant > 0 && double.IsFinite(latticeConstant)))
            throw new ArgumentOutOfRangeException(nameof(latticeConstant), latticeConstant, "a positive lattice constant in Å");
        var (cation, anion) = CationFirst(nacl);
        Directory.CreateDirectory(workDirectory);
        var input = Lines(
            PeakResident,
            RockSalt(nacl, cation, anion, cellsPerSide, latticeConstant),
            $"pair_style latent coul/dsf {Invariant(CoulombDamping)} {Invariant(CoulombCutoff)}",
            $"pair_coeff * * {nacl.Name} {string.Join(' ', nacl.Elements.Select(e => e.Symbol))}",
            Neighbours(skin),
            $"timestep {Invariant(TimestepPs)}",
            Velocities(),
            "thermo_style custom step temp pe etotal c_qcation c_qanion",
            $"thermo {steps}",
            "fix nve all nve",
            "run 0",
            $"run {steps}",
            PeakResident);
        var (log, commandLine) = Run("in.nacl-latent", input, threads, workDirectory, build.Driver);
        if (log.PeakResidentKibibytes.Count != 2)
            throw new LammpsException($"lmp-latent's rank 0 printed {log.PeakResidentKibibytes.Count} peak resident sizes (VmHWM of /proc/PID/status) for the input's two; this needs Linux");
        // LAMMPS's own estimate leaves out what pair_style latent allocates (it reports none), so the bytes are the
        // growth of rank 0's peak resident size over the run, times the ranks (each holds about as many atoms).
        var bytesPerAtom = (log.PeakResidentKibibytes[1] - log.PeakResidentKibibytes[0]) * 1024 * log.Processes / log.Atoms;
        if (!(bytesPerAtom > 0))
            throw new LammpsException($"lmp-latent's peak resident size did not grow over the run ({log.PeakResidentKibibytes[0]} KiB before the crystal, {log.PeakResidentKibibytes[1]} KiB after), so its memory per atom is unknown");
        var thermo = log.LastThermo;
        var solver = new SolverOptions();
        var note = $"{LammpsLauncher.Parallelism(threads)}; {log.Steps} timed steps after the `run 0`, holding about {Count(log.Steps / solver.ProbeInterval, "probe")} "
            + $"and {Count(log.Steps / solver.RecheckInterval, "full search", "full searches")}; LAMMPS's own memory estimate, without the style's arrays, "
            + $"{Invariant(log.MebibytesPerRank * 1024 * 1024 * log.Processes / log.Atoms, "0")} bytes/atom; "
            + $"after {log.Steps} steps T = {Invariant(thermo.GetValueOrDefault("Temp"), "0")} K, "
            + $"q({nacl.Elements[cation].Symbol}) = {Numbers.Signed(thermo.GetValueOrDefault("c_qcation"), 3)} e, "
            + $"q({nacl.Elements[anion].Symbol}) = {Numbers.Signed(thermo.GetValueOrDefault("c_qanion"), 3)} e";
        var timing = Timing($"NaCl rock salt pair_style latent (a = {Invariant(latticeConstant)} Å)", log, threads, commandLine, note);
        return timing with { BytesPerAtom = bytesPerAtom };
    }

    /// <summary>
    /// Rank 0 prints its process's peak resident size (the parent of the shell LAMMPS starts); quoted, so LAMMPS
    /// leaves $PPID to the shell. Not getrusage's maximum (what `info memory` prints): Linux carries that over exec,
    /// so a serial run started by this .NET process would begin at .NET's peak.
    /// </summary>
    private const string PeakResident = "shell \"grep VmHWM /proc/$PPID/status\"";

    private static string Count(int count, string one, string? many = null) =>
        count == 0 ? $"no {many ?? one + "s"}" : count == 1 ? $"one {one}" : $"{count} {many ?? one + "s"}";

    /// <summary>Element indices of the cation (lower χ from the potential's IP₁ and EA) and the anion.</summary>
    private static (int Cation, int Anion) CationFirst(PotentialKernels nacl)
    {
        var streitz = StreitzParameters.Derive(nacl, PotentialInput.Model(nacl));
        return streitz[0].Electronegativity <= streitz[1].Electronegativity ? (0, 1) : (1, 0);
    }

    /// <summary>
    /// Rock salt of cells³ conventional cells at lattice constant a, atoms typed by element index + 1, and the
    /// groups and per-group mean charges (c_qcation, c_qanion) the thermo rows report.
    /// </summary>
    private static string RockSalt(PotentialKernels nacl, int cation, int anion, int cellsPerSide, double latticeConstant) => Lines(
        "units metal",
        "atom_style charge",
        "boundary p p p",
        // Rock salt as a simple-cubic cell of eight sites: four of the cation, four of the anion.
        $"lattice custom {Invariant(latticeConstant)} a1 1 0 0 a2 0 1 0 a3 0 0 1 "
            + "basis 0 0 0 basis 0 0.5 0.5 basis 0.5 0 0.5 basis 0.5 0.5 0 basis 0.5 0 0 basis 0 0.5 0 basis 0 0 0.5 basis 0.5 0.5 0.5",
        $"region box block 0 {cellsPerSide} 0 {cellsPerSide} 0 {cellsPerSide}",
        $"create_box {nacl.Elements.Count} box",
        $"create_atoms {cation + 1} box basis 5 {anion + 1} basis 6 {anion + 1} basis 7 {anion + 1} basis 8 {anion + 1}",
        Masses(nacl),
        $"group cation type {cation + 1}",
        $"group anion type {anion + 1}",
        "compute q all property/atom q",
        "compute qcation cation reduce ave c_q",
        "compute qanion anion reduce ave c_q").TrimEnd('\n');

    private static void CheckRun(int cellsPerSide, int threads, int steps, double skin)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cellsPerSide, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        if (!(skin >= 0 && double.IsFinite(skin)))
            throw new ArgumentOutOfRangeException(nameof(skin), skin, "a skin of zero or more Å");
    }

    private static (LammpsLog Log, string CommandLine) Run(string inputFile, string input, int threads, string workDirectory, string? driver = null)
    {
        AtomicFile.WriteAllText(Path.Combine(workDirectory, inputFile), input);
        var (output, commandLine) = LammpsLauncher.Run(inputFile, threads, workDirectory, driver);
        return (LammpsLog.Parse(output), commandLine);
    }

    private static LammpsTiming Timing(string name, LammpsLog log, int threads, string commandLine, string note) =>
        new(name, log.Atoms, threads, log.Steps,
            log.LoopSeconds * 1e6 / ((double)log.Steps * log.Atoms),
            log.MebibytesPerRank * 1024 * 1024 * log.Processes / log.Atoms,
            commandLine, note);

    /// <summary>LAMMPS rebuilds when an atom has moved half the skin, checked every step: Latent's rule (docs/neighbour-lists.md).</summary>
    private static string Neighbours(double skin) => $"neighbor {Invariant(skin)} bin\nneigh_modify every 1 delay 0 check yes";

    private static string Velocities() => $"velocity all create {Invariant(Temperature)} {VelocitySeed} mom yes rot no dist gaussian";

    private static string Masses(PotentialKernels kernels) =>
        string.Join('\n', kernels.Elements.Select((e, i) => $"mass {i + 1} {Invariant(e.Mass)}"));

    private static string Lines(params string[] lines) => string.Join('\n', lines) + "\n";

    private static string Invariant(double value, string format = "R") => value.ToString(format, CultureInfo.InvariantCulture);
}
