namespace Latent.Runtime.Calculators;

/// <summary>
/// Two atoms are so close (on top of each other, in the limit) that the potential has no finite energy or
/// no converged latent weights there: the structure is the problem, and the message names both atoms and
/// their distance rather than a symptom such as a solver that did not converge.
/// </summary>
public sealed class AtomsTooCloseException : Exception
{
    /// <summary>Atoms <paramref name="first"/> and <paramref name="second"/> (with their elements) at <paramref name="distance"/> Å.</summary>
    public AtomsTooCloseException(int first, string firstSymbol, int second, string secondSymbol, double distance)
        : base(Describe(first, firstSymbol, second, secondSymbol, distance))
    {
        First = first;
        Second = second;
        Distance = distance;
    }

    /// <summary>Index of the first atom.</summary>
    public int First { get; }

    /// <summary>Index of the second atom (the same as <see cref="First"/> for an atom and its own periodic image).</summary>
    public int Second { get; }

    /// <summary>Their distance (Å).</summary>
    public double Distance { get; }

    private static string Describe(int i, string si, int j, string sj, double r)
    {
        var atoms = i == j ? $"atom {i} ({si}) and its own periodic image" : $"atoms {i} ({si}) and {j} ({sj})";
        var apart = r == 0 ? "are on top of each other (0 Å apart)" : $"are only {r.ToString("G3", System.Globalization.CultureInfo.InvariantCulture)} Å apart";
        return $"{atoms} {apart}: the potential has no finite energy there; move them apart";
    }
}
