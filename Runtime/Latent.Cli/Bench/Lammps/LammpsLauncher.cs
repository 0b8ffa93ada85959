using System.Diagnostics;

namespace Latent.Cli.Bench.Lammps;

/// <summary>
/// Finds <c>lmp</c> and runs it on an input file with a given number of threads: serially for one; for
/// more, with MPI domain decomposition (<c>mpirun -np N</c>, what LAMMPS users run) when <c>mpirun</c> is
/// there, else with the OPENMP package's threads if this LAMMPS has it.
/// </summary>
internal static class LammpsLauncher
{
    private const string Executable = "lmp";
    private const string MpiLauncher = "mpirun";

    private static readonly Lazy<(string? Reason, string Help)> Probe = new(ProbeLammps);

    /// <summary>Null when <c>lmp</c> runs; else a one-line reason.</summary>
    public static string? Unavailable() => Probe.Value.Reason;

    /// <summary>"LAMMPS (29 Sep 2021 - Update 2)" from <c>lmp -h</c>, or null when it does not say (or does not run).</summary>
    public static string? Version()
    {
        const string marker = "Simulator - ";
        var line = Probe.Value.Help.ReplaceLineEndings("\n").Split('\n').FirstOrDefault(l => l.Contains(marker, StringComparison.Ordinal));
        return line is null ? null : $"LAMMPS ({line[(line.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..].Trim()})";
    }

    /// <summary>How N threads would run, for notes: "serial", "MPI, 2 ranks", "OpenMP, 2 threads".</summary>
    public static string Parallelism(int threads) =>
        threads == 1 ? "serial, one process"
        : OnPath(MpiLauncher) is not null ? $"MPI domain decomposition, {threads} ranks (mpirun -np {threads})"
        : $"OPENMP package, {threads} threads in one process";

    /// <summary>
    /// Runs <paramref name="inputFile"/> in <paramref name="workDirectory"/> with <c>lmp</c>, or with
    /// <paramref name="driver"/> (a LAMMPS executable of its own, such as pair_style latent's lmp-latent, which
    /// takes lmp's switches and runs in parallel only under mpirun), and returns its screen output and the
    /// command line (as a user would type it).
    /// </summary>
    /// <exception cref="LammpsException">lmp is missing, cannot use that many threads, or the run failed.</exception>
    public static (string Output, string CommandLine) Run(string inputFile, int threads, string workDirectory, string? driver = null)
    {
        if (driver is null && Unavailable() is { } reason)
            throw new LammpsException(reason);
        if (threads < 1)
            throw new ArgumentOutOfRangeException(nameof(threads), threads, "at least one thread");

        // -screen goes to stdout (captured); no log file, no citation reminder to parse around.
        var lammpsArguments = new List<string> { "-in", inputFile, "-log", "none", "-nocite" };
        var executable = driver ?? Executable;
        var program = executable;
        var arguments = new List<string>();
        if (threads > 1)
        {
            if (OnPath(MpiLauncher) is not null)
            {
                program = MpiLauncher;
                arguments.AddRange(["-np", threads.ToString(System.Globalization.CultureInfo.InvariantCulture), executable]);
            }
            else if (driver is not null)
            {
                throw new LammpsException($"{Path.GetFileName(driver)} runs on {threads} ranks only under {MpiLauncher}, which is not on PATH");
            }
            else if (HasPackage("OPENMP"))
            {
                lammpsArguments.AddRange(["-sf", "omp", "-pk", "omp", threads.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            }
            else
            {
                throw new LammpsException($"LAMMPS here cannot run on {threads} threads: no {MpiLauncher} on PATH and no OPENMP package in {Executable}");
            }
        }

        arguments.AddRange(lammpsArguments);
        var start = StartInfo(program, arguments, workDirectory);
        // The OPENMP package's threads are what gives more than one thread without mpirun.
        if (program != MpiLauncher && threads > 1)
            start.Environment["OMP_NUM_THREADS"] = threads.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var (exitCode, output, errors) = Execute(start);
        var commandLine = string.Join(' ', arguments.Prepend(program));
        if (exitCode != 0)
        {
            var error = LammpsLog.LastError(output) ?? LammpsLog.LastError(errors) ?? LastLine(errors) ?? LastLine(output) ?? "no output";
            throw new LammpsException($"LAMMPS failed (exit code {exitCode}) running '{commandLine}' in {workDirectory}: {error}");
        }

        return (output, commandLine);
    }

    /// <summary>
    /// How to start <paramref name="program"/> (LAMMPS, mpirun, cmake) in <paramref name="workDirectory"/> with both
    /// streams captured. Open MPI refuses root without both ALLOW variables (CI containers run as root), and one
    /// OpenMP thread per process keeps MPI ranks from oversubscribing the cores.
    /// </summary>
    public static ProcessStartInfo StartInfo(string program, IEnumerable<string> arguments, string workDirectory)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["OMPI_ALLOW_RUN_AS_ROOT"] = "1";
        start.Environment["OMPI_ALLOW_RUN_AS_ROOT_CONFIRM"] = "1";
        start.Environment["OMP_NUM_THREADS"] = "1";
        return start;
    }

    /// <summary>Runs a process to its end, reading both streams; its exit code and what it printed.</summary>
    public static (int ExitCode, string Output, string Errors) Execute(ProcessStartInfo start)
    {
        using var process = Process.Start(start) ?? throw new LammpsException($"could not start {start.FileName}");
        // Both streams read concurrently, so neither pipe fills and blocks the process.
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result, errors.Result);
    }

    private static (string? Reason, string Help) ProbeLammps()
    {
        if (OnPath(Executable) is null)
            return ($"LAMMPS not installed ({Executable} is not on PATH)", "");
        try
        {
            var (exitCode, output, errors) = Execute(new ProcessStartInfo(Executable, "-h")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            return exitCode == 0
                ? (null, output)
                : ($"{Executable} -h failed (exit code {exitCode}): {LastLine(errors) ?? LastLine(output)}", output);
        }
        catch (System.ComponentModel.Win32Exception error)
        {
            return ($"{Executable} cannot be run: {error.Message}", "");
        }
    }

    /// <summary>Whether <c>lmp -h</c> lists <paramref name="package"/> among its installed packages.</summary>
    private static bool HasPackage(string package)
    {
        var lines = Probe.Value.Help.ReplaceLineEndings("\n").Split('\n');
        var start = Array.FindIndex(lines, l => l.StartsWith("Installed packages:", StringComparison.Ordinal));
        return start >= 0 && lines.Skip(start + 1).TakeWhile(l => !l.StartsWith("List of", StringComparison.Ordinal))
            .SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Contains(package);
    }

    /// <summary>The full path of <paramref name="name"/> in a directory of PATH, or null.</summary>
    public static string? OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    private static string? LastLine(string text) =>
        text.ReplaceLineEndings("\n").Split('\n').LastOrDefault(l => l.Trim().Length > 0)?.Trim();
}
