namespace Latent.Runtime.Engine.Solver;

/// <summary>
/// Anderson acceleration of a fixed-point map x ↦ x + f(x), in Walker and Ni's form: from the last
/// <c>history</c> changes of the point (ΔX) and of its residual (ΔF), the next point is
/// x + βf − (ΔX + βΔF)γ with γ = argmin ‖f − ΔF γ‖. On a linear map this is a Krylov method
/// (GMRES-like), so a slowly contracting iteration converges in far fewer steps.
/// </summary>
/// <remarks>
/// Every buffer is allocated once, in the constructor: a step allocates nothing, which a dynamics
/// step (one solve per step) relies on.
/// </remarks>
internal sealed class AndersonMixer
{
    private readonly int history;
    // Ring buffers of the last changes, slot nextSlot overwritten first once full.
    private readonly double[][] pointChanges;
    private readonly double[][] residualChanges;
    private readonly double[] previousPoint;
    private readonly double[] previousResidual;
    // The normal equations (ΔFᵀΔF + ridge) γ = ΔFᵀf, at most history × history.
    private readonly double[] gram;
    private readonly double[] projection;
    private readonly double[] gamma;
    private int count;
    private int nextSlot;
    private bool hasPrevious;

    /// <summary>A mixer for points of <paramref name="size"/> values remembering <paramref name="history"/> changes (at least 1).</summary>
    public AndersonMixer(int size, int history)
    {
        this.history = Math.Max(1, history);
        previousPoint = new double[size];
        previousResidual = new double[size];
        pointChanges = new double[this.history][];
        residualChanges = new double[this.history][];
        for (var k = 0; k < this.history; k++)
        {
            pointChanges[k] = new double[size];
            residualChanges[k] = new double[size];
        }
        gram = new double[this.history * this.history];
        projection = new double[this.history];
        gamma = new double[this.history];
    }

    /// <summary>Changes remembered at most.</summary>
    public int History => history;

    /// <summary>Changes remembered now (at most <see cref="History"/>).</summary>
    public int Count => count;

    /// <summary>Forgets the history: the next step is the plain step x + βf.</summary>
    public void Reset()
    {
        count = 0;
        nextSlot = 0;
        hasPrevious = false;
    }

    /// <summary>
    /// Remembers the change from the previous point and residual, then replaces <paramref name="x"/>
    /// by x + βf − (ΔX + βΔF)γ. Without history, or when the normal equations cannot be solved
    /// (non-finite history), that is the plain step x + βf.
    /// </summary>
    /// <param name="x">The point f was evaluated at; overwritten with the next point.</param>
    /// <param name="f">The residual at x: the plain map's step from x.</param>
    /// <param name="beta">The damping of the plain step (1: the map itself).</param>
    public void Step(double[] x, double[] f, double beta)
    {
        var n = x.Length;
        if (hasPrevious)
        {
            var changeX = pointChanges[nextSlot];
            var changeF = residualChanges[nextSlot];
            for (var k = 0; k < n; k++)
            {
                changeX[k] = x[k] - previousPoint[k];
                changeF[k] = f[k] - previousResidual[k];
            }
            nextSlot = (nextSlot + 1) % history;
            count = Math.Min(count + 1, history);
        }
        Array.Copy(x, previousPoint, n);
        Array.Copy(f, previousResidual, n);
        hasPrevious = true;

        var m = count;
        if (m > 0)
        {
            // Normal equations with a small ridge (relative to the mean diagonal), so a rank-deficient
            // history still has a solution; m ≤ history is tiny, the sums over n are the cost.
            var trace = 0.0;
            for (var a = 0; a < m; a++)
            {
                for (var b = 0; b <= a; b++)
                {
                    var s = 0.0;
                    var fa = residualChanges[a];
                    var fb = residualChanges[b];
                    for (var k = 0; k < n; k++)
                        s += fa[k] * fb[k];
                    gram[a * m + b] = s;
                    gram[b * m + a] = s;
                }
                trace += gram[a * m + a];
                var r = 0.0;
                var fa2 = residualChanges[a];
                for (var k = 0; k < n; k++)
                    r += fa2[k] * f[k];
                projection[a] = r;
            }
            var ridge = 1e-12 * (trace / m + 1e-300);
            for (var a = 0; a < m; a++)
                gram[a * m + a] += ridge;
            if (!CholeskySolve(gram, projection, gamma, m))
                m = 0;
        }

        for (var k = 0; k < n; k++)
        {
            var v = x[k] + beta * f[k];
            for (var a = 0; a < m; a++)
                v -= gamma[a] * (pointChanges[a][k] + beta * residualChanges[a][k]);
            x[k] = v;
        }
    }

    /// <summary>
    /// Solves the m × m symmetric system a x = b (row-major, stride m) by Cholesky, in place: the lower
    /// triangle of a becomes L. False when a is not positive definite (or holds NaN).
    /// </summary>
    /// <remarks>
    /// Hand-written rather than MathNet's Cholesky because that allocates its factor and result on
    /// every call, and a solver step must allocate nothing.
    /// </remarks>
    internal static bool CholeskySolve(double[] a, double[] b, double[] x, int m)
    {
        for (var j = 0; j < m; j++)
        {
            var d = a[j * m + j];
            for (var k = 0; k < j; k++)
                d -= a[j * m + k] * a[j * m + k];
            if (!(d > 0))
                return false;
            d = Math.Sqrt(d);
            a[j * m + j] = d;
            for (var i = j + 1; i < m; i++)
            {
                var s = a[i * m + j];
                for (var k = 0; k < j; k++)
                    s -= a[i * m + k] * a[j * m + k];
                a[i * m + j] = s / d;
            }
        }
        for (var i = 0; i < m; i++)
        {
            var s = b[i];
            for (var k = 0; k < i; k++)
                s -= a[i * m + k] * x[k];
            x[i] = s / a[i * m + i];
        }
        for (var i = m - 1; i >= 0; i--)
        {
            var s = x[i];
            for (var k = i + 1; k < m; k++)
                s -= a[k * m + i] * x[k];
            x[i] = s / a[i * m + i];
        }
        return true;
    }
}
