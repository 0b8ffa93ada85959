namespace Latent.Runtime.Verification;

/// <summary>How hard to look.</summary>
/// <param name="Cases">FsCheck cases per kernel property (gradients and system properties run fewer: see <see cref="GradientCases"/> and <see cref="SystemCases"/>).</param>
/// <param name="Seed">The seed to replay; null draws one (the report says which).</param>
/// <param name="Threads">Most kernel terms checked at once, and most threads of each system case's solves (null: every
/// core). The report does not depend on it: every property draws its cases from its own seed.</param>
public sealed record VerificationOptions(int Cases = 100, ulong? Seed = null, int? Threads = null)
{
    /// <summary>Gradient properties compare against kernels rebuilt at shifted parameters: a quarter of the cases, at least 5.</summary>
    public int GradientCases => Math.Max(5, Cases / 4);

    /// <summary>Each system case solves the latent weights dozens of times: one per 25 cases, at least 2.</summary>
    public int SystemCases => Math.Max(2, Cases / 25);
}
