namespace Latent.Runtime.Engine.ChargeEquilibration;

/// <summary>
/// An estimate of the lowest curvature of E(q) on Σq = Q (or over all charges at a fixed μ): Lanczos on H restricted to
/// that subspace, from a fixed start that has a part along every mode, and the lowest eigenvalue of the tridiagonal
/// matrix it builds (by bisection on its Sturm sequence). That value is never below the true lowest curvature (a Ritz
/// value of a symmetric matrix), so a value ≤ 0 proves E has no minimum even where the conjugate-gradient solve, whose
/// Krylov space follows the right-hand side (a perfect crystal's symmetric one, say), would not meet the bad mode.
/// Every new vector is orthogonalised against all earlier ones (twice): a crystal's spectrum has few distinct values, so
/// the Krylov space runs out after a few steps, and without it the round-off left at that point would grow into
/// spurious values below the spectrum. It stops there, its Ritz values then exact. Buffers grow with the number of
/// atoms and steps only.
/// </summary>
internal sealed class LanczosCurvature
{
    private double[] basis = [];
    private double[] input = [];
    private double[] next = [];
    private double[] alpha = [];
    private double[] beta = [];

    /// <summary>The lowest Ritz value after at most <paramref name="steps"/> steps (eV/e²).</summary>
    public double Lowest(ChargeEquilibrationSystem system, bool project, int steps)
    {
        var n = system.AtomCount;
        BufferCapacity.Ensure(ref basis, n * steps);
        BufferCapacity.Ensure(ref input, n);
        BufferCapacity.Ensure(ref next, n);
        BufferCapacity.Ensure(ref alpha, steps);
        BufferCapacity.Ensure(ref beta, steps);
        // A fixed start with unequal parts on every atom (the golden-ratio sequence), so it is not orthogonal to a mode
        // by symmetry and the estimate is the same on every run.
        var v = basis.AsSpan(0, n);
        for (var i = 0; i < n; i++)
            v[i] = (i * 0.6180339887498949 + 0.5) % 1.0 - 0.5;
        Project(v, project);
        Scale(v, 1 / Math.Sqrt(Dot(v, v)));
        var m = 0;
        var scale = 0.0;
        while (m < steps)
        {
            var current = basis.AsSpan(m * n, n);
            var w = next.AsSpan(0, n);
            current.CopyTo(input);
            system.Multiply(input, next);
            Project(w, project);
            var a = Dot(current, w);
            alpha[m] = a;
            scale = Math.Max(scale, Math.Abs(a));
            for (var pass = 0; pass < 2; pass++)
            {
                for (var k = 0; k <= m; k++)
                {
                    var u = basis.AsSpan(k * n, n);
                    var c = Dot(u, w);
                    for (var i = 0; i < n; i++)
                        w[i] -= c * u[i];
                }
                Project(w, project);
            }
            var b = Math.Sqrt(Dot(w, w));
            beta[m] = b;
            m++;
            // The Krylov space is exhausted: its Ritz values are exact eigenvalues.
            if (!(b > 1e-8 * scale) || m == steps)
                break;
            var following = basis.AsSpan(m * n, n);
            for (var i = 0; i < n; i++)
                following[i] = w[i] / b;
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

    private static void Project(Span<double> v, bool project)
    {
        if (!project)
            return;
        var mean = 0.0;
        foreach (var x in v)
            mean += x;
        mean /= v.Length;
        for (var i = 0; i < v.Length; i++)
            v[i] -= mean;
    }

    private static void Scale(Span<double> v, double factor)
    {
        for (var i = 0; i < v.Length; i++)
            v[i] *= factor;
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var s = 0.0;
        for (var i = 0; i < a.Length; i++)
            s += a[i] * b[i];
        return s;
    }
}
