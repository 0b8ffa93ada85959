using System.Globalization;
using Latent.Cli.Output;

namespace Latent.Cli.Tests;

public class ErrorReporterTests
{
    [Fact]
    public void LocatedErrorEchoesTheLineWithACaretUnderTheColumn()
    {
        var stderr = new StringWriter(CultureInfo.InvariantCulture);
        var error = new UserError("unknown function 'foo'", new SourceLocation("a = 1\nexp(-foo(r))", 2, 6));

        var code = ErrorReporter.ReportUserError(error, stderr);

        Assert.Equal(ExitCodes.UserError, code);
        var lines = stderr.ToString().ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.Equal(
            ["latent: error: line 2, column 6: unknown function 'foo'", "  exp(-foo(r))", "       ^"],
            lines);
    }

    [Fact]
    public void LocatedErrorNamesItsSourceFile()
    {
        var stderr = new StringWriter(CultureInfo.InvariantCulture);
        var error = new UserError("expected ')'", new SourceLocation("f(", 1, 3, "pair.formula"));

        ErrorReporter.ReportUserError(error, stderr);

        Assert.StartsWith("latent: error: pair.formula: line 1, column 3: expected ')'", stderr.ToString());
    }

    [Fact]
    public void InternalErrorIsOneLineWithExitCodeThree()
    {
        var stderr = new StringWriter(CultureInfo.InvariantCulture);
        Exception thrown;
        try
        {
            throw new AggregateException(new InvalidOperationException("table is\ncorrupt"));
        }
        catch (Exception e)
        {
            thrown = e;
        }

        var code = ErrorReporter.ReportInternalError(thrown, stderr);

        Assert.Equal(ExitCodes.InternalError, code);
        Assert.Equal("latent: internal error: table is corrupt" + Environment.NewLine, stderr.ToString());
    }
}
