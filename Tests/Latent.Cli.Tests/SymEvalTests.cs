using System.Text.Json;

namespace Latent.Cli.Tests;

public class SymEvalTests
{
    [Fact]
    public void ValueRoundTrips()
    {
        Assert.Equal(Math.Exp(-3.0), CliRun.Of("sym", "eval", "exp(-z*r)", "--at", "r=1.5,z=2").Number);
    }

    [Fact]
    public void RepeatedAtOptionsCombine()
    {
        Assert.Equal(7.0, CliRun.Of("sym", "eval", "x + 2*y", "--at", "x=1", "--at", "y=3").Number);
    }

    [Fact]
    public void ConstantFormulaNeedsNoValues()
    {
        Assert.Equal(Math.PI / 2, CliRun.Of("sym", "eval", "pi/2").Number);
    }

    [Fact]
    public void ProgramIsEvaluatedAtItsLastStatement()
    {
        Assert.Equal(Math.Exp(-4.0), CliRun.Of("sym", "eval", "a = 2*z\nexp(-a*r)", "--at", "z=1,r=2").Number);
    }

    [Fact]
    public void JsonValueIsARoundTripNumber()
    {
        var run = CliRun.Of("sym", "eval", "1/x", "--at", "x=3", "--json");
        Assert.Equal(0, run.ExitCode);
        using var document = JsonDocument.Parse(run.Stdout);
        Assert.Equal(1.0 / 3.0, document.RootElement.GetProperty("value").GetDouble());
    }

    /// <summary>A value that is not finite is never a result: the error names the part of the formula that is not.</summary>
    [Fact]
    public void NonFiniteValueIsAUserErrorNamingThePart()
    {
        CliRun.Of("sym", "eval", "log(x)", "--at", "x=0", "--json").AssertUserError("the formula has no finite value at x=0 (it is -Infinity)");
        CliRun.Of("sym", "eval", "x/y + 1", "--at", "x=0,y=0").AssertUserError("the formula has no finite value at x=0, y=0: 1/y is Infinity");
    }

    [Fact]
    public void MissingValueNamesTheSymbol() =>
        CliRun.Of("sym", "eval", "exp(-z*r)", "--at", "r=1").AssertUserError("no value given for symbol 'z'", "--at z=");

    [Fact]
    public void ValueForASymbolNotInTheFormulaIsAnError() =>
        CliRun.Of("sym", "eval", "exp(-r)", "--at", "r=1,R=2").AssertUserError("the formula has no symbol 'R'");

    [Fact]
    public void ValueForAConstantIsAnError() =>
        CliRun.Of("sym", "eval", "pi*r", "--at", "r=1,pi=3").AssertUserError("'pi' is a constant");

    [Theory]
    [InlineData("r1.5", "expected name=value")]
    [InlineData("r=1,5", "expected name=value, got '5'")]
    [InlineData("r=one", "'one' is not a finite number")]
    public void BadAtSyntaxIsAUserError(string at, string message) =>
        CliRun.Of("sym", "eval", "exp(-r)", "--at", at).AssertUserError(message);
}
