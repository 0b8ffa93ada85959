namespace Latent.Runtime.Engine.LongRange;

/// <summary>
/// The damped shifted-force point-charge sum of a periodic cell (Fennell and Gezelter; the form and its
/// g(r) are <see cref="LongRangeCoulomb"/>'s): E_long = Σ_pairs k_e q_i q_j g(r_ij) + k_e c Σ_i q_i² over a
/// pair list within the cutoff Rc, whose g and g′ both vanish at Rc (docs/model.md §7). Binding evaluates
/// g and g′ once per pair (erfc is the expensive part, so in blocks on every thread); the potential and the
/// forces are then summed over fixed chunks of pairs in list order, added in chunk order, so they are the
/// same bits on any number of threads. A pair of an atom with its own periodic image (i = j) counts q_i² g once.
/// </summary>
internal sealed class DampedShiftedForceCoulomb : ILongRangeElectrostatics
{
    // Pairs per block of the binding loop (erfc and exp per pair: a block is tens of µs).
    private const int PairsPerBlock = 1024;
    private readonly int atomCount;
    private readonly ParallelOptions parallel;
    private readonly Action<int> bindBody;
    // The potential is summed over a fixed number of chunks of pairs, each into its own buffer, then the
    // buffers in chunk order: pairs read in order, on every thread, the same bits on any number of them.
    private const int Chunks = 16;
    private const int AtomsPerBlock = 1024;
    private readonly double[][] partial = new double[Chunks][];
    private readonly Action<int> potentialBody;
    private readonly Action<int> reduceBody;
    private readonly Action<int> slopeBody;
    private readonly PairForceChunks forces;
    private double[] loopCharges = [];
    private double[] loopPotential = [];
    // dE/dr of each pair at the charges of the last AddForces.
    private double[] pairSlope = [];
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
        for (var c = 0; c < Chunks; c++)
            partial[c] = [];
        potentialBody = PotentialChunk;
        reduceBody = ReducePotential;
        slopeBody = SlopeBlock;
        forces = new PairForceChunks(this.parallel);
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
        BufferCapacity.Ensure(ref pairSlope, longPairs.Count);
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
        for (var c = 0; c < Chunks; c++)
            BufferCapacity.Ensure(ref partial[c], atomCount);
        (loopCharges, loopPotential) = (charges, potential);
        ParallelLoop.For(parallel, Chunks, potentialBody);
        ParallelLoop.ForBlocks(parallel, atomCount, AtomsPerBlock, reduceBody);
    }

    /// <summary>One chunk of pairs, in pair order, into its own potential buffer.</summary>
    private void PotentialChunk(int chunk)
    {
        var k_e = LongRangeCoulomb.CoulombConstant;
        var (v, charges, pi, pj) = (partial[chunk], loopCharges, pairs.I, pairs.J);
        Array.Clear(v, 0, atomCount);
        var count = pairs.Count;
        var end = (int)((long)count * (chunk + 1) / Chunks);
        for (var p = (int)((long)count * chunk / Chunks); p < end; p++)
        {
            var (i, j) = (pi[p], pj[p]);
            if (i == j)
            {
                // A periodic image of itself: q_i² g counts once in the energy, so 2 q_i g in ∂/∂q_i.
                v[i] += 2 * k_e * charges[i] * g[p];
            }
            else
            {
                v[i] += k_e * charges[j] * g[p];
                v[j] += k_e * charges[i] * g[p];
            }
        }
    }

    /// <summary>V of one block of atoms: the chunks in chunk order, then the self term.</summary>
    private void ReducePotential(int block)
    {
        var k_e = LongRangeCoulomb.CoulombConstant;
        var end = Math.Min(atomCount, (block + 1) * AtomsPerBlock);
        for (var i = block * AtomsPerBlock; i < end; i++)
        {
            var sum = 0.0;
            for (var c = 0; c < Chunks; c++)
                sum += partial[c][i];
            loopPotential[i] = sum + 2 * k_e * Form.SelfCoefficient * loopCharges[i];
        }
    }

    /// <inheritdoc/>
    public void AddForces(double[] charges, double[] fx, double[] fy, double[] fz, Span<double> virial)
    {
        loopCharges = charges;
        ParallelLoop.ForBlocks(parallel, pairs.Count, PairsPerBlock, slopeBody);
        forces.Add(pairs, pairSlope, fx, fy, fz, virial);
    }

    /// <summary>dE/dr = k_e q_i q_j g′ of one block of pairs.</summary>
    private void SlopeBlock(int block)
    {
        var k_e = LongRangeCoulomb.CoulombConstant;
        var (charges, pi, pj) = (loopCharges, pairs.I, pairs.J);
        var end = Math.Min(pairs.Count, (block + 1) * PairsPerBlock);
        for (var p = block * PairsPerBlock; p < end; p++)
            pairSlope[p] = k_e * charges[pi[p]] * charges[pj[p]] * slope[p];
    }

    /// <inheritdoc/>
    public double[,] Matrix()
    {
        var flat = new double[atomCount * atomCount];
        AddMatrix(flat);
        var m = new double[atomCount, atomCount];
        Buffer.BlockCopy(flat, 0, m, 0, flat.Length * sizeof(double));
        return m;
    }

    /// <inheritdoc/>
    public void AddMatrix(Span<double> matrix)
    {
        var n = atomCount;
        var k_e = LongRangeCoulomb.CoulombConstant;
        for (var p = 0; p < pairs.Count; p++)
        {
            var (i, j) = (pairs.I[p], pairs.J[p]);
            if (i == j)
            {
                matrix[i * n + i] += 2 * k_e * g[p];
            }
            else
            {
                matrix[i * n + j] += k_e * g[p];
                matrix[j * n + i] += k_e * g[p];
            }
        }
        for (var i = 0; i < n; i++)
            matrix[i * n + i] += 2 * k_e * Form.SelfCoefficient;
    }
}
