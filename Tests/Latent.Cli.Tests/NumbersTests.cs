using Latent.Cli.Output;
using Xunit;

namespace Latent.Cli.Tests;

/// <summary>Number text: signed percentages and fixed columns never show a sign on a value that rounds to zero.</summary>
public sealed class NumbersTests
{
    [Theory]
    [InlineData(1.234, 2, "+1.23")]
    [InlineData(-0.4, 2, "-0.40")]
    [InlineData(-0.000001, 2, "+0.00")]
    [InlineData(-0.0, 2, "+0.00")]
    [InlineData(0.004999, 2, "+0.00")]
    [InlineData(-0.005, 2, "-0.01")]
    [InlineData(-12.3456, 3, "-12.346")]
    public void Signed_prints_an_explicit_sign_and_no_sign_clash_at_zero(double value, int decimals, string expected) =>
        Assert.Equal(expected, Numbers.Signed(value, decimals));

    [Theory]
    [InlineData(-0.00001, 4, "0.0000")]
    [InlineData(-1.5, 1, "-1.5")]
    public void Fixed_drops_the_sign_of_a_value_that_rounds_to_zero(double value, int decimals, string expected) =>
        Assert.Equal(expected, Numbers.Fixed(value, decimals));
}
