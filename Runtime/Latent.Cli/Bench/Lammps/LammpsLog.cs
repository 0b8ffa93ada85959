using System.Globalization;
using System.Text.RegularExpressions;

namespace Latent.Cli.Bench.Lammps;

/// <summary>
/// What the benchmark reads from LAMMPS's screen output: the loop time, the memory estimate and the
/// last thermo row of the last <c>run</c> (an input may warm up with an earlier one), the version, and the
/// peak resident sizes Linux reported (<c>VmHWM</c> lines of /proc/PID/status, printed through LAMMPS's
/// <c>shell</c>). LAMMPS's line formats are its own (Finish::end, Thermo) and have been stable for years.
/// </summary>
internal sealed partial class LammpsLog
{
    private LammpsLog(string text) => Text = text;

    /// <summary>The whole screen output.</summary>
    public string Text { get; }

    /// <summary>Seconds of the timed loop (setup excluded).</summary>
    public double LoopSeconds { get; private init; }

    /// <summary>Processes LAMMPS ran on (MPI ranks).</summary>
    public int Processes { get; private init; }

    /// <summary>Steps of the timed loop.</summary>
    public int Steps { get; private init; }

    /// <summary>Atoms in the system.</summary>
    public int Atoms { get; private init; }

    /// <summary>Average memory per rank, MiB (LAMMPS's "Mbytes" are 1024² bytes).</summary>
    public double MebibytesPerRank { get; private init; }

    /// <summary>"LAMMPS (29 Sep 2021 - Update 2)", the banner's first line, or null when it is not there.</summary>
    public string? Version { get; private init; }

    /// <summary>
    /// The largest resident size so far (KiB) at each <c>VmHWM</c> line, in order: the whole process, what a pair
    /// style allocates for itself included (LAMMPS's estimate counts only what styles report).
    /// </summary>
    public IReadOnlyList<double> PeakResidentKibibytes { get; private init; } = [];

    /// <summary>The last thermo row, by column name ("Temp", "c_qna", …).</summary>
    public IReadOnlyDictionary<string, double> LastThermo { get; private init; } = new Dictionary<string, double>();

    /// <summary>The last line that mentions an ERROR, or null.</summary>
    public static string? LastError(string text) =>
        text.ReplaceLineEndings("\n").Split('\n').LastOrDefault(l => l.Contains("ERROR", StringComparison.Ordinal))?.Trim();

    /// <summary>"LAMMPS (29 Sep 2021 - Update 2)" from the banner LAMMPS prints when it starts, or null.</summary>
    public static string? VersionOf(string text) =>
        VersionLine().Match(text) is { Success: true } version ? version.Value.Trim() : null;

    /// <summary>Reads a finished run's output.</summary>
    /// <exception cref="LammpsException">The output has no loop-time or memory line (the run did not finish).</exception>
    public static LammpsLog Parse(string text)
    {
        var loop = LoopLine().Matches(text).LastOrDefault() ?? Match.Empty;
        var memory = MemoryLine().Matches(text).LastOrDefault() ?? Match.Empty;
        if (!loop.Success || !memory.Success)
            throw new LammpsException($"LAMMPS printed no {(loop.Success ? "memory" : "loop-time")} line: {LastError(text) ?? LastLine(text)}");
        return new LammpsLog(text)
        {
            LoopSeconds = Number(loop.Groups[1].Value),
            Processes = int.Parse(loop.Groups[2].Value, CultureInfo.InvariantCulture),
            Steps = int.Parse(loop.Groups[3].Value, CultureInfo.InvariantCulture),
            Atoms = int.Parse(loop.Groups[4].Value, CultureInfo.InvariantCulture),
            MebibytesPerRank = Number(memory.Groups[1].Value),
            LastThermo = Thermo(text[..loop.Index]),
            Version = VersionOf(text),
            PeakResidentKibibytes = ResidentLine().Matches(text).Select(m => Number(m.Groups[1].Value)).ToArray(),
        };
    }

    /// <summary>The row before the loop line under the last "Step …" header.</summary>
    private static Dictionary<string, double> Thermo(string beforeLoop)
    {
        var lines = beforeLoop.ReplaceLineEndings("\n").Split('\n');
        var header = Array.FindLastIndex(lines, l => l.TrimStart().StartsWith("Step ", StringComparison.Ordinal));
        var row = new Dictionary<string, double>();
        if (header < 0)
            return row;
        var names = lines[header].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var last = lines.Skip(header + 1).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length == names.Length && f.All(IsNumber)).LastOrDefault();
        if (last is not null)
            for (var i = 0; i < names.Length; i++)
                row[names[i]] = Number(last[i]);
        return row;
    }

    private static bool IsNumber(string s) => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static double Number(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string LastLine(string text) =>
        text.ReplaceLineEndings("\n").Split('\n').LastOrDefault(l => l.Trim().Length > 0)?.Trim() ?? "(no output)";

    [GeneratedRegex(@"Loop time of (\S+) on (\d+) procs for (\d+) steps with (\d+) atoms")]
    private static partial Regex LoopLine();

    [GeneratedRegex(@"^LAMMPS \(.+\)\s*$", RegexOptions.Multiline)]
    private static partial Regex VersionLine();

    [GeneratedRegex(@"VmHWM:\s*(\d+) kB")]
    private static partial Regex ResidentLine();

    [GeneratedRegex(@"Per MPI rank memory allocation \(min/avg/max\) = \S+ \| (\S+) \| \S+ Mbytes")]
    private static partial Regex MemoryLine();
}
