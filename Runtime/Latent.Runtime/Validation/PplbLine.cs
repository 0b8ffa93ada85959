using Latent.Symbolic.PotentialFile;

namespace Latent.Runtime.Validation;

/// <summary>
/// The exact energy of an isolated atom against its charge q between −1 and +1 (Perdew, Parr, Levy and Balduz, Phys.
/// Rev. Lett. 49, 1691 (1982)): straight lines between the integer charges, E(q) − E(0) = q·IP for q ≥ 0 and q·EA for
/// q ≤ 0, with the measured first ionisation energy and electron affinity of the atomic-data table.
/// </summary>
/// <param name="Symbol">The element.</param>
/// <param name="IonisationEnergy">IP₁ (eV).</param>
/// <param name="ElectronAffinity">EA (eV).</param>
public sealed record PplbLine(string Symbol, double IonisationEnergy, double ElectronAffinity)
{
    /// <summary>E(q) − E(0) on the line (eV).</summary>
    public double Value(double q) => q >= 0 ? q * IonisationEnergy : q * ElectronAffinity;

    /// <summary>The line of <paramref name="symbol"/> from the shipped atomic data.</summary>
    /// <exception cref="ArgumentException">The table has no ionisation energy or no bound anion for the element.</exception>
    public static PplbLine FromAtomicData(string symbol) =>
        new(symbol, Datum($"ip1_{symbol}"), Datum($"ea_{symbol}"));

    private static double Datum(string name)
    {
        var found = AtomicData.lookup(name);
        if (found is null)
            throw new ArgumentException($"the atomic data have no '{name}'", nameof(name));
        return found.Value.IsOk
            ? found.Value.ResultValue
            : throw new ArgumentException($"{name}: {found.Value.ErrorValue}", nameof(name));
    }
}
