namespace Latent.Runtime.Dynamics.Watchdog;

/// <summary>
/// What the isolated A–B dimer curve of a potential says about safe dynamics: where its minimum lies, how
/// stiff it is there (so how fast the pair vibrates) and the smallest distance the pair sensibly reaches.
/// Measured by <see cref="PairScan.Measure"/>.
/// </summary>
/// <param name="A">First element.</param>
/// <param name="B">Second element.</param>
/// <param name="ReducedMass">m_A·m_B/(m_A + m_B) (amu).</param>
/// <param name="MinimumDistance">r₀ of the lowest point of the curve (Å); null when the lowest point is at an end of the scanned range (no bound dimer).</param>
/// <param name="Curvature">d²A/dr² at r₀ (eV/Å²); null without a minimum or when it is not positive.</param>
/// <param name="SensibleDistance">The distance, inside the lowest point, where the curve has risen <see cref="PairScan.RiseEnergy"/> above it (Å); null when it never rises that far.</param>
public sealed record PairScale(string A, string B, double ReducedMass, double? MinimumDistance, double? Curvature, double? SensibleDistance)
{
    /// <summary>Period 2π/ω of the dimer's vibration (fs), ω = √(k/μ); null without a curvature.</summary>
    public double? Period => Curvature is { } k ? 2 * Math.PI * Math.Sqrt(ReducedMass * MdUnits.AmuAngstrom2PerFs2 / k) : null;

    /// <summary>"Na–Cl".</summary>
    public string Name => $"{A}–{B}";

    /// <summary>Whether this is the pair of <paramref name="a"/> and <paramref name="b"/>, in either order.</summary>
    public bool Is(string a, string b) => (A == a && B == b) || (A == b && B == a);
}
