using System.Globalization;
using System.Text.Json;

namespace Latent.Cli.Tests;

public class SymDiffTests
{
    private static string Num(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The printed derivative, compact and canonical, read back through `sym eval`, against a central difference of the formula.</summary>
    [Theory]
    [InlineData("exp(-z*r)*(1+z*r)/r", 1.3, 1.7)]
    [InlineData("exp(-z*r)*(1+z*r)/r", 0.4, 2.5)]
    [InlineData("sqrt(r^2 + z)*log(r)", 2.0, 0.5)]
    [InlineData("1/r - exp(-2*z*r)*(1/r + 11*z/8 + 3*z^2*r/4 + z^3*r^2/6)", 1.7, 1.2)]
    public void DerivativeMatchesFiniteDifference(string formula, double r, double z)
    {
        const double h = 1e-5;
        var above = CliRun.Of("sym", "eval", formula, "--at", $"r={Num(r + h)},z={Num(z)}").Number;
        var below = CliRun.Of("sym", "eval", formula, "--at", $"r={Num(r - h)},z={Num(z)}").Number;
        var difference = (above - below) / (2 * h);

        foreach (var form in new[] { new[] { "sym", "diff", formula, "--wrt", "r" }, new[] { "sym", "diff", formula, "--wrt", "r", "--canonical" } })
        {
            var derivative = CliRun.Of(form).Line;
            var exact = CliRun.Of("sym", "eval", derivative, "--at", $"r={Num(r)},z={Num(z)}").Number;
            Assert.True(Math.Abs(exact - difference) <= 1e-7 * Math.Max(1, Math.Abs(exact)), $"{derivative}: {exact} vs {difference}");
        }
    }

    /// <summary>By default the derivative prints compact (common factors out, the cofactor multiplied out);
    /// --canonical prints the form it is stored in. The two are the same function.</summary>
    [Theory]
    [InlineData("exp(-z*r)*(1+z*r)/r",
        "-(1 + r*z + r^2*z^2)*exp(-r*z)/r^2",
        "-(1 + r*z)*exp(-r*z)/r^2 - z*(1 + r*z)*exp(-r*z)/r + z*exp(-r*z)/r")]
    [InlineData("1/r - exp(-2*z*r)*(1/r + 11*z/8 + 3*z^2*r/4 + z^3*r^2/6)",
        "(-1 + (1 + r^4*z^4/3 + 7*r^3*z^3/6 + 2*r*z + 2*r^2*z^2)*exp(-2*r*z))/r^2",
        "-1/r^2 - (-1/r^2 + r*z^3/3 + 3*z^2/4)*exp(-2*r*z) + 2*z*(1/r + r^2*z^3/6 + 3*r*z^2/4 + 11*z/8)*exp(-2*r*z)")]
    [InlineData("sqrt(r^2 + z)*log(r)",
        "(r^2 + z + r^2*log(r))/(r*sqrt(r^2 + z))",
        "sqrt(r^2 + z)/r + r*log(r)/sqrt(r^2 + z)")]
    public void CompactByDefaultCanonicalOnRequest(string formula, string compact, string canonical)
    {
        Assert.Equal(compact, CliRun.Of("sym", "diff", formula, "--wrt", "r").Line);
        Assert.Equal(canonical, CliRun.Of("sym", "diff", formula, "--wrt", "r", "--canonical").Line);
        foreach (var at in new[] { "r=1.7,z=1.3", "r=0.4,z=2.5", "r=3.1,z=0.2" })
        {
            var a = CliRun.Of("sym", "eval", compact, "--at", at).Number;
            var b = CliRun.Of("sym", "eval", canonical, "--at", at).Number;
            Assert.True(Math.Abs(a - b) <= 1e-12 * Math.Max(1, Math.Abs(b)), $"at {at}: {a} vs {b}");
        }
    }

    [Fact]
    public void ProgramDefinitionsAreSubstitutedAndTheLastStatementIsDifferentiated()
    {
        var viaProgram = CliRun.Of("sym", "diff", "a = 2*z; exp(-a*r)", "--wrt", "r").Line;
        var direct = CliRun.Of("sym", "diff", "exp(-2*z*r)", "--wrt", "r").Line;
        Assert.Equal(direct, viaProgram);
        Assert.DoesNotContain("a", viaProgram.Replace("exp", ""));
    }

    [Fact]
    public void HigherOrderDerivative()
    {
        var second = CliRun.Of("sym", "diff", "x^3 + 5*x", "--wrt", "x", "--order", "2").Line;
        Assert.Equal(12.0, CliRun.Of("sym", "eval", second, "--at", "x=2").Number);
    }

    [Fact]
    public void JsonHasTheDerivative()
    {
        var run = CliRun.Of("sym", "diff", "x^2", "--wrt", "x", "--json");
        Assert.Equal(0, run.ExitCode);
        using var document = JsonDocument.Parse(run.Stdout);
        var derivative = document.RootElement.GetProperty("derivative").GetString();
        Assert.Equal(CliRun.Of("sym", "diff", "x^2", "--wrt", "x").Line, derivative);
        Assert.Equal(6.0, CliRun.Of("sym", "eval", derivative!, "--at", "x=3").Number);
    }

    [Fact]
    public void JsonFollowsCanonical()
    {
        const string formula = "exp(-z*r)*(1+z*r)/r";
        foreach (var flags in new[] { new string[0], new[] { "--canonical" } })
        {
            using var document = JsonDocument.Parse(CliRun.Of(["sym", "diff", formula, "--wrt", "r", "--json", .. flags]).Stdout);
            Assert.Equal(CliRun.Of(["sym", "diff", formula, "--wrt", "r", .. flags]).Line, document.RootElement.GetProperty("derivative").GetString());
        }
    }

    [Fact]
    public void VariableAbsentFromTheFormulaGivesZeroAndAWarning()
    {
        var run = CliRun.Of("sym", "diff", "exp(-z*r)", "--wrt", "R");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("0", run.Stdout.Trim());
        Assert.Contains("does not depend on 'R'", run.Stderr);
    }

    [Fact]
    public void ConstantAsVariableIsAUserError() =>
        CliRun.Of("sym", "diff", "sin(pi*x)", "--wrt", "pi").AssertUserError("'pi' is a constant");

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    public void OrderBelowOneIsAUsageError(string order) =>
        CliRun.Of("sym", "diff", "x^2", "--wrt", "x", "--order", order).AssertUserError("--order must be a whole number, 1 or more");

    [Fact]
    public void MissingWrtIsAUsageError() =>
        CliRun.Of("sym", "diff", "x^2").AssertUserError("--wrt", "latent sym diff --help");
}
