using System.Text.Json;

namespace Latent.Cli.Tests;

public class SymSimplifyTests
{
    [Theory]
    [InlineData("x + x", "2*x")]
    [InlineData("x*x*x/x", "x^2")]
    [InlineData("exp(a)*exp(b)", "exp(b + a)")]
    [InlineData("a = 2*z; a*r - r*z", "r*z")]
    public void EqualFormulasHaveOneCanonicalForm(string formula, string equivalent)
    {
        Assert.Equal(CliRun.Of("sym", "simplify", equivalent).Line, CliRun.Of("sym", "simplify", formula).Line);
    }

    /// <summary>Both printed forms read back to formulas that print the same again.</summary>
    [Theory]
    [InlineData]
    [InlineData("--canonical")]
    public void PrintedFormReadsBackToItself(params string[] flags)
    {
        var once = CliRun.Of(["sym", "simplify", "exp(-z*r)*(1+z*r)/r - 3/r", .. flags]).Line;
        Assert.Equal(once, CliRun.Of(["sym", "simplify", once, .. flags]).Line);
    }

    /// <summary>By default the compact display form; --canonical the stored form. Both the same function.</summary>
    [Theory]
    [InlineData("x*y + x*z", "x*(y + z)", "x*y + x*z", "x=0.7,y=1.9,z=1.3")]
    [InlineData("exp(-z*r)*(1+z*r)/r - 3/r", "(-3 + (1 + r*z)*exp(-r*z))/r", "-3/r + (1 + r*z)*exp(-r*z)/r", "r=2.2,z=1.3")]
    [InlineData("(1+z*r)^2 - r^2*z^2", "1 + 2*r*z", "-r^2*z^2 + (1 + r*z)^2", "r=2.2,z=1.3")]
    [InlineData("2*x + 4*x*y", "2*x + 4*x*y", "2*x + 4*x*y", "x=0.7,y=1.9")]
    public void CompactByDefaultCanonicalOnRequest(string formula, string compact, string canonical, string at)
    {
        Assert.Equal(compact, CliRun.Of("sym", "simplify", formula).Line);
        Assert.Equal(canonical, CliRun.Of("sym", "simplify", formula, "--canonical").Line);
        var original = CliRun.Of("sym", "eval", formula, "--at", at).Number;
        foreach (var printed in new[] { compact, canonical })
        {
            var value = CliRun.Of("sym", "eval", printed, "--at", at).Number;
            Assert.True(Math.Abs(value - original) <= 1e-12 * Math.Max(1, Math.Abs(original)), $"{printed}: {value} vs {original}");
        }
    }

    [Fact]
    public void LatexShowsTheSameForm()
    {
        Assert.Equal(@"x \left(y + z\right)", CliRun.Of("sym", "simplify", "x*y + x*z", "--latex").Stdout.ReplaceLineEndings("\n").Split('\n')[1]);
        Assert.Equal("x y + x z", CliRun.Of("sym", "simplify", "x*y + x*z", "--latex", "--canonical").Stdout.ReplaceLineEndings("\n").Split('\n')[1]);
    }

    [Fact]
    public void LatexIsASecondLine()
    {
        var run = CliRun.Of("sym", "simplify", "sqrt(x)/y", "--latex");
        Assert.Equal(0, run.ExitCode);
        var lines = run.Stdout.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.Equal(CliRun.Of("sym", "simplify", "sqrt(x)/y").Line, lines[0]);
        Assert.Contains(@"\sqrt", lines[1]);
    }

    [Fact]
    public void JsonHasExpressionAndLatexOnlyWhenAsked()
    {
        using var plain = JsonDocument.Parse(CliRun.Of("sym", "simplify", "x + x", "--json").Stdout);
        Assert.Equal(CliRun.Of("sym", "simplify", "2*x").Line, plain.RootElement.GetProperty("expression").GetString());
        Assert.False(plain.RootElement.TryGetProperty("latex", out _));

        using var withLatex = JsonDocument.Parse(CliRun.Of("sym", "simplify", "x^2/y", "--json", "--latex").Stdout);
        Assert.Contains(@"\frac", withLatex.RootElement.GetProperty("latex").GetString());
    }
}
