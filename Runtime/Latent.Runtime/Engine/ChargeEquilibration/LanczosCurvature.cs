namespace Latent.Runtime.Engine.ChargeEquilibration;

/// <summary>
/// An estimate of the lowest curvature of E(q) on Σq = Q (or over all charges at a fixed μ): Lanczos on H restricted to
/// that subspace, from a fixed start that has a part along every mode, and the lowest eigenvalue of the tridiagonal
/// matrix it builds (by bisection on its Sturm sequence). That value is never below the true lowest curvature (a Ritz
/// value of a symmetric matrix), so a value ≤ 0 proves E has no minimum even where the conjugate-gradient solve, whose
/// Krylov space follows the right-hand side (a perfect crystal's symmetric one, say), would not meet the bad mode.
/// Buffers grow with the number of atoms only.
/// </summary>
internal sealed class LanczosCurvature
{
    private double[] previous = [];
    private double[] current = [];
    private double[] next = [];
    private double[] alpha = [];
    private double[] beta = [];

    /// <summary>The lowest Ritz value after at most <paramref name="steps"/> steps (eV/e²).</summary>
    public double Lowest(ChargeEquilibrationSystem system, bool project, int steps)
    {
        var n = system.AtomCount;
        BufferCapacity.Ensure(ref previous, n);
        BufferCapacity.Ensure(ref current, n);
        BufferCapacity.Ensure(ref next, n);
        BufferCapacity.Ensure(ref alpha, steps);
        BufferCapacity.Ensure(ref beta, steps);
        // A fixed start with unequal parts on every atom (the golden-ratio sequence), so it is not orthogonal to a mode
        // by symmetry and the estimate is the same on every run.
        for (var i = 0; i < n; i++)
            current[i] = (i * 0.6180339887498949 + 0.5) % 1.0 - 0.5;
        Project(current, n, project);
        Normalise(current, n);
        Array.Clear(previous, 0, n);
        var m = 0;
        var b = 0.0;
        for (; m < steps; m++)
        {
            system.Multiply(current, next);
            Project(next, n, project);
            var a = 0.0;
            for (var i = 0; i < n; i++)
                a += current[i] * next[i];
            for (var i = 0; i < n; i++)
                next[i] -= a * current[i] + b * previous[i];
            alpha[m] = a;
            b = Math.Sqrt(Dot(next, next, n));
            beta[m] = b;
            // An invariant subspace is exhausted: its Ritz values are exact eigenvalues.
            if (!(b > 1e-12 * Math.Abs(a)))
            {
                m++;
                break;
            }
            (previous, current, next) = (current, next, previous);
            for (var i = 0; i < n; i++)
                current[i] /= b;
        }
        return LowestEigenvalue(m);
    }

    /// <summary>The lowest eigenvalue of the m × m tridiagonal (alpha on the diagonal, beta beside it) by Sturm bisection.</summary>
    private double LowestEigenvalue(int m)
    {
        // Gershgorin bounds.
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        for (var k = 0; k < m; k++)
        {
            var radius = (k > 0 ? Math.Abs(beta[k - 1]) : 0) + (k < m - 1 ? Math.Abs(beta[k]) : 0);
            lo = Math.Min(lo, alpha[k] - radius);
            hi = Math.Max(hi, alpha[k] + radius);
        }
        for (var iteration = 0; iteration < 200 && hi - lo > 1e-13 * Math.Max(1, Math.Abs(lo) + Math.Abs(hi)); iteration++)
        {
            var mid = 0.5 * (lo + hi);
            if (CountBelow(mid, m) >= 1)
                hi = mid;
            else
                lo = mid;
        }
        return 0.5 * (lo + hi);
    }

    /// <summary>How many eigenvalues of the tridiagonal lie below x (the negative pivots of T − xI).</summary>
    private int CountBelow(double x, int m)
    {
        var count = 0;
        var d = 1.0;
        for (var k = 0; k < m; k++)
        {
            var off = k > 0 ? beta[k - 1] * beta[k - 1] : 0;
            d = alpha[k] - x - (k > 0 ? off / d : 0);
            if (d == 0)
                d = 1e-300;
            if (d < 0)
                count++;
        }
        return count;
    }

    private static void Project(double[] v, int n, bool project)
    {
        if (!project)
            return;
        var mean = 0.0;
        for (var i = 0; i < n; i++)
            mean += v[i];
        mean /= n;
        for (var i = 0; i < n; i++)
            v[i] -= mean;
    }

    private static void Normalise(double[] v, int n)
    {
        var length = Math.Sqrt(Dot(v, v, n));
        for (var i = 0; i < n; i++)
            v[i] /= length;
    }

    private static double Dot(double[] a, double[] b, int n)
    {
        var s = 0.0;
        for (var i = 0; i < n; i++)
            s += a[i] * b[i];
        return s;
    }
}
