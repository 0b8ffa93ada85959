using Latent.Runtime.Kernels;
using Latent.Runtime.Structures;

namespace Latent.Runtime.Engine;

/// <summary>
/// The states of every atom (docs/model.md §1), flattened: atom i's states are [Offset[i], Offset[i + 1])
/// of a weight vector, each with its energy E_α, net charge q_α and ln g_α. Fixed for a system: it
/// depends on the atoms' elements only, not on their positions.
/// </summary>
internal sealed class AtomStates
{
    /// <summary>The states of each atom's element, in the element's file order.</summary>
    /// <exception cref="ArgumentException">An atom's element is not one of the potential's.</exception>
    public AtomStates(PotentialKernels potential, Structure structure)
    {
        var n = structure.Count;
        Element = new int[n];
        Offset = new int[n + 1];
        Count = new int[n];
        for (var i = 0; i < n; i++)
        {
            var e = potential.ElementIndex(structure.Symbols[i]);
            if (e < 0)
                throw new ArgumentException($"atom {i} is {structure.Symbols[i]}, which the potential {potential.Name} does not describe (it has {string.Join(", ", potential.Elements.Select(x => x.Symbol))})");
            Element[i] = e;
            Count[i] = potential.Elements[e].States.Count;
            Offset[i + 1] = Offset[i] + Count[i];
        }

        var states = Offset[n];
        Energy = new double[states];
        Charge = new double[states];
        LogDegeneracy = new double[states];
        for (var i = 0; i < n; i++)
        {
            var list = potential.Elements[Element[i]].States;
            for (var a = 0; a < list.Count; a++)
            {
                Energy[Offset[i] + a] = list[a].Energy;
                Charge[Offset[i] + a] = list[a].Charge;
                LogDegeneracy[Offset[i] + a] = Math.Log(list[a].Degeneracy);
            }
        }
    }

    /// <summary>Number of atoms.</summary>
    public int AtomCount => Count.Length;

    /// <summary>Number of states of all atoms together: the length of a weight vector.</summary>
    public int WeightCount => Offset[^1];

    /// <summary>Element index of each atom in the potential.</summary>
    public int[] Element { get; }

    /// <summary>Where each atom's states start in a weight vector; one more entry than atoms, the last being <see cref="WeightCount"/>.</summary>
    public int[] Offset { get; }

    /// <summary>Number of states of each atom.</summary>
    public int[] Count { get; }

    /// <summary>E_α of each flattened state (eV, relative to the neutral ground state).</summary>
    public double[] Energy { get; }

    /// <summary>Net charge q_α of each flattened state (e).</summary>
    public double[] Charge { get; }

    /// <summary>ln g_α of each flattened state.</summary>
    public double[] LogDegeneracy { get; }

    /// <summary>Charges q_i = Σ_α w_iα q_α.</summary>
    public void Charges(ReadOnlySpan<double> weights, Span<double> result)
    {
        for (var i = 0; i < AtomCount; i++)
        {
            var q = 0.0;
            for (var a = Offset[i]; a < Offset[i + 1]; a++)
                q += weights[a] * Charge[a];
            result[i] = q;
        }
    }

    /// <summary>Atom i's ensemble energy Σ_α w_iα E_α (docs/model.md §2).</summary>
    public double AtomicEnergy(double[] weights, int i)
    {
        var atomic = 0.0;
        for (var a = Offset[i]; a < Offset[i + 1]; a++)
            atomic += weights[a] * Energy[a];
        return atomic;
    }

    /// <summary>Σ_α w_iα ln(w_iα/g_α) of atom i, empty states left out (w ln w → 0); θ times it is the entropy term of the free energy (docs/model.md §3).</summary>
    public double Entropy(double[] weights, int i)
    {
        var entropy = 0.0;
        for (var a = Offset[i]; a < Offset[i + 1]; a++)
        {
            if (weights[a] > 0)
                entropy += weights[a] * (Math.Log(weights[a]) - LogDegeneracy[a]);
        }
        return entropy;
    }
}
