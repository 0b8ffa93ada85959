using System.Globalization;
using System.Text.Json;

namespace Latent.Cli.Tests;

public class SymCseTests
{
    private const string Program = "a = exp(-z*r); a*(1+z*r)/r; a/r";

    [Fact]
    public void TextIsInputsInstructionsThenNamedOutputs()
    {
        var lines = CliRun.Of("sym", "cse", Program).Line.ReplaceLineEndings("\n").Split('\n');
        Assert.Equal("inputs: r, z", lines[0]);
        Assert.Equal(["a", "out1", "out2"], lines[^3..].Select(l => l[..l.IndexOf(" = ", StringComparison.Ordinal)]));
        Assert.All(lines[1..^3], l => Assert.Matches(@"^t\d+ = ", l));
    }

    [Fact]
    public void SharedSubexpressionIsComputedOnce()
    {
        var lines = CliRun.Of("sym", "cse", Program).Line.ReplaceLineEndings("\n").Split('\n');
        Assert.Single(lines, l => l.Contains("exp("));
    }

    [Fact]
    public void JsonHasInputsInstructionsOutputsAndCounts()
    {
        var run = CliRun.Of("sym", "cse", Program, "--json");
        Assert.Equal(0, run.ExitCode);
        using var document = JsonDocument.Parse(run.Stdout);
        var root = document.RootElement;

        Assert.Equal(["r", "z"], root.GetProperty("inputs").EnumerateArray().Select(e => e.GetString()));
        var instructions = root.GetProperty("instructions").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(["a", "out1", "out2"], root.GetProperty("outputs").EnumerateArray().Select(e => e.GetProperty("name").GetString()));
        var counts = root.GetProperty("counts");
        Assert.Equal(instructions.Count, counts.GetProperty("instructions").GetInt32());
        Assert.Equal(1, counts.GetProperty("calls").GetProperty("exp").GetInt32());

        // Every output refers to an instruction the program has.
        foreach (var output in root.GetProperty("outputs").EnumerateArray())
        {
            var value = output.GetProperty("value").GetString()!;
            Assert.Contains(instructions, i => i.StartsWith(value + " = ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void UnnamedOutputsSkipNamesTheProgramDefines()
    {
        var json = CliRun.Of("sym", "cse", "out1 = x^2; out1 + 1", "--json").Stdout;
        using var document = JsonDocument.Parse(json);
        Assert.Equal(["out1", "out2"], document.RootElement.GetProperty("outputs").EnumerateArray().Select(e => e.GetProperty("name").GetString()));
    }

    [Fact]
    public void RedefinitionIsAUserErrorAtTheSecondDefinition() =>
        CliRun.Of("sym", "cse", "a = x\na = 2*x").AssertUserError("line 2, column 1", "'a' is already defined");

    [Fact]
    public void ConstantOutputHasNoInputs()
    {
        var lines = CliRun.Of("sym", "cse", "2*pi").Line.ReplaceLineEndings("\n").Split('\n');
        Assert.Equal("inputs:", lines[0]);
        Assert.Equal("out1 = " + (2 * Math.PI).ToString("R", CultureInfo.InvariantCulture), lines[^1]);
    }
}
