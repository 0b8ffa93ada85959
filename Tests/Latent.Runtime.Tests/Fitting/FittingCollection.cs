using Xunit;

namespace Latent.Runtime.Tests.Fitting;

/// <summary>Fits compile many kernel sets and solve many structures: run them one at a time, not beside each other.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FittingCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Fitting";
}
