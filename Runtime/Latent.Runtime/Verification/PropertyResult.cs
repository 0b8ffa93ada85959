namespace Latent.Runtime.Verification;

/// <summary>
/// One property checked for one term: its name (<c>derivative</c>, <c>interpreter</c>, <c>simd</c>,
/// <c>build-time</c>, <c>gradient</c>, <c>forces</c>, <c>stress</c>), where, how many cases FsCheck
/// judged, and the shrunk counterexample when it failed.
/// </summary>
/// <param name="Name">The property.</param>
/// <param name="Pair">Element pair (<c>Na-Cl</c>), element (embeddings), or <c>system</c>.</param>
/// <param name="Term">The kernel term (<c>c.cation.anion</c>, <c>phi</c>, <c>F′</c>), or the structure kind.</param>
/// <param name="Parameter">The fitted parameter of a <c>gradient</c> property, else null.</param>
/// <param name="Cases">Cases judged (points where a difference did not converge are not judged, nor counted).</param>
/// <param name="Status">Passed, failed or not applicable.</param>
/// <param name="Note">Why a property does not apply, or how a failure came about when it is not a number.</param>
/// <param name="Counterexample">The shrunk failing case.</param>
public sealed record PropertyResult(
    string Name, string Pair, string Term, string? Parameter, int Cases, PropertyStatus Status,
    string? Note = null, Counterexample? Counterexample = null)
{
    /// <summary>True unless the property failed.</summary>
    public bool Passed => Status != PropertyStatus.Failed;
}
