namespace Latent.Runtime.Engine;

/// <summary>
/// Per-atom parts of the free energy A = E + θ Σ w ln(w/g) (eV): the atomic ensemble energy Σ_α w E_α,
/// electrostatics (short-range state terms and the point-charge tail, pairs split half and half),
/// the pair term, the embedding energy, and the entropy term θ Σ w ln(w/g).
/// </summary>
public sealed class EnergyTerms
{
    /// <summary>Zeroed terms for n atoms.</summary>
    public EnergyTerms(int n)
    {
        Atomic = new double[n];
        Electrostatic = new double[n];
        Pair = new double[n];
        Embedding = new double[n];
        Entropy = new double[n];
    }

    /// <summary>Σ_α w_iα E_α.</summary>
    public double[] Atomic { get; }

    /// <summary>Electrostatics, half of each pair.</summary>
    public double[] Electrostatic { get; }

    /// <summary>Pair term, half of each pair.</summary>
    public double[] Pair { get; }

    /// <summary>F(ρ̄_i).</summary>
    public double[] Embedding { get; }

    /// <summary>θ Σ_α w ln(w/g) (negative: the entropy lowers the free energy).</summary>
    public double[] Entropy { get; }

    /// <summary>The internal energy E (without the entropy term).</summary>
    public double InternalEnergy => Sum(Atomic) + Sum(Electrostatic) + Sum(Pair) + Sum(Embedding);

    /// <summary>The free energy A = E + θ Σ w ln(w/g), which forces derive from.</summary>
    public double FreeEnergy => InternalEnergy + Sum(Entropy);

    /// <summary>Per-atom free energy.</summary>
    public double AtomFreeEnergy(int i) => Atomic[i] + Electrostatic[i] + Pair[i] + Embedding[i] + Entropy[i];

    /// <summary>Copies every term into <paramref name="other"/> (the same number of atoms).</summary>
    internal void CopyTo(EnergyTerms other)
    {
        Atomic.CopyTo(other.Atomic, 0);
        Electrostatic.CopyTo(other.Electrostatic, 0);
        Pair.CopyTo(other.Pair, 0);
        Embedding.CopyTo(other.Embedding, 0);
        Entropy.CopyTo(other.Entropy, 0);
    }

    // Fixed order, so totals do not depend on threads.
    private static double Sum(double[] values)
    {
        var s = 0.0;
        foreach (var v in values)
            s += v;
        return s;
    }
}
