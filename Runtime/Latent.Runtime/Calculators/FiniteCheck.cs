using System.Numerics;
using Latent.Runtime.Engine;
using Latent.Runtime.Neighbours;
using Latent.Runtime.Structures;

namespace Latent.Runtime.Calculators;

/// <summary>
/// The one check every result passes before anyone reports or writes it: energies, forces, stress, charges
/// (and, for the ensemble engine, latent weights) must be finite. <see cref="EnsembleCalculator"/> runs it on
/// every evaluation, so commands, relaxation, dynamics and library callers all get it; another
/// <see cref="ICalculator"/>'s caller (a dynamics loop) calls <see cref="Ensure"/> itself.
/// </summary>
/// <remarks>
/// The scan multiplies every number by zero and adds the products in vector registers: a finite number gives
/// zero and NaN or ±∞ gives NaN, so one comparison at the end decides, without a branch per number and
/// without allocating. Only a failure looks further, to name the atom and term.
/// </remarks>
public static class FiniteCheck
{
    /// <summary>Throws unless every number of the evaluation is finite.</summary>
    /// <exception cref="AtomsTooCloseException">Not finite, and two atoms are closer than <see cref="ClosestPair.ContactDistance"/>: they are named as the cause.</exception>
    /// <exception cref="NonFiniteResultException">Not finite otherwise: names the quantity, the atom and, for the ensemble engine, the energy term.</exception>
    public static void Ensure(IEvaluation evaluation, Structure structure)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentNullException.ThrowIfNull(structure);
        if (AllFinite(evaluation.Fx) && AllFinite(evaluation.Fy) && AllFinite(evaluation.Fz) && AllFinite(evaluation.Charges)
            && AllFinite(evaluation.Stress) && double.IsFinite(evaluation.FreeEnergy) && double.IsFinite(evaluation.InternalEnergy))
            return;
        throw Explain(evaluation, structure);
    }

    /// <summary>Throws unless every latent weight is finite; <paramref name="system"/> maps weights to atoms (null: one weight per atom).</summary>
    internal static void EnsureWeights(ReadOnlySpan<double> weights, Structure structure, EnsembleSystem? system)
    {
        if (AllFinite(weights))
            return;
        RequireSeparatedAtoms(structure);
        for (var k = 0; k < weights.Length; k++)
        {
            if (!double.IsFinite(weights[k]))
            {
                var atom = system is null ? k : AtomOfWeight(system, k);
                throw new NonFiniteResultException("latent weight", weights[k], atom, structure.Symbols[atom], null);
            }
        }
    }

    /// <summary>
    /// Throws unless every position can be computed with: finite, and along a periodic direction within
    /// <see cref="MaxCellsAway"/> cells of the cell (the neighbour search counts whole cells in an int, and a
    /// position farther out has no digits left for where in its cell it is). Dynamics that ran away (a time
    /// step or temperature far too large) meet this before the neighbour search, as a refusal that stops them.
    /// </summary>
    /// <exception cref="NonFiniteResultException">A coordinate is NaN or ±∞, or that far outside the cell.</exception>
    public static void RequireUsablePositions(Structure structure)
    {
        ArgumentNullException.ThrowIfNull(structure);
        var (x, y, z) = (structure.X, structure.Y, structure.Z);
        if (!AllFinite(x) || !AllFinite(y) || !AllFinite(z))
        {
            for (var i = 0; i < structure.Count; i++)
            {
                var bad = !double.IsFinite(x[i]) ? x[i] : !double.IsFinite(y[i]) ? y[i] : z[i];
                if (!double.IsFinite(bad))
                    throw new NonFiniteResultException("position", bad, i, structure.Symbols[i], null);
            }
        }

        var cell = structure.Cell;
        if (!cell.IsPeriodic)
            return;
        for (var d = 0; d < 3; d++)
        {
            if (!cell.Periodic[d])
                continue;
            var axis = cell.Reciprocal[d];
            for (var i = 0; i < structure.Count; i++)
            {
                var cells = x[i] * axis.X + y[i] * axis.Y + z[i] * axis.Z;
                if (Math.Abs(cells) > MaxCellsAway)
                    throw new NonFiniteResultException(
                        $"the position of atom {i} ({structure.Symbols[i]}) lies {cells:G3} cells along {"abc"[d]} from the cell, "
                        + $"more than the {MaxCellsAway:G2} a position can be wrapped from", "position", i, structure.Symbols[i]);
            }
        }
    }

    /// <summary>How many whole cells a periodic coordinate may lie from the cell (well inside the int range the neighbour search counts them in).</summary>
    public const double MaxCellsAway = 1e9;

    /// <summary>Whether every value is finite (true for an empty span).</summary>
    public static bool AllFinite(ReadOnlySpan<double> values)
    {
        var i = 0;
        var sum = 0.0;
        if (Vector.IsHardwareAccelerated && values.Length >= Vector<double>.Count)
        {
            var acc = Vector<double>.Zero;
            for (; i <= values.Length - Vector<double>.Count; i += Vector<double>.Count)
                acc += new Vector<double>(values.Slice(i)) * Vector<double>.Zero;
            sum = Vector.Sum(acc);
        }
        for (; i < values.Length; i++)
            sum += values[i] * 0.0;
        return sum == 0.0;
    }

    /// <summary>The closest pair is the cause when atoms nearly coincide: name it instead of its symptom.</summary>
    internal static void RequireSeparatedAtoms(Structure structure)
    {
        if (ClosestPair.Within(structure) is { } close)
            throw new AtomsTooCloseException(close.I, structure.Symbols[close.I], close.J, structure.Symbols[close.J], close.Distance);
    }

    private static Exception Explain(IEvaluation evaluation, Structure structure)
    {
        RequireSeparatedAtoms(structure);
        var terms = (evaluation as Evaluation)?.Terms;
        if (!double.IsFinite(evaluation.FreeEnergy) || !double.IsFinite(evaluation.InternalEnergy))
        {
            var value = double.IsFinite(evaluation.FreeEnergy) ? evaluation.InternalEnergy : evaluation.FreeEnergy;
            for (var i = 0; terms is not null && i < structure.Count; i++)
            {
                if (TermOf(terms, i) is { } term)
                    return new NonFiniteResultException("energy", TermValue(terms, term, i), i, structure.Symbols[i], term);
            }
            // Every per-atom term is finite: their sum overflowed.
            return new NonFiniteResultException("free energy", value, null, null, null);
        }

        foreach (var (name, values) in new (string, double[])[]
                 {
                     ("force", Interleaved(evaluation)),
                     ("charge", evaluation.Charges.ToArray()),
                 })
        {
            var per = name == "force" ? 3 : 1;
            for (var k = 0; k < values.Length; k++)
            {
                if (!double.IsFinite(values[k]))
                {
                    var i = k / per;
                    return new NonFiniteResultException(name, values[k], i, structure.Symbols[i], terms is null ? null : TermOf(terms, i));
                }
            }
        }

        var stress = evaluation.Stress;
        for (var k = 0; k < stress.Length; k++)
        {
            if (!double.IsFinite(stress[k]))
                return new NonFiniteResultException("stress", stress[k], null, null, null);
        }

        return new InvalidOperationException("FiniteCheck found a non-finite number it then could not place");
    }

    private static double[] Interleaved(IEvaluation e)
    {
        var n = e.Fx.Length;
        var all = new double[3 * n];
        for (var i = 0; i < n; i++)
            (all[3 * i], all[3 * i + 1], all[3 * i + 2]) = (e.Fx[i], e.Fy[i], e.Fz[i]);
        return all;
    }

    /// <summary>The first energy term of atom i that is not finite, by name; null when all are.</summary>
    private static string? TermOf(EnergyTerms terms, int i) =>
        !double.IsFinite(terms.Pair[i]) ? "pair"
        : !double.IsFinite(terms.Embedding[i]) ? "embedding"
        : !double.IsFinite(terms.Electrostatic[i]) ? "electrostatic"
        : !double.IsFinite(terms.Atomic[i]) ? "atomic"
        : !double.IsFinite(terms.Entropy[i]) ? "entropy"
        : null;

    private static double TermValue(EnergyTerms terms, string term, int i) => term switch
    {
        "pair" => terms.Pair[i],
        "embedding" => terms.Embedding[i],
        "electrostatic" => terms.Electrostatic[i],
        "atomic" => terms.Atomic[i],
        _ => terms.Entropy[i],
    };

    private static int AtomOfWeight(EnsembleSystem system, int k)
    {
        var i = 0;
        while (i + 1 < system.AtomCount && system.StateOffset(i + 1) <= k)
            i++;
        return i;
    }
}
