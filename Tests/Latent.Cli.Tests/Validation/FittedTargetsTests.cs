using Latent.Cli.Output;
using Latent.Cli.Validate;
using Latent.Runtime.Potentials;
using Latent.Symbolic.PotentialFile;

namespace Latent.Cli.Tests.Validation;

/// <summary>Which rows a [fitted] record makes fitted and which predicted, and the records the page must not trust.</summary>
public sealed class FittedTargetsTests : IDisposable
{
    private const string Targets = """
        format = 1

        [structures.molecule]
        kind = "dimer"
        elements = ["Cl", "Na"]

        [structures.crystal]
        kind = "rocksalt"
        elements = ["Na", "Cl"]
        lattice_constant = 5.64

        [[targets]]
        structure = "molecule"
        property = "bond_length"
        value = 2.3609

        [[targets]]
        structure = "molecule"
        property = "dipole"
        value = 9.0
        weight = 0

        [[targets]]
        structure = "crystal"
        property = "lattice_constant"
        value = 5.64
        """;

    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    /// <summary>The shipped NaCl without the [fitted] record its fit wrote: a file set by hand.</summary>
    private static PotentialSource HandSet() =>
        PotentialSource.Resolve("NaCl") with { Text = ParameterText.withoutFittedRecord(PotentialSource.Resolve("NaCl").Text), IsShipped = false };

    private static PotentialSource WithRecord(string record) => HandSet() with { Text = HandSet().Text + "\n[fitted]\n" + record };

    private static ValidatedProperty Row(string property) => ShippedPotentials.Salt("NaCl").Properties.First(p => p.Property == property);

    [Fact]
    public void A_file_without_a_record_is_hand_set()
    {
        var fitted = FittedTargets.Of(HandSet(), directory.Path);
        Assert.False(fitted.IsFitted);
        Assert.Equal(FittedTargets.HandSet, fitted.Origin(Row("bond_length")));
    }

    [Fact]
    public void A_target_of_the_fit_is_fitted_whatever_order_a_dimer_names_its_atoms_and_the_rest_predicted()
    {
        directory.Write("NaCl.targets.toml", Targets);
        var fitted = FittedTargets.Of(WithRecord($"targets = \"NaCl.targets.toml\"\ntargets_sha256 = \"{SourceHash.ofText(Targets)}\"\ndate = \"2030-01-01T00:00:00Z\"\n"), directory.Path);
        Assert.True(fitted.IsFitted);
        Assert.Equal("2030-01-01T00:00:00Z", fitted.Date);
        Assert.Equal("fitted", fitted.Origin(Row("bond_length")));
        Assert.Equal("fitted", fitted.Origin(Row("lattice_constant")));
        // A target of weight 0 is reported by the fit, not fitted.
        Assert.Equal("predicted", fitted.Origin(Row("dipole")));
        Assert.Equal("predicted", fitted.Origin(Row("bulk_modulus")));
        // Na₂'s bond length is not the Na–Cl dimer's.
        Assert.Equal("predicted", fitted.Origin(ShippedPotentials.Salt("NaCl").Properties.First(p => p.Label == "Na₂ R_e")));
    }

    [Fact]
    public void The_shipped_NaCl_is_fitted_to_its_targets_file_but_for_the_weightless_D0_and_dipole()
    {
        var fitted = FittedTargets.Of(PotentialSource.Resolve("NaCl"), Path.Combine(ValidationResultsFixture.Root, "potentials"));
        Assert.Equal("NaCl.targets.toml", fitted.Path);
        foreach (var property in new[] { "bond_length", "frequency", "lattice_constant", "atomisation_energy", "bulk_modulus" })
            Assert.Equal("fitted", fitted.Origin(Row(property)));
        Assert.Equal("predicted", fitted.Origin(Row("dissociation_energy")));
        Assert.Equal("predicted", fitted.Origin(Row("dipole")));
    }

    [Fact]
    public void A_record_whose_targets_file_is_missing_is_refused()
    {
        var error = Assert.Throws<UserError>(() => FittedTargets.Of(WithRecord("targets = \"gone.toml\"\n"), directory.Path));
        Assert.Contains("names the targets file 'gone.toml'", error.Message);
        Assert.Contains("repository root", error.Message);
    }

    [Fact]
    public void A_record_of_another_version_of_the_targets_is_refused()
    {
        directory.Write("NaCl.targets.toml", Targets);
        var error = Assert.Throws<UserError>(() => FittedTargets.Of(WithRecord($"targets = \"NaCl.targets.toml\"\ntargets_sha256 = \"{new string('0', 64)}\"\n"), directory.Path));
        Assert.Contains("another version", error.Message);
    }

    [Fact]
    public void A_targets_file_that_does_not_read_is_reported_at_its_line()
    {
        directory.Write("bad.toml", "format = 1\n[structures.molecule]\nkind = \"trimer\"\n");
        var error = Assert.Throws<UserError>(() => FittedTargets.Of(WithRecord("targets = \"bad.toml\"\n"), directory.Path));
        Assert.NotNull(error.Location);
        Assert.Equal(3, error.Location!.Line);
    }
}
