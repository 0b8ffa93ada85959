using Latent.Cli.Bench.Kernels;
using Latent.Cli.Bench.Lammps;
using Latent.Cli.Bench.Steps;
using Latent.Runtime.Kernels;
using Latent.Runtime.Potentials;

namespace Latent.Cli.Bench;

/// <summary>
/// One run of the benchmark: every figure on the performance page comes from here. Steps of Latent and,
/// where LAMMPS is installed, of LAMMPS on the same crystal run alternately, case by case, on the same
/// cores, so a change in the machine's load shows in both.
/// </summary>
internal static class BenchRun
{
    /// <summary>fcc Cu sizes (conventional cells per side): 4 000, 32 000, 256 000 and 1 000 188 atoms.</summary>
    public static readonly int[] CopperCells = [10, 20, 40, 63];

    /// <summary>Rock-salt NaCl sizes: 1 728, 4 096 and 32 768 atoms.</summary>
    public static readonly int[] SaltCells = [6, 8, 16];

    /// <summary>Lattice constants (Å): Cu's from its potential file, NaCl's measured one.</summary>
    public const double CopperLattice = 3.615;

    /// <inheritdoc cref="CopperLattice"/>
    public const double SaltLattice = 5.64;

    /// <summary>Verlet skin (Å) of both programs' neighbour lists: Latent's default.</summary>
    public const double Skin = 0.5;

    /// <summary>Runs everything the settings ask for, reporting progress on <paramref name="progress"/>.</summary>
    public static BenchResults Run(BenchSettings settings, TextWriter progress)
    {
        var started = DateTimeOffset.UtcNow;
        var loadBefore = LoadAverage();
        var loader = new PotentialLoader();
        var cu = loader.Load("Cu");
        var nacl = loader.Load("NaCl");
        var cases = new List<StepCase>();
        foreach (var cells in settings.Quick ? CopperCells[..1] : CopperCells)
            cases.Add(new StepCase($"Cu fcc {cells}³ cells", StepCase.CopperFamily, cu, cells, CopperLattice, Skin));
        foreach (var cells in settings.Quick ? SaltCells[..1] : SaltCells)
            cases.Add(new StepCase($"NaCl rock salt {cells}³ cells", StepCase.SaltFamily, nacl, cells, SaltLattice, Skin));

        progress.WriteLine("bench: kernels");
        var kernels = KernelBench.Run(settings);

        var unavailable = LammpsBench.Unavailable();
        var version = unavailable is null ? LammpsBench.Version() : null;
        var work = Directory.CreateTempSubdirectory("latent-bench-");
        var steps = new List<StepTiming>();
        var lammps = new List<LammpsTiming>();
        var pairStyle = new List<LammpsTiming>();
        LmpLatentBuild? driver;
        string? pairStyleUnavailable;
        try
        {
            (driver, pairStyleUnavailable) = BuildPairStyle(nacl, work.FullName, progress);
            foreach (var @case in cases)
            {
                foreach (var threads in settings.Threads)
                {
                    var repetitions = settings.Quick || @case.Atoms > 5000 ? 1 : settings.Repetitions;
                    var ours = new List<StepTiming>();
                    var theirs = new List<LammpsTiming>();
                    var exported = new List<LammpsTiming>();
                    for (var k = 0; k < repetitions; k++)
                    {
                        progress.WriteLine($"bench: {@case.Name}, {@case.Atoms:N0} atoms, {threads} thread(s), run {k + 1}/{repetitions}: Latent");
                        var timing = StepBench.Run(@case, threads, settings);
                        ours.Add(timing);
                        // About as long a loop as Latent's steps would take for LAMMPS's figure to settle, at least 10 steps.
                        var target = settings.Quick ? 0.5 : 2.0;
                        var count = (int)Math.Clamp(target / (timing.MicrosecondsPerAtomStep * 1e-6 * @case.Atoms), 10, 100_000);
                        if (unavailable is null)
                        {
                            progress.WriteLine($"bench: {@case.Name}, {@case.Atoms:N0} atoms, {threads} thread(s), run {k + 1}/{repetitions}: LAMMPS");
                            theirs.Add(@case.Family == StepCase.CopperFamily
                                ? LammpsBench.CuEam(@case.Potential, @case.CellsPerSide, threads, count, @case.Skin, work.FullName)
                                : LammpsBench.NaClStreitzQeq(@case.Potential, @case.CellsPerSide, @case.LatticeConstant, threads, count, @case.Skin, work.FullName));
                        }

                        if (driver is not null && @case.Family == StepCase.SaltFamily)
                        {
                            progress.WriteLine($"bench: {@case.Name}, {@case.Atoms:N0} atoms, {threads} rank(s), run {k + 1}/{repetitions}: pair_style latent");
                            exported.Add(LammpsBench.NaClPairStyleLatent(@case.Potential, driver, @case.CellsPerSide, @case.LatticeConstant, threads, count, @case.Skin, work.FullName));
                        }
                    }
                    steps.Add(Median(ours, r => r.MicrosecondsPerAtomStep));
                    if (theirs.Count > 0)
                        lammps.Add(Median(theirs, r => r.MicrosecondsPerAtomStep));
                    if (exported.Count > 0)
                        pairStyle.Add(Median(exported, r => r.MicrosecondsPerAtomStep));
                }
            }
        }
        finally
        {
            work.Delete(recursive: true);
        }
        return new BenchResults(settings, MachineInfo.Describe(), started, DateTimeOffset.UtcNow, loadBefore, LoadAverage(),
            kernels, steps, lammps, version, unavailable, pairStyle, pairStyleUnavailable, driver?.Describe(nacl.Name));
    }

    private static T Median<T>(List<T> runs, Func<T, double> key) => runs.OrderBy(key).ElementAt(runs.Count / 2);

    /// <summary>
    /// pair_style latent for the shipped NaCl, exported and built in the work directory; or why not (a missing
    /// tool, or cmake's first error line), for the page's column, while the rest of the page still runs.
    /// </summary>
    private static (LmpLatentBuild? Driver, string? Unavailable) BuildPairStyle(PotentialKernels nacl, string work, TextWriter progress)
    {
        if (LmpLatentBuild.Missing() is { } missing)
        {
            progress.WriteLine($"bench: pair_style latent not built: {missing}");
            return (null, missing);
        }

        progress.WriteLine($"bench: building pair_style latent (latent export lammps {nacl.Name}, cmake)");
        try
        {
            return (LmpLatentBuild.Export(PotentialSource.Resolve(nacl.Name), nacl, Path.Combine(work, "pair-style-latent")), null);
        }
        catch (LammpsException error)
        {
            progress.WriteLine($"bench: {error.Message}");
            return (null, error.Message);
        }
    }

    /// <summary>The 1, 5 and 15 minute load averages, where the system says (Linux).</summary>
    private static string LoadAverage()
    {
        const string path = "/proc/loadavg";
        if (!File.Exists(path))
            return "unknown";
        var fields = File.ReadAllText(path).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length >= 3 ? string.Join(" ", fields[..3]) : "unknown";
    }
}
