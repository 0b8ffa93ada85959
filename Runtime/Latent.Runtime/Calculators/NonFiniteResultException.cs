namespace Latent.Runtime.Calculators;

/// <summary>
/// A calculation gave a number that is not finite (NaN or ±∞): an energy, force, stress, charge or latent
/// weight. The potential is not defined at this configuration (a parameter that overflows, a division by a
/// parameter that is zero, a logarithm at zero density, ...), so there is no result to report. Also raised
/// before a calculation for a position that cannot be computed with (not finite, or too far outside a
/// periodic cell): dynamics that ran away stop on it as on a non-finite force.
/// <see cref="FiniteCheck"/> raises it; the message names the atom and, where known, the energy term.
/// </summary>
public sealed class NonFiniteResultException : Exception
{
    /// <summary>Names the quantity, its value, and the atom and term where known.</summary>
    public NonFiniteResultException(string quantity, double value, int? atom, string? symbol, string? term)
        : base(Describe(quantity, value, atom, symbol, term))
    {
        Quantity = quantity;
        Value = value;
        Atom = atom;
        Symbol = symbol;
        Term = term;
    }

    /// <summary>A quantity that cannot be used although finite (a position far outside its cell), with its own message.</summary>
    public NonFiniteResultException(string message, string quantity, int atom, string symbol)
        : base(message)
    {
        Quantity = quantity;
        Value = double.NaN;
        Atom = atom;
        Symbol = symbol;
    }

    /// <summary>What was not finite: "free energy", "force", "stress", "charge", "latent weight" or "position".</summary>
    public string Quantity { get; }

    /// <summary>The value found (NaN, +∞ or −∞).</summary>
    public double Value { get; }

    /// <summary>The atom's index in the structure; null for a quantity of the whole structure (the stress, a total that overflowed).</summary>
    public int? Atom { get; }

    /// <summary>The atom's element; null with <see cref="Atom"/>.</summary>
    public string? Symbol { get; }

    /// <summary>The energy term of that atom that is not finite ("pair", "embedding", "electrostatic", "atomic", "entropy"), where known.</summary>
    public string? Term { get; }

    private static string Describe(string quantity, double value, int? atom, string? symbol, string? term)
    {
        var what = atom is not { } i ? $"the {quantity}"
            : quantity == "energy" && term is not null ? $"the {term} energy of atom {i} ({symbol})"
            : quantity == "force" ? $"the force on atom {i} ({symbol})"
            : $"the {quantity} of atom {i} ({symbol})";
        var cause = term is null || quantity == "energy" ? "" : $"; its {term} energy is not finite either";
        if (quantity == "position")
            return $"{what} is {Text(value)}: a position must be finite";
        return $"{what} is {Text(value)}{cause}: the potential is not finite at this configuration (check its parameters and formulas with 'latent check')";
    }

    private static string Text(double value) =>
        double.IsNaN(value) ? "NaN" : value > 0 ? "+infinity" : "-infinity";
}
