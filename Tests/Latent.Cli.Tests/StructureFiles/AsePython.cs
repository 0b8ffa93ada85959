using System.Diagnostics;

namespace Latent.Cli.Tests.StructureFiles;

/// <summary>
/// Runs ASE scripts with Debian's <c>/usr/bin/python3</c> (python3-ase), the Python an ASE user of this machine has.
/// As with LAMMPS (<see cref="LammpsRequirement"/>): CI installs it (.ci/run), so there a missing ASE fails the tests
/// that need it; elsewhere they are skipped with the reason shown.
/// </summary>
public static class AsePython
{
    private const string Python = "/usr/bin/python3";

    private static readonly Lazy<string?> Probe = new(() =>
    {
        if (!File.Exists(Python))
            return $"{Python} is missing";
        try
        {
            var (code, _, error) = Start("import ase", Path.GetTempPath());
            return code == 0 ? null : $"{Python} cannot import ase ({error.Trim().Split('\n')[^1]})";
        }
        catch (Exception error) when (error is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return $"{Python} does not run: {error.Message}";
        }
    });

    /// <summary>Why ASE cannot run here, or null.</summary>
    public static string? Unavailable() => Probe.Value;

    /// <summary>Why an ASE test is skipped here, or null when it runs (always null under CI).</summary>
    public static string? SkipReason => LammpsRequirement.InCi || Unavailable() is not { } reason ? null : $"{reason}; install ASE (Debian: apt-get install python3-ase) to run this test";

    /// <summary>Runs a script in a directory and returns what it printed; fails the test, with Python's error, when it fails.</summary>
    public static string Run(string script, string directory)
    {
        if (Unavailable() is { } reason)
            Assert.Fail($"CI must have ASE for this test: {reason} (.ci/run installs the Debian python3-ase package when it is missing)");
        var (code, output, error) = Start(script, directory);
        Assert.True(code == 0, $"python3 failed (exit {code}): {error}");
        return output;
    }

    private static (int Code, string Output, string Error) Start(string script, string directory)
    {
        var start = new ProcessStartInfo(Python) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }
}

/// <summary>A fact that needs ASE: skipped with the reason outside CI when it is missing, failing under CI.</summary>
public sealed class AseFactAttribute : FactAttribute
{
    public AseFactAttribute()
    {
        if (AsePython.SkipReason is { } reason)
            Skip = reason;
    }
}
