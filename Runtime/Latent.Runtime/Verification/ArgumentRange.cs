using FsCheck;
using FsCheck.Fluent;

namespace Latent.Runtime.Verification;

/// <summary>
/// Where a kernel's argument is drawn: [<see cref="Low"/>, <see cref="High"/>], denser towards the
/// low end (short distances, where terms are large and change fast). Failures shrink towards round
/// numbers, so a counterexample reads r = 2.5 rather than r = 2.4999731….
/// </summary>
internal sealed record ArgumentRange(string Variable, double Low, double High)
{
    private const int Resolution = 1 << 24;

    /// <summary>Distances from 0.8 Å (closer than any bond) to 1 Å past the cutoff, where every short-range term is zero.</summary>
    public static ArgumentRange Distances(double cutoff) => new("r", 0.8, cutoff + 1.0);

    /// <summary>Host densities: F and its derivatives are only ever evaluated at non-negative ρ̄; 0.01 keeps sqrt-like embeddings differentiable.</summary>
    public static ArgumentRange Densities { get; } = new("rho", 0.01, 10.0);

    public Arbitrary<double> Arbitrary() =>
        Arb.From(Gen.Choose(0, Resolution).Select(k => At((double)k / Resolution)), Shrink);

    /// <summary>The point a fraction u ∈ [0, 1] of the way along, squared so that half the cases fall in the first quarter.</summary>
    public double At(double u) => Low + (High - Low) * u * u;

    /// <summary>Rounder values first: each candidate has fewer decimals, so shrinking ends.</summary>
    private IEnumerable<double> Shrink(double x)
    {
        for (var decimals = 0; decimals <= 3; decimals++)
        {
            var rounded = Math.Round(x, decimals);
            if (rounded != x && rounded >= Low && rounded <= High)
                yield return rounded;
        }
    }
}
