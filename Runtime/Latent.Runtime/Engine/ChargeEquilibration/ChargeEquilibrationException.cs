using System.Globalization;
using Latent.Runtime.Structures;

namespace Latent.Runtime.Engine.ChargeEquilibration;

/// <summary>
/// A charge solve that gives no charges: E(q) has no minimum at these positions (H is not positive definite on
/// Σq = Q, QEq's charge catastrophe), or the iterative solve did not converge. No number is reported in either case;
/// the message says what was found, and where.
/// </summary>
public sealed class ChargeEquilibrationException : Exception
{
    /// <summary>A failure with a message for people.</summary>
    public ChargeEquilibrationException(string message, bool noMinimum)
        : base(message)
    {
        NoMinimum = noMinimum;
    }

    /// <summary>True when E(q) has no minimum (a curvature ≤ 0 was found); false for a solve that did not converge.</summary>
    public bool NoMinimum { get; }

    /// <summary>
    /// E(q) curves down (or is flat) along <paramref name="mode"/> (a change of the charges that keeps the condition),
    /// with curvature <paramref name="curvature"/> (eV/e², per unit length of the mode); the message names the two atoms
    /// that carry most of it. <paramref name="how"/> says how the direction was found. Null <paramref name="mode"/>: not known.
    /// </summary>
    internal static ChargeEquilibrationException NoMinimumAlong(Structure structure, double curvature, ReadOnlySpan<double> mode, string how)
    {
        static string Show(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
        var where = "";
        if (mode.Length == structure.Count && structure.Count >= 2)
        {
            var (first, second) = (-1, -1);
            for (var i = 0; i < mode.Length; i++)
            {
                if (first < 0 || Math.Abs(mode[i]) > Math.Abs(mode[first]))
                    (first, second) = (i, first);
                else if (second < 0 || Math.Abs(mode[i]) > Math.Abs(mode[second]))
                    second = i;
            }
            var apart = structure.Cell.IsPeriodic ? "" : $", {Show((structure.Position(first) - structure.Position(second)).Length)} Å apart";
            where = $", carried mostly by atoms {first} ({structure.Symbols[first]}) and {second} ({structure.Symbols[second]}){apart}";
        }
        return new ChargeEquilibrationException(
            $"E(q) has no minimum at these positions, so there are no charges to report: {how} found a change of the charges that keeps the total "
            + $"along which E has curvature {Show(curvature)} eV/e² (not positive){where}; the Coulomb coupling of the charges outgrows their hardness "
            + "(the charge catastrophe of charge equilibration, docs/model.md §8)", noMinimum: true);
    }
}
