using Latent.Runtime.Calculators;
using Latent.Runtime.Properties;
using Latent.Runtime.Structures;

namespace Latent.Runtime.Dynamics.Watchdog;

/// <summary>
/// Measures a <see cref="PairScale"/> from a calculator's isolated dimer: the free energy A on a grid from
/// <see cref="Inner"/> to the cutoff every <see cref="Spacing"/>, the lowest point and the curvature there
/// refined by <see cref="CurveMinimum"/>, and the rise of <see cref="RiseEnergy"/> by bisection.
/// </summary>
public static class PairScan
{
    /// <summary>How far above the dimer minimum the curve must rise to mark the smallest sensible distance (eV).
    /// Thermal dynamics at any temperature a solid or liquid survives stays well below it.</summary>
    public const double RiseEnergy = 10;

    /// <summary>Innermost distance scanned (Å).</summary>
    public const double Inner = 0.2;

    /// <summary>Grid spacing (Å).</summary>
    public const double Spacing = 0.05;

    /// <summary>Scans the A–B dimer out to <paramref name="outer"/> Å.</summary>
    /// <param name="calculator">Evaluates the two-atom cluster; it should solve each distance afresh (no hysteresis), as <c>latent dimer</c>'s does.</param>
    /// <param name="a">First element's symbol.</param>
    /// <param name="massA">Its mass (amu).</param>
    /// <param name="b">Second element's symbol.</param>
    /// <param name="massB">Its mass (amu).</param>
    /// <param name="outer">Outermost distance scanned (Å), the potential's cutoff.</param>
    /// <exception cref="ArgumentOutOfRangeException">An outer distance not beyond <see cref="Inner"/> plus two grid steps, or a mass that is not positive.</exception>
    public static PairScale Measure(ICalculator calculator, string a, double massA, string b, double massB, double outer)
    {
        ArgumentNullException.ThrowIfNull(calculator);
        if (!(outer > Inner + 2 * Spacing) || double.IsInfinity(outer))
            throw new ArgumentOutOfRangeException(nameof(outer), outer, $"the scan must reach beyond {Inner + 2 * Spacing} Å");
        if (!(massA > 0) || !(massB > 0))
            throw new ArgumentOutOfRangeException(nameof(massA), "masses must be positive");

        double Energy(double r)
        {
            var dimer = new Structure([a, b], [Vec3.Zero, new Vec3(r, 0, 0)], [massA, massB], Cell.None);
            try
            {
                return calculator.Evaluate(dimer).FreeEnergy;
            }
            catch (Exception e) when (e is NonFiniteResultException or AtomsTooCloseException)
            {
                // A distance where the potential has no finite energy is a wall, not a failure of the scan: the
                // user's own structure is judged by its own evaluation, and named there.
                return double.PositiveInfinity;
            }
        }

        var count = (int)Math.Floor((outer - Inner) / Spacing) + 1;
        var r = new double[count];
        var e = new double[count];
        var lowest = -1;
        for (var k = 0; k < count; k++)
        {
            r[k] = Inner + k * Spacing;
            e[k] = Energy(r[k]);
            if (double.IsFinite(e[k]) && (lowest < 0 || e[k] < e[lowest]))
                lowest = k;
        }

        var reduced = massA * massB / (massA + massB);
        if (lowest < 0)
            return new PairScale(a, b, reduced, null, null, null);

        double? minimum = null, curvature = null;
        var bottom = e[lowest];
        if (lowest > 0 && lowest < count - 1)
        {
            var refined = CurveMinimum.Refine(Energy, r[lowest - 1], r[lowest + 1]);
            minimum = refined.X;
            bottom = Math.Min(bottom, refined.Value);
            curvature = refined.Curvature > 0 ? refined.Curvature : null;
        }

        // Inward from the lowest point to the first grid point that has risen far enough, then bisection.
        double? sensible = null;
        var target = bottom + RiseEnergy;
        for (var k = lowest - 1; k >= 0; k--)
        {
            // A wall of no finite energy before the curve has risen says nothing about where it rises: no limit.
            if (!double.IsFinite(e[k]))
                break;
            if (e[k] > target)
            {
                var (inside, outside) = (r[k], r[k + 1]);
                for (var it = 0; it < 40; it++)
                {
                    var mid = 0.5 * (inside + outside);
                    if (Energy(mid) > target) inside = mid; else outside = mid;
                }

                sensible = 0.5 * (inside + outside);
                break;
            }
        }

        return new PairScale(a, b, reduced, minimum, curvature, sensible);
    }
}
