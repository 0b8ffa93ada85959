using System.Diagnostics;
using System.Text.Json;
using Latent.Cli.Tests.BadInputs;

namespace Latent.Cli.Tests.Serve;

/// <summary>
/// Runs python/tests/ase_checks.py (and the other Python scripts of the repository) with Debian's Python and ASE (python3-ase, which .ci/run installs), the
/// repository's python/ on PYTHONPATH and LATENT_COMMAND naming the latent.dll built beside the tests.
/// Without Python or ASE the tests fail with the reason: they are never passed by not running.
/// </summary>
public static class PythonAse
{
    public const string Python = "/usr/bin/python3";

    /// <summary>Seconds a check may take (a BFGS relaxation starts latent once and makes a few dozen calls).</summary>
    private const int TimeoutSeconds = 300;

    /// <summary>Runs <c>ase_checks.py</c> with these arguments and returns the JSON it prints.</summary>
    public static JsonElement Run(params string[] args) =>
        JsonDocument.Parse(RunScript(Path.Combine("python", "tests", "ase_checks.py"), Path.GetTempPath(), args)).RootElement.Clone();

    /// <summary>Runs a script of the repository (a path relative to its root) in <paramref name="workingDirectory"/> and returns what it printed.</summary>
    public static string RunScript(string script, string workingDirectory, params string[] args)
    {
        RequireAse();
        var root = BadInputCase.RepositoryRoot();
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(Path.Combine(root, script));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["PYTHONPATH"] = Path.Combine(root, "python");
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        start.Environment["LATENT_COMMAND"] = $"{Quoted(DotnetHost())} {Quoted(Path.Combine(AppContext.BaseDirectory, "latent.dll"))}";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeoutSeconds * 1000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{script} {string.Join(' ', args)} did not finish within {TimeoutSeconds} s");
        }

        Assert.True(process.ExitCode == 0, $"{script} {string.Join(' ', args)} failed (exit {process.ExitCode}): {stderr.Result}");
        return stdout.Result;
    }

    /// <summary>Fails, naming what is missing and how to get it, unless Python can import ASE and NumPy.</summary>
    public static void RequireAse()
    {
        if (!File.Exists(Python))
            Assert.Fail($"{Python} is missing; install Debian's python3-ase (apt-get install python3-ase) to run the ASE tests");
        var start = new ProcessStartInfo(Python, ["-c", "import ase, numpy; print(ase.__version__)"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit(60_000);
        if (process.ExitCode != 0)
            Assert.Fail($"{Python} cannot import ASE: {stderr.Result.Trim().Split('\n')[^1]}; install Debian's python3-ase (apt-get install python3-ase)");
    }

    private static string DotnetHost() =>
        // dotnet test sets DOTNET_HOST_PATH to the host that runs the tests; fall back to PATH.
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";

    /// <summary>A word as Python's shlex.split reads it back whole.</summary>
    private static string Quoted(string word) => "'" + word.Replace("'", "'\"'\"'") + "'";
}
