using Latent.Cli.Input;
using Latent.Cli.Output;

namespace Latent.Cli.Tests;

public class AssignmentsTests
{
    [Fact]
    public void ReadsCommaSeparatedAndRepeatedValues()
    {
        var values = Assignments.Parse(["r=1.5, z = 2", "q=-3e-2"]);
        Assert.Equal(1.5, values["r"]);
        Assert.Equal(2.0, values["z"]);
        Assert.Equal(-0.03, values["q"]);
        Assert.Equal(3, values.Count);
    }

    [Theory]
    [InlineData("r1.5", "expected name=value")]
    [InlineData("r=abc", "'abc' is not a finite number")]
    [InlineData("r=NaN", "'NaN' is not a finite number")]
    [InlineData("r=1,,z=2", "empty assignment")]
    [InlineData("=1", "'' is not a symbol name")]
    [InlineData("2r=1", "'2r' is not a symbol name")]
    [InlineData("r=1,r=2", "'r' is given more than once")]
    public void RejectsMalformedText(string text, string message)
    {
        var error = Assert.Throws<UserError>(() => Assignments.Parse([text]));
        Assert.Contains(message, error.Message);
        Assert.StartsWith("--at:", error.Message);
    }
}
