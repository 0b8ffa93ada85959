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

    [Fact]
    public void CanonicalFormReadsBackToItself()
    {
        var once = CliRun.Of("sym", "simplify", "exp(-z*r)*(1+z*r)/r - 3/r").Line;
        Assert.Equal(once, CliRun.Of("sym", "simplify", once).Line);
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
