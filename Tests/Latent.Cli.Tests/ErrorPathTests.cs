namespace Latent.Cli.Tests;

/// <summary>Everything a user can get wrong ends in one error line, exit code 2 and no stack trace.</summary>
public class ErrorPathTests
{
    [Theory]
    [InlineData("diff")]
    [InlineData("simplify")]
    [InlineData("eval")]
    [InlineData("cse")]
    public void ParseErrorNamesLineAndColumnAndPointsAtIt(string command)
    {
        var args = command == "diff" ? new[] { "sym", command, "1 + exp(-foo(r))", "--wrt", "r" } : new[] { "sym", command, "1 + exp(-foo(r))" };
        var run = CliRun.Of(args);

        run.AssertUserError("line 1, column ", "foo");
        var lines = run.Stderr.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Equal("  1 + exp(-foo(r))", lines[1]);
        Assert.EndsWith("^", lines[2]);
    }

    [Fact]
    public void ParseErrorOnALaterLineNamesThatLine()
    {
        var run = CliRun.Of("sym", "simplify", "a = 2*z\nexp(-a*r) +");
        run.AssertUserError("line 2, column ");
        Assert.Contains("  exp(-a*r) +", run.Stderr);
    }

    [Fact]
    public void EmptyFormulaIsAUserError() =>
        CliRun.Of("sym", "simplify", "  ").AssertUserError();

    [Theory]
    [InlineData("sym", "diff", "x^2", "--wrt", "x", "--bogus")]
    [InlineData("sym", "frobnicate", "x")]
    [InlineData("frobnicate")]
    [InlineData("sym", "eval", "x", "--at")]
    [InlineData("sym", "diff", "x", "--wrt", "x", "--order", "two")]
    [InlineData("sym")]
    [InlineData()]
    public void CommandLineErrorsAreUserErrors(params string[] args)
    {
        var run = CliRun.Of(args);
        run.AssertUserError("--help");
        Assert.Equal(2, run.Stderr.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n').Length);
    }

    [Fact]
    public void UnknownOptionIsNamed() =>
        CliRun.Of("sym", "diff", "x^2", "--wrt", "x", "--bogus").AssertUserError("--bogus", "latent sym diff --help");

    [Theory]
    [InlineData("--help")]
    [InlineData("sym", "--help")]
    [InlineData("sym", "diff", "--help")]
    [InlineData("sym", "simplify", "--help")]
    [InlineData("sym", "eval", "--help")]
    [InlineData("sym", "cse", "--help")]
    [InlineData("demo", "--help")]
    [InlineData("relax", "--help")]
    [InlineData("md", "--help")]
    public void EveryCommandHasHelp(params string[] args)
    {
        var run = CliRun.Of(args);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage:", run.Stdout);
        Assert.Equal("", run.Stderr);
    }

    [Theory]
    [InlineData("diff")]
    [InlineData("simplify")]
    [InlineData("eval")]
    [InlineData("cse")]
    public void EverySymCommandHasJson(string command) =>
        Assert.Contains("--json", CliRun.Of("sym", command, "--help").Stdout);
}
