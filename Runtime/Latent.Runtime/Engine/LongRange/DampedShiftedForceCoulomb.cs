namespace Latent.Runtime.Engine.LongRange;

/// <summary>
/// The damped shifted-force point-charge sum of a periodic cell (Fennell and Gezelter; the form and its
/// g(r) are <see cref="LongRangeCoulomb"/>'s): E_long = Σ_pairs k_e q_i q_j g(r_ij) + k_e c Σ_i q_i² over a
/// pair list within the cutoff Rc, whose g and g′ both vanish at Rc (docs/model.md §7). Binding evaluates
/// g and g′ once per pair (erfc is the expensive part, so in blocks on every thread); every sum then runs over the pairs in list order, so it is the same bits on
/// any number of threads. A pair of an atom with its own periodic image (i = j) counts q_i² g once.
/// </summary>
internal sealed class DampedShiftedForceCoulomb : ILongRangeElectrostatics
{
    // Pairs per block of the binding loop (erfc and exp per pair: a block is tens of µs).
    private const int PairsPerBlock = 1024;
    private readonly int atomCount;
    private readonly ParallelOptions parallel;
    private readonly Action<int> bindBody;
    private PairSet pairs;
    // g(r) and g′(r) of each pair.
    private double[] g = [];
    private double[] slope = [];

    /// <summary>The sum over <paramref name="longPairs"/> for <paramref name="atomCount"/> atoms.</summary>
    /// <param name="form">The periodic form (<see cref="LongRangeCoulomb.DampedShiftedForce"/>).</param>
    /// <param name="atomCount">Number of atoms.</param>
    /// <param name="longPairs">Pairs within the form's cutoff, each once.</param>
    /// <param name="parallel">Degree of parallelism of the binding; results do not depend on it.</param>
    public DampedShiftedForceCoulomb(LongRangeCoulomb form, int atomCount, PairSet longPairs, ParallelOptions? parallel = null)
    {
        if (!form.IsPeriodic)
            throw new ArgumentException("the damped shifted-force sum needs its damping and cutoff (LongRangeCoulomb.DampedShiftedForce)", nameof(form));
        Form = form;
        this.atomCount = atomCount;
        this.parallel = parallel ?? new ParallelOptions();
        bindBody = BindBlock;
        pairs = longPairs;
        Bind(longPairs);
    }

    /// <inheritdoc/>
    public LongRangeCoulomb Form { get; }

    /// <summary>Evaluates g and g′ at the new pairs.</summary>
    /// <exception cref="ArgumentNullException">No pair set.</exception>
    public void Bind(PairSet? longPairs)
    {
        ArgumentNullException.ThrowIfNull(longPairs);
        pairs = longPairs;
        BufferCapacity.Ensure(ref g, longPairs.Count);
        BufferCapacity.Ensure(ref slope, longPairs.Count);
        ParallelLoop.ForBlocks(parallel, longPairs.Count, PairsPerBlock, bindBody);
    }

    /// <summary>g and g′ of one block of pairs (each pair on its own: any number of threads gives the same bits).</summary>
    private void BindBlock(int block)
    {
        var r = pairs.R;
        var end = Math.Min(pairs.Count, (block + 1) * PairsPerBlock);
        for (var p = block * PairsPerBlock; p < end; p++)
            (g[p], slope[p]) = Form.Evaluate(r[p]);
    }

    /// <inheritdoc/>
    public void Potential(double[] charges, double[] potential)
    {
        var k_e = LongRangeCoulomb.CoulombConstant;
        Array.Clear(potential, 0, atomCount);
        for (var p = 0; p < pairs.Count; p++)
        {
            var (i, j) = (pairs.I[p], pairs.J[p]);
            if (i == j)
            {
                // A periodic image of itself: q_i² g counts once in the energy, so 2 q_i g in ∂/∂q_i.
                potential[i] += 2 * k_e * charges[i] * g[p];
            }
            else
            {
                potential[i] += k_e * charges[j] * g[p];
                potential[j] += k_e * charges[i] * g[p];
            }
        }
        for (var i = 0; i < atomCount; i++)
            potential[i] += 2 * k_e * Form.SelfCoefficient * charges[i];
    }

    /// <inheritdoc/>
    public void AddForces(double[] charges, double[] fx, double[] fy, double[] fz, Span<double> virial)
    {
        var k_e = LongRangeCoulomb.CoulombConstant;
        for (var p = 0; p < pairs.Count; p++)
        {
            var (i, j) = (pairs.I[p], pairs.J[p]);
            var dEdr = k_e * charges[i] * charges[j] * slope[p];
            PairForces.Scatter(i, j, pairs.Dx[p], pairs.Dy[p], pairs.Dz[p], pairs.R[p], dEdr, fx, fy, fz, virial);
        }
    }

    /// <inheritdoc/>
    public double[,] Matrix()
    {
        var m = new double[atomCount, atomCount];
        var k_e = LongRangeCoulomb.CoulombConstant;
        for (var p = 0; p < pairs.Count; p++)
        {
            var (i, j) = (pairs.I[p], pairs.J[p]);
            if (i == j)
            {
                m[i, i] += 2 * k_e * g[p];
            }
            else
            {
                m[i, j] += k_e * g[p];
                m[j, i] += k_e * g[p];
            }
        }
        for (var i = 0; i < atomCount; i++)
            m[i, i] += 2 * k_e * Form.SelfCoefficient;
        return m;
    }
}
