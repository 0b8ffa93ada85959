using System.Diagnostics;

namespace Latent.Cli.Tests;

/// <summary>Runs the built `latent` as a separate process, to prove the real entry point (Main,
/// Console writers, exit code) behaves as the in-process tests see it.</summary>
public class ExecutableTests
{
    private static (int ExitCode, string Stdout, string Stderr) RunLatent(params string[] args) => RunLatentWith(new Dictionary<string, string?>(), args);

    /// <summary>Runs it with some environment variables set (a null value removes the variable).</summary>
    private static (int ExitCode, string Stdout, string Stderr) RunLatentWith(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "latent.dll");
        Assert.True(File.Exists(dll), $"{dll} not built");
        // dotnet test sets DOTNET_HOST_PATH to the host that runs the tests; fall back to PATH.
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
        {
            if (value is null)
                start.Environment.Remove(name);
            else
                start.Environment[name] = value;
        }

        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(60_000), "latent did not finish within a minute");
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    [Fact]
    public void SuccessMatchesInProcessRun()
    {
        var (code, stdout, stderr) = RunLatent("sym", "diff", "x^2", "--wrt", "x");
        var inProcess = CliRun.Of("sym", "diff", "x^2", "--wrt", "x");
        Assert.Equal(0, code);
        Assert.Equal(inProcess.Stdout, stdout);
        Assert.Equal("", stderr);
    }

    [Theory]
    [InlineData("sym", "simplify", "exp(-foo(r))")]
    [InlineData("sym", "eval", "x", "--at", "x=")]
    [InlineData("sym", "diff", "x", "--wrt", "x", "--bogus")]
    public void UserErrorsExitTwoWithoutStackTrace(params string[] args)
    {
        var (code, stdout, stderr) = RunLatent(args);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.StartsWith("latent: error: ", stderr);
        Assert.DoesNotContain("   at ", stderr);
        Assert.Equal(CliRun.Of(args).Stderr.ReplaceLineEndings("\n"), stderr.ReplaceLineEndings("\n"));
    }

    /// <summary>
    /// A potential file is compiled at run time and cached under the home directory; with no usable home (and
    /// no cache variable) that is a setting to fix, exit 2 naming the variable, not an internal error.
    /// </summary>
    [Fact]
    public void NoHomeDirectoryForTheCacheIsAUserError()
    {
        using var temp = new TempDirectory();
        var shipped = Latent.Runtime.Potentials.PotentialSource.Resolve("NaCl").Text;
        Assert.Contains("A_NaNa = { value = 400.85168496632724", shipped);
        var potential = temp.Write("Edited.toml", shipped.Replace("A_NaNa = { value = 400.85168496632724", "A_NaNa = { value = 424.25"));
        var structure = temp.Write("dimer.extxyz", Structures.Dimer("Na", "Cl", 2.4));
        var environment = new Dictionary<string, string?>
        {
            ["HOME"] = temp.File("no-such-home"),
            ["LATENT_CACHE_DIR"] = null,
            ["XDG_CACHE_HOME"] = null,
        };

        var (code, stdout, stderr) = RunLatentWith(environment, "eval", structure, "--potential", potential);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.StartsWith("latent: error: cannot place the compiled-kernel cache: the home directory HOME=", stderr);
        Assert.Contains("does not exist; set LATENT_CACHE_DIR", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    /// <summary>LATENT_THREADS gives --threads its default, so a bad value there is the same user error (exit 2,
    /// naming the variable) and a good one gives the same numbers as the option.</summary>
    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("two")]
    [InlineData("1.5")]
    public void ABadThreadsVariableIsAUserError(string value)
    {
        using var temp = new TempDirectory();
        var structure = temp.Write("dimer.extxyz", Structures.Dimer("Na", "Cl", 2.4));
        var (code, stdout, stderr) = RunLatentWith(new Dictionary<string, string?> { ["LATENT_THREADS"] = value }, "eval", structure, "--potential", "NaCl");
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Equal($"latent: error: LATENT_THREADS={value}: give a whole number of threads from 1 up\n", stderr.ReplaceLineEndings("\n"));
    }

    /// <summary>The commands that took --threads later read the variable as eval does, before any of their work.</summary>
    [Theory]
    [InlineData("check", "NaCl")]
    [InlineData("verify", "NaCl")]
    [InlineData("fit", "Cu", "--targets", "absent.targets.toml")]
    [InlineData("validate", "-o", "absent.md")]
    [InlineData("demo", "--out", "absent-demo")]
    public void EveryCommandThatComputesRefusesABadThreadsVariable(params string[] args)
    {
        var (code, stdout, stderr) = RunLatentWith(new Dictionary<string, string?> { ["LATENT_THREADS"] = "0" }, args);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Equal("latent: error: LATENT_THREADS=0: give a whole number of threads from 1 up\n", stderr.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void TheThreadsVariableGivesTheOptionsNumbers()
    {
        using var temp = new TempDirectory();
        var structure = temp.Write("cluster.extxyz", Structures.NaClCluster());
        var (code, stdout, stderr) = RunLatentWith(new Dictionary<string, string?> { ["LATENT_THREADS"] = "2" }, "eval", structure, "--potential", "NaCl", "--json");
        Assert.True(code == 0, stderr);
        Assert.Equal(CliRun.Of("eval", structure, "--potential", "NaCl", "--json", "--threads", "1").Stdout, stdout);
    }
}
