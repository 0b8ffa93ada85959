using Latent.Runtime.Kernels;

namespace Latent.Cli.Dimer;

/// <summary>
/// Where the ionic curve A⁺B⁻ crosses the covalent (neutral) one in the simplest picture: the
/// ion pair costs IP_A − EA_B at infinity and gains k_e/r from the Coulomb attraction, so the two
/// meet at R_c = k_e/(IP_A − EA_B). IP and EA come from the state energies (cation energy, minus the
/// anion energy) relative to the neutral ground state; for a continuous-charge element, from its parabola
/// χq + ½Jq² at q = +1 and −1 (IP = χ + J/2, EA = χ − J/2).
/// </summary>
public sealed record IonicCrossing(string Cation, string Anion, double IonisationEnergy, double ElectronAffinity, double Distance)
{
    public const double CoulombConstant = 14.3996454784;

    /// <summary>The crossing of the cheaper ion pair (A⁺B⁻ or A⁻B⁺), the one met first coming in from
    /// far apart; null when neither element has both the ion and a neutral state, or the ions cost nothing.</summary>
    public static IonicCrossing? Estimate(ElementDescription a, ElementDescription b)
    {
        var candidates = new[] { Of(a, b), Of(b, a) }.Where(c => c is not null).Select(c => c!).ToArray();
        return candidates.Length == 0 ? null : candidates.MaxBy(c => c.Distance);
    }

    private static IonicCrossing? Of(ElementDescription cation, ElementDescription anion)
    {
        var ip = Lowest(cation, 1) - Lowest(cation, 0);
        var ea = Lowest(anion, 0) - Lowest(anion, -1);
        var gap = ip - ea;
        return double.IsFinite(gap) && gap > 0
            ? new IonicCrossing(cation.Symbol, anion.Symbol, ip, ea, CoulombConstant / gap)
            : null;
    }

    private static double Lowest(ElementDescription element, int charge) =>
        element.Charge is { } parabola
            ? charge * (parabola.Electronegativity + 0.5 * parabola.Hardness * charge)
            : element.States.Where(s => s.Charge == charge).Select(s => s.Energy).DefaultIfEmpty(double.NaN).Min();
}
