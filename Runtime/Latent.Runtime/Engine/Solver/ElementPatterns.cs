namespace Latent.Runtime.Engine.Solver;

/// <summary>
/// The per-element patterns of a system: every atom of an element in the same one of its states, with
/// total charge Q (every combination at a fixed chemical potential). For a crystal these are its
/// homogeneous branches (Na⁺Cl⁻, neutral, the inverted Na⁻Cl⁺ of strong compression) at any size: a
/// handful of vertices, Π over the elements of their state counts at most, whatever the number of atoms.
/// The solver minimises from each on a full solve and, on a warm one, compares the free energy at each
/// with the warm result as a cheap sign that another branch may have become lower. Buffers are kept
/// from call to call, so that comparison allocates nothing.
/// </summary>
internal sealed class ElementPatterns
{
    private int[] atomsOf = [];
    private int[] choice = [];
    private bool started;
    private bool anyCharge;
    private int target;
    private bool none;

    /// <summary>Prepares the enumeration for <paramref name="system"/> under <paramref name="condition"/>: none when Q is not an integer.</summary>
    public void Prepare(EnsembleSystem system, ChargeCondition condition)
    {
        var elements = system.Potential.Elements.Count;
        BufferCapacity.Ensure(ref atomsOf, elements);
        BufferCapacity.Ensure(ref choice, elements);
        Array.Clear(atomsOf, 0, elements);
        for (var i = 0; i < system.AtomCount; i++)
            atomsOf[system.ElementOf(i)]++;
        anyCharge = condition.FixedPotential;
        var rounded = Math.Round(condition.Value);
        none = !anyCharge && Math.Abs(condition.Value - rounded) > 1e-9;
        target = (int)rounded;
        started = false;
    }

    /// <summary>
    /// Writes the next pattern that meets the condition into <paramref name="weights"/> as 0/1 weights;
    /// false when every one has been written. Elements with no atoms stay at their first state.
    /// </summary>
    public bool Next(EnsembleSystem system, double[] weights)
    {
        if (none)
            return false;
        var elements = system.Potential.Elements;
        while (Advance(elements))
        {
            if (!anyCharge)
            {
                var total = 0;
                for (var e = 0; e < elements.Count; e++)
                    total += atomsOf[e] * elements[e].States[choice[e]].Charge;
                if (total != target)
                    continue;
            }
            Array.Clear(weights);
            for (var i = 0; i < system.AtomCount; i++)
                weights[system.StateOffset(i) + choice[system.ElementOf(i)]] = 1;
            return true;
        }
        return false;
    }

    /// <summary>The next combination of states over the elements that have atoms (an odometer); false past the last.</summary>
    private bool Advance(IReadOnlyList<Kernels.ElementDescription> elements)
    {
        if (!started)
        {
            started = true;
            Array.Clear(choice, 0, elements.Count);
            return true;
        }
        for (var e = 0; e < elements.Count; e++)
        {
            if (atomsOf[e] == 0)
                continue;
            if (++choice[e] < elements[e].States.Count)
                return true;
            choice[e] = 0;
        }
        return false;
    }
}
