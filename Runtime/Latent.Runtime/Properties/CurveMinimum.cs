namespace Latent.Runtime.Properties;

/// <summary>
/// The bottom of a one-dimensional curve with one minimum inside a bracket: where it lies (golden section), its value there, and the curvature by a central difference. Shared by the dimer properties
/// and the watchdog's <see cref="Dynamics.Watchdog.PairScan"/>, which refine a dimer's minimum the same way.
/// </summary>
/// <param name="X">Where the curve is lowest.</param>
/// <param name="Value">The curve there.</param>
/// <param name="Curvature">Second derivative there; NaN when the difference is not finite.</param>
public sealed record CurveMinimum(double X, double Value, double Curvature)
{
    /// <summary>How closely the minimum is located (Å for a dimer): far below any digit printed or fitted.</summary>
    public const double Tolerance = 1e-6;

    /// <summary>Half-width of the central difference (Å for a dimer): small against a bond's anharmonicity,
    /// large enough that the solver's convergence does not enter the second difference.</summary>
    public const double CurvatureStep = 0.005;

    /// <summary>Refines the minimum of <paramref name="f"/> bracketed by <paramref name="lo"/> and <paramref name="hi"/>
    /// (for a grid scan: the neighbours of its lowest point).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A bracket that is not lo &lt; hi.</exception>
    public static CurveMinimum Refine(Func<double, double> f, double lo, double hi)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (!(lo < hi))
            throw new ArgumentOutOfRangeException(nameof(lo), lo, $"the bracket must have lo < hi (hi = {hi})");

        var x = GoldenSection(f, lo, hi);
        var centre = f(x);
        var k = (f(x - CurvatureStep) - 2 * centre + f(x + CurvatureStep)) / (CurvatureStep * CurvatureStep);
        return new CurveMinimum(x, centre, double.IsFinite(k) ? k : double.NaN);
    }

    /// <summary>Golden section inside [lo, hi]. MathNet's GoldenSectionMinimizer is not used: it widens a bracket
    /// whose golden point is not below both ends (a grid minimum next to its upper neighbour is such a bracket),
    /// which could leave the scanned well, and it refuses the infinite energy of a wall.</summary>
    private static double GoldenSection(Func<double, double> f, double lo, double hi)
    {
        var g = (Math.Sqrt(5) - 1) / 2;
        var (x1, x2) = (hi - g * (hi - lo), lo + g * (hi - lo));
        var (f1, f2) = (f(x1), f(x2));
        while (hi - lo > Tolerance)
        {
            if (f1 < f2)
            {
                (hi, x2, f2) = (x2, x1, f1);
                x1 = hi - g * (hi - lo);
                f1 = f(x1);
            }
            else
            {
                (lo, x1, f1) = (x1, x2, f2);
                x2 = lo + g * (hi - lo);
                f2 = f(x2);
            }
        }

        return 0.5 * (lo + hi);
    }
}
