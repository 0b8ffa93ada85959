namespace Latent.Cli.Tests;

/// <summary><c>latent export setfl</c>: writes the table, and refuses what a table cannot hold in one line with exit 2.</summary>
public sealed class ExportSetflTests
{
    [Fact]
    public void Writes_the_table_and_says_how_to_use_it()
    {
        using var directory = new TempDirectory();
        var path = directory.File("Cu.setfl");
        var run = CliRun.Of("export", "setfl", "cu", "-o", path, "--nr", "500", "--nrho", "400");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("pair_coeff * * " + path + " Cu", run.Stdout);
        var lines = File.ReadAllLines(path);
        Assert.Equal("1 Cu", lines[3]);
        Assert.StartsWith("400 ", lines[4]);
        Assert.Contains(" 500 ", lines[4]);
        Assert.EndsWith(" 5.5", lines[4]);
        Assert.Equal("29 63.546 3.615 fcc", lines[5]);
        // Header, then F (400), density (500) and r·φ (500) at five numbers a line.
        Assert.Equal(6 + 400 / 5 + 500 / 5 + 500 / 5, lines.Length);
        Assert.Empty(Directory.GetFiles(directory.Path, "*.tmp"));
    }

    [Fact]
    public void A_potential_with_several_states_is_a_user_error_naming_why()
    {
        using var directory = new TempDirectory();
        CliRun.Of("export", "setfl", "NaCl", "-o", directory.File("x.setfl"))
            .AssertUserError("cannot be written as an eam/alloy table", "element Na has 3 states");
        Assert.False(File.Exists(directory.File("x.setfl")));
    }

    [Fact]
    public void A_potential_of_continuous_charges_is_a_user_error_naming_why()
    {
        using var directory = new TempDirectory();
        CliRun.Of("export", "setfl", "NaCl-QEq", "-o", directory.File("x.setfl"))
            .AssertUserError("cannot be written as an eam/alloy table", "its charges are continuous");
        Assert.False(File.Exists(directory.File("x.setfl")));
    }

    [Theory]
    [InlineData("--nr", "2", "--nr must be at least 5 points")]
    [InlineData("--nrho", "0", "--nrho must be at least 5 points")]
    [InlineData("--rho-max", "-1", "--rho-max must be a positive number")]
    public void A_grid_too_small_is_a_user_error(string option, string value, string message)
    {
        using var directory = new TempDirectory();
        CliRun.Of("export", "setfl", "Cu", "-o", directory.File("x.setfl"), option, value).AssertUserError(message);
    }

    [Fact]
    public void Without_a_declared_crystal_the_density_range_must_be_given()
    {
        using var directory = new TempDirectory();
        // Shipped Cu without its [elements.Cu.lattice] table (and the Rose constraint that needs it).
        var text = Latent.Runtime.Potentials.PotentialSource.Resolve("Cu").Text;
        var lattice = text.IndexOf("[elements.Cu.lattice]", StringComparison.Ordinal);
        var states = text.IndexOf("[[elements.Cu.states]]", StringComparison.Ordinal);
        text = (text[..lattice] + text[states..]).Replace("\"charge_conservation\", \"rose\",", "\"charge_conservation\",", StringComparison.Ordinal);
        var file = directory.Write("CuNoCrystal.toml", text);
        CliRun.Of("export", "setfl", file, "-o", directory.File("x.setfl")).AssertUserError("declares no crystal", "give --rho-max");
        var run = CliRun.Of("export", "setfl", file, "-o", directory.File("x.setfl"), "--rho-max", "40", "--nr", "100", "--nrho", "100");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal("29 63.546 0 none", File.ReadAllLines(directory.File("x.setfl"))[5]);
    }

    [Fact]
    public void Export_without_a_format_is_a_usage_error() =>
        CliRun.Of("export").AssertUserError();
}
