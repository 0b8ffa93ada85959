using Latent.Cli.Validate;

namespace Latent.Cli.Tests.Validation;

/// <summary>experiment.toml: the values the page compares with, read as written, and a broken file named at its line.</summary>
public sealed class ExperimentalDataTests
{
    [Fact]
    public void The_shipped_values_carry_their_units_and_sources()
    {
        var data = ExperimentalData.Shipped;
        var bond = data.Find("dimer.Na-Cl", "bond_length")!;
        Assert.Equal(2.3609, bond.Value);
        Assert.Equal("Å", bond.Unit);
        Assert.Equal("Huber & Herzberg 1979", bond.Source.Short);
        Assert.Equal(45, data.Find("fcc.Cu", "stacking_fault_energy")!.Value);
        Assert.Null(data.Find("fcc.Cu", "dipole"));
        // Every source is cited by some value, and every value's source is listed.
        Assert.All(data.Sources, s => Assert.Contains(data.Values, v => v.Source == s));
    }

    [Theory]
    [InlineData("[dimer.Na-Cl]\nbond_length = { value = 2.36, unit = \"Å\", source = \"nobody\" }\n", ":2:", "cites 'nobody'")]
    [InlineData("[sources.x]\nshort = \"X\"\nfull = \"X.\"\n[dimer.Na-Cl]\nbond_length = { value = \"2.36\", unit = \"Å\", source = \"x\" }\n", ":5:", "'value' must be a number")]
    [InlineData("[sources.x]\nshort = \"X\"\n", ":1:", "missing 'full'")]
    [InlineData("[dimer]\nNa-Cl = 3\n", ":2:", "dimer.Na-Cl must be a table")]
    [InlineData("[dimer.Na-Cl\n", ":1:", "")]
    public void A_broken_file_is_named_at_its_line(string text, string line, string message)
    {
        var error = Assert.Throws<InvalidDataException>(() => ExperimentalData.Read(text, "experiment.toml"));
        Assert.StartsWith("experiment.toml" + line, error.Message);
        Assert.Contains(message, error.Message);
    }
}
