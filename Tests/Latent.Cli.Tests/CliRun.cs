using System.Globalization;
using Latent.Cli;

namespace Latent.Cli.Tests;

/// <summary>The outcome of one in-process run of the CLI.</summary>
public sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public static CliRun Of(params string[] args)
    {
        var stdout = new StringWriter(CultureInfo.InvariantCulture);
        var stderr = new StringWriter(CultureInfo.InvariantCulture);
        var exitCode = Program.Run(args, stdout, stderr);
        return new CliRun(exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The single value a successful text-mode command printed.</summary>
    public string Line
    {
        get
        {
            Assert.True(ExitCode == 0, $"exit {ExitCode}: {Stderr}");
            return Stdout.Trim();
        }
    }

    public double Number => double.Parse(Line, CultureInfo.InvariantCulture);

    /// <summary>Asserts the run failed as a user error, with one error line and no stack trace.</summary>
    public void AssertUserError(params string[] fragments)
    {
        Assert.Equal(2, ExitCode);
        Assert.Equal("", Stdout);
        AssertNoStackTrace();
        var first = Stderr.ReplaceLineEndings("\n").Split('\n')[0];
        Assert.StartsWith("latent: error: ", first);
        foreach (var fragment in fragments)
        {
            Assert.Contains(fragment, Stderr);
        }
    }

    public void AssertNoStackTrace()
    {
        Assert.DoesNotContain("   at ", Stderr);
        Assert.DoesNotContain("Exception", Stderr);
    }
}
