namespace Latent.Runtime.Verification;

/// <summary>Every property checked for one potential, with the seed that reproduces the run.</summary>
/// <param name="Potential">The potential's name.</param>
/// <param name="Seed">The FsCheck seed every property derived its own from (<c>--seed</c> replays the run).</param>
/// <param name="Cases">Cases asked for per kernel property.</param>
/// <param name="Properties">The results, pair kernels first, then embeddings, then system properties.</param>
public sealed record VerificationReport(string Potential, ulong Seed, int Cases, IReadOnlyList<PropertyResult> Properties)
{
    /// <summary>True when no property failed.</summary>
    public bool Passed => Properties.All(p => p.Passed);

    /// <summary>The failed properties, in report order.</summary>
    public IEnumerable<PropertyResult> Failures => Properties.Where(p => !p.Passed);
}
