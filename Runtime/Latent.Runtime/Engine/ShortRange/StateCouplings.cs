namespace Latent.Runtime.Engine.ShortRange;

/// <summary>
/// The short-range electrostatics as the weight solver needs it: from the kernel cache's compact copy of
/// each pair's block C_αβ (α a state of the pair's atom A, β of B), per atom the field
/// u_iα = Σ_pairs Σ_β C_αβ w_jβ (oriented from i). u is the electrostatic part of ε (docs/model.md §3), and
/// ½ Σ_α w_iα u_iα is atom i's half of its pairs' electrostatic energy (docs/model.md §2: each pair split half
/// and half; a pair with its own image counts both orientations, so its whole energy). The solver sums u
/// several times per step, so it streams 9 contiguous numbers per pair instead of a kernel's scattered
/// outputs, in fixed chunks summed in order: the same bits on any number of threads. The pair term is weight-independent, so each atom's half of it is summed here once per
/// configuration too.
/// </summary>
internal sealed class StateCouplings
{
    // The field and the pair terms are summed over a fixed number of chunks of pairs, each into its own
    // buffer, then the buffers in chunk order (in blocks of states or atoms): the pairs are read in order
    // (the blocks of an atom's partners lie all over the array), and the result does not depend on the threads.
    private const int StatesPerBlock = 1024;
    private const int Chunks = 16;
    private readonly double[][] partial = new double[Chunks][];
    private readonly Action<int> reduceBody;

    private readonly AtomStates atoms;
    private readonly PairKernelCache cache;
    private readonly ParallelOptions parallel;
    private readonly Action<int> fieldBody;
    private readonly Action<int> pairTermBody;
    private readonly Action<int> pairTermReduceBody;
    // The arrays the field loop works on (its body is bound once, see ParallelLoop).
    private double[] loopWeights = [];
    private double[] loopField = [];

    /// <summary>Couplings of the cache's pairs; <see cref="Bind"/> fills them.</summary>
    public StateCouplings(AtomStates atoms, PairKernelCache cache, ParallelOptions parallel)
    {
        this.atoms = atoms;
        this.cache = cache;
        this.parallel = parallel;
        PairEnergy = new double[atoms.AtomCount];
        for (var c = 0; c < Chunks; c++)
            partial[c] = [];
        fieldBody = FieldChunk;
        reduceBody = ReduceBlock;
        pairTermBody = PairTermChunk;
        pairTermReduceBody = PairTermReduce;
    }

    /// <summary>Atom i's half of the pair term of its pairs (both halves of a pair with its own image).</summary>
    public double[] PairEnergy { get; }

    /// <summary>
    /// Whether any pair gives a host density (value or slope) other than zero. When none does (a potential
    /// whose states give no density, as NaCl's), every ρ̄ is zero at any weights and the embedding's part
    /// of ε vanishes, so those sums can be skipped.
    /// </summary>
    public bool HasDensities => cache.HasDensities;

    /// <summary>Sums each atom's pair term for the cache's current pairs (after the cache is bound), over the chunks of pairs.</summary>
    public void Bind()
    {
        for (var c = 0; c < Chunks; c++)
            BufferCapacity.Ensure(ref partial[c], atoms.WeightCount);
        ParallelLoop.For(parallel, Chunks, pairTermBody);
        ParallelLoop.ForBlocks(parallel, atoms.AtomCount, StatesPerBlock, pairTermReduceBody);
    }

    /// <summary>One chunk's pairs, in pair order: half of φ to each atom (both halves to a self-image's).</summary>
    private void PairTermChunk(int chunk)
    {
        var (atomA, atomB, phi, e) = (cache.AtomA, cache.AtomB, cache.PairPotential, partial[chunk]);
        Array.Clear(e, 0, atoms.AtomCount);
        var pairs = cache.Count;
        var end = (int)((long)pairs * (chunk + 1) / Chunks);
        for (var p = (int)((long)pairs * chunk / Chunks); p < end; p++)
        {
            var half = 0.5 * phi[p];
            e[atomA[p]] += half;
            e[atomB[p]] += half;
        }
    }

    /// <summary>Each atom of one block: its pair term over the chunks in chunk order.</summary>
    private void PairTermReduce(int block)
    {
        var end = Math.Min(atoms.AtomCount, (block + 1) * StatesPerBlock);
        for (var i = block * StatesPerBlock; i < end; i++)
        {
            var sum = 0.0;
            for (var c = 0; c < Chunks; c++)
                sum += partial[c][i];
            PairEnergy[i] = sum;
        }
    }

    /// <summary>Fills <paramref name="field"/> (one value per state, like a weight vector) with u at the weights.</summary>
    public void Field(double[] weights, double[] field)
    {
        var states = atoms.WeightCount;
        for (var c = 0; c < Chunks; c++)
            BufferCapacity.Ensure(ref partial[c], states);
        loopWeights = weights;
        loopField = field;
        ParallelLoop.For(parallel, Chunks, fieldBody);
        ParallelLoop.ForBlocks(parallel, states, StatesPerBlock, reduceBody);
    }

    /// <summary>
    /// One chunk's part of u: per pair in pair order, its block times B's weights into A's states and its
    /// transpose times A's weights into B's states (a pair with its own image adds both to the one atom).
    /// </summary>
    private void FieldChunk(int chunk)
    {
        var (w, K, blockStart) = (loopWeights, cache.Electrostatics, cache.ElectrostaticStart);
        var (atomA, atomB) = (cache.AtomA, cache.AtomB);
        var (offset, count) = (atoms.Offset, atoms.Count);
        var u = partial[chunk];
        Array.Clear(u, 0, atoms.WeightCount);
        var pairs = cache.Count;
        var end = (int)((long)pairs * (chunk + 1) / Chunks);
        for (var p = (int)((long)pairs * chunk / Chunks); p < end; p++)
        {
            var s = blockStart[p];
            var (pa, pb) = (atomA[p], atomB[p]);
            var (oa, sa, ob, sb) = (offset[pa], count[pa], offset[pb], count[pb]);
            if (sa == 3 && sb == 3)
            {
                var (a0, a1, a2) = (w[oa], w[oa + 1], w[oa + 2]);
                var (b0, b1, b2) = (w[ob], w[ob + 1], w[ob + 2]);
                var (k0, k1, k2, k3, k4, k5, k6, k7, k8) = (K[s], K[s + 1], K[s + 2], K[s + 3], K[s + 4], K[s + 5], K[s + 6], K[s + 7], K[s + 8]);
                u[oa] += k0 * b0 + k1 * b1 + k2 * b2;
                u[oa + 1] += k3 * b0 + k4 * b1 + k5 * b2;
                u[oa + 2] += k6 * b0 + k7 * b1 + k8 * b2;
                u[ob] += k0 * a0 + k3 * a1 + k6 * a2;
                u[ob + 1] += k1 * a0 + k4 * a1 + k7 * a2;
                u[ob + 2] += k2 * a0 + k5 * a1 + k8 * a2;
            }
            else
            {
                for (var a = 0; a < sa; a++)
                {
                    var row = 0.0;
                    for (var c = 0; c < sb; c++)
                        row += K[s + a * sb + c] * w[ob + c];
                    u[oa + a] += row;
                }
                for (var c = 0; c < sb; c++)
                {
                    var column = 0.0;
                    for (var a = 0; a < sa; a++)
                        column += K[s + a * sb + c] * w[oa + a];
                    u[ob + c] += column;
                }
            }
        }
    }

    /// <summary>u of one block of states: the chunks' parts added in chunk order.</summary>
    private void ReduceBlock(int blockIndex)
    {
        var u = loopField;
        var end = Math.Min(atoms.WeightCount, (blockIndex + 1) * StatesPerBlock);
        for (var k = blockIndex * StatesPerBlock; k < end; k++)
        {
            var sum = 0.0;
            for (var c = 0; c < Chunks; c++)
                sum += partial[c][k];
            u[k] = sum;
        }
    }
}
