using System.Globalization;
using System.Text.RegularExpressions;
using Latent.Cli.Export;
using Latent.Runtime.Kernels;
using Latent.Runtime.Potentials;

namespace Latent.Cli.Bench.Lammps;

/// <summary>
/// pair_style latent as the benchmark runs it: a potential exported by <c>latent export lammps</c>'s own code
/// (<see cref="LammpsProject"/>) into the bench's work directory and built there with cmake into the lmp-latent
/// driver, once per bench run; with the compiler and flags the build used, for the page.
/// </summary>
/// <param name="Driver">The built lmp-latent.</param>
/// <param name="Compiler">"GNU 12.2.0", as CMake identified the C++ compiler.</param>
/// <param name="Flags">The flags pair_latent's sources were compiled with (CMake's flags.make).</param>
/// <param name="LammpsVersion">"LAMMPS (29 Sep 2021 - Update 2)": the library the driver runs, from its banner.</param>
internal sealed partial record LmpLatentBuild(string Driver, string Compiler, string Flags, string LammpsVersion)
{
    /// <summary>The CMake project's default place for LAMMPS's class headers (LAMMPS_INCLUDE_DIR, Debian's liblammps-dev).</summary>
    private const string LammpsHeader = "/usr/include/lammps/pair.h";

    /// <summary>
    /// Null when everything the build and the runs need is installed; else a one-line reason naming the first
    /// missing piece (cmake, a C++ compiler, MPI's mpicxx and mpirun, the LAMMPS library's headers).
    /// </summary>
    public static string? Missing()
    {
        foreach (var (tool, package) in new[] { ("cmake", "cmake"), ("g++", "g++"), ("mpicxx", "libopenmpi-dev"), ("mpirun", "openmpi-bin") })
        {
            if (LammpsLauncher.OnPath(tool) is null)
                return $"{tool} missing (not on PATH; Debian: apt-get install {package})";
        }

        return File.Exists(LammpsHeader) ? null : $"liblammps missing (no {LammpsHeader}; Debian: apt-get install liblammps-dev)";
    }

    /// <summary>Exports <paramref name="kernels"/> (read from <paramref name="source"/>) into <paramref name="directory"/> and builds it.</summary>
    /// <exception cref="LammpsException">cmake failed to configure or build it; the message is its first error line.</exception>
    public static LmpLatentBuild Export(PotentialSource source, PotentialKernels kernels, string directory)
    {
        LammpsProject.Write(directory, LammpsProject.Files(source, kernels));
        return Compile(directory);
    }

    /// <summary>Configures and builds an exported project in <paramref name="project"/>/build (CMake's Release: -O3).</summary>
    /// <exception cref="LammpsException">cmake failed to configure or build it (the message is its first error line), or the driver does not run.</exception>
    public static LmpLatentBuild Compile(string project)
    {
        var build = Path.Combine(project, "build");
        var configure = Cmake(project, ["-S", project, "-B", build, "-DCMAKE_BUILD_TYPE=Release"], "configure");
        Cmake(project, ["--build", build, "-j", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture)], "build");
        var compiler = CompilerLine().Match(configure) is { Success: true } id ? id.Groups[1].Value.Trim() : "an unidentified C++ compiler";
        var flagsFile = Path.Combine(build, "CMakeFiles", "pair_latent.dir", "flags.make");
        var flags = File.Exists(flagsFile) && FlagsLine().Match(File.ReadAllText(flagsFile)) is { Success: true } line ? line.Groups[1].Value.Trim() : "unknown";
        var driver = Path.Combine(build, "lmp-latent");
        // An empty script: the driver starts LAMMPS, which prints its banner, and stops.
        File.WriteAllText(Path.Combine(build, "in.version"), "# lmp-latent's LAMMPS banner\n");
        var (output, _) = LammpsLauncher.Run("in.version", 1, build, driver);
        var version = LammpsLog.VersionOf(output) ?? throw new LammpsException($"{driver} printed no LAMMPS banner: {output.Trim()}");
        return new LmpLatentBuild(driver, compiler, flags, version);
    }

    /// <summary>One sentence for the page: what was built, with which compiler and flags, against which LAMMPS.</summary>
    public string Describe(string potential) =>
        $"built once per bench run by `latent export lammps {potential}` and cmake (Release) with {Compiler}, flags `{Flags}`"
        + (Flags.Contains("-march", StringComparison.Ordinal) ? "" : " (no -march=native: code any x86-64 of a cluster runs)")
        + $", against the installed {LammpsVersion} library";

    private static string Cmake(string project, IReadOnlyList<string> arguments, string what)
    {
        var (exitCode, output, errors) = LammpsLauncher.Execute(LammpsLauncher.StartInfo("cmake", arguments, project));
        if (exitCode != 0)
        {
            var lines = (errors + "\n" + output).ReplaceLineEndings("\n").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
            // A compiler's "error:" line says what is wrong; CMake's "CMake Error at …:" says it on the next line.
            var at = lines.FindIndex(l => l.Contains("error:", StringComparison.OrdinalIgnoreCase));
            if (at < 0)
                at = lines.FindIndex(l => l.Contains("error", StringComparison.OrdinalIgnoreCase));
            var first = at < 0 ? "no error line"
                : lines[at].StartsWith("CMake Error", StringComparison.Ordinal) && at + 1 < lines.Count ? $"{lines[at]} {lines[at + 1]}" : lines[at];
            throw new LammpsException($"pair_style latent did not {what} (cmake exit code {exitCode} in {project}): {first}");
        }

        return output;
    }

    [GeneratedRegex(@"The CXX compiler identification is (.+)")]
    private static partial Regex CompilerLine();

    [GeneratedRegex(@"^CXX_FLAGS = (.*)$", RegexOptions.Multiline)]
    private static partial Regex FlagsLine();
}
