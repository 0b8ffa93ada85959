using Latent.Cli.Tests.BadInputs;
using Latent.Cli.Validate;

namespace Latent.Cli.Tests.Validation;

/// <summary>One fresh validation of the shipped potentials, through the library code the command runs, shared by a test class.</summary>
public sealed class ValidationResultsFixture
{
    /// <summary>The repository's root.</summary>
    public static string Root { get; } = BadInputCase.RepositoryRoot();

    internal IReadOnlyList<PotentialResults> Results { get; } =
        ValidationRun.Run(ShippedPotentials.All, ExperimentalData.Shipped, Path.Combine(Root, "potentials"), (_, _) => { });

    internal IReadOnlyList<ValidationTable> Tables => ValidationTables.All(Results, ExperimentalData.Shipped);
}
