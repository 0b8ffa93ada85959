namespace Latent.Runtime.Engine.ShortRange;

/// <summary>
/// The short-range electrostatics as the weight solver needs it: from the kernel cache's compact copy of
/// each pair's block C_αβ (α a state of the pair's atom A, β of B), per atom the field u_iα = Σ_pairs Σ_β C_αβ w_jβ (oriented from i), summed over
/// the atom's incident pairs in pair order. u is the electrostatic part of ε (docs/model.md §3), and
/// ½ Σ_α w_iα u_iα is atom i's half of its pairs' electrostatic energy (docs/model.md §2: each pair split half
/// and half; a pair with its own image counts both orientations, so its whole energy). The solver sums u
/// several times per step, so it reads 9 contiguous numbers per pair instead of a kernel's scattered
/// outputs, and each atom writes only its own states: blocks of atoms run on any number of threads with the
/// same bits. The pair term is weight-independent, so each atom's half of it is summed here once per
/// configuration too.
/// </summary>
internal sealed class StateCouplings
{
    // Atoms per block of the loops (a few µs each).
    private const int AtomsPerBlock = 32;

    private readonly AtomStates atoms;
    private readonly PairKernelCache cache;
    private readonly ParallelOptions parallel;
    private readonly Action<int> fieldBody;
    private readonly Action<int> pairTermBody;
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
        fieldBody = FieldBlock;
        pairTermBody = PairTermBlock;
    }

    /// <summary>Atom i's half of the pair term of its pairs (both halves of a pair with its own image).</summary>
    public double[] PairEnergy { get; }

    /// <summary>
    /// Whether any pair gives a host density (value or slope) other than zero. When none does (a potential
    /// whose states give no density, as NaCl's), every ρ̄ is zero at any weights and the embedding's part
    /// of ε vanishes, so those sums can be skipped.
    /// </summary>
    public bool HasDensities => cache.HasDensities;

    /// <summary>Sums each atom's pair term for the cache's current pairs (after the cache is bound).</summary>
    public void Bind() => ParallelLoop.ForBlocks(parallel, atoms.AtomCount, AtomsPerBlock, pairTermBody);

    /// <summary>Each atom's half of its pairs' φ, in incidence (pair) order.</summary>
    private void PairTermBlock(int blockIndex)
    {
        var (incidence, start, atomA, atomB, phi) = (cache.Incidence, cache.IncidenceStart, cache.AtomA, cache.AtomB, cache.PairPotential);
        var end = Math.Min(atoms.AtomCount, (blockIndex + 1) * AtomsPerBlock);
        for (var i = blockIndex * AtomsPerBlock; i < end; i++)
        {
            var sum = 0.0;
            for (var k = start[i]; k < start[i + 1]; k++)
            {
                var p = incidence[k];
                sum += atomA[p] == atomB[p] ? phi[p] : 0.5 * phi[p];
            }
            PairEnergy[i] = sum;
        }
    }

    /// <summary>Fills <paramref name="field"/> (one value per state, like a weight vector) with u at the weights.</summary>
    public void Field(double[] weights, double[] field)
    {
        loopWeights = weights;
        loopField = field;
        ParallelLoop.ForBlocks(parallel, atoms.AtomCount, AtomsPerBlock, fieldBody);
    }

    /// <summary>u of the atoms of one block: per incident pair, the pair's block (or its transpose when i is B) times the partner's weights.</summary>
    private void FieldBlock(int blockIndex)
    {
        var (w, u, K, blockStart) = (loopWeights, loopField, cache.Electrostatics, cache.ElectrostaticStart);
        var (incidence, start, atomA, atomB) = (cache.Incidence, cache.IncidenceStart, cache.AtomA, cache.AtomB);
        var (offset, count) = (atoms.Offset, atoms.Count);
        var end = Math.Min(atoms.AtomCount, (blockIndex + 1) * AtomsPerBlock);
        for (var i = blockIndex * AtomsPerBlock; i < end; i++)
        {
            var (oi, si) = (offset[i], count[i]);
            for (var a = 0; a < si; a++)
                u[oi + a] = 0;
            for (var k = start[i]; k < start[i + 1]; k++)
            {
                var p = incidence[k];
                var s = blockStart[p];
                var (pa, pb) = (atomA[p], atomB[p]);
                if (pa == i)
                {
                    var (ob, sb) = (offset[pb], count[pb]);
                    if (si == 3 && sb == 3)
                    {
                        var (w0, w1, w2) = (w[ob], w[ob + 1], w[ob + 2]);
                        u[oi] += K[s] * w0 + K[s + 1] * w1 + K[s + 2] * w2;
                        u[oi + 1] += K[s + 3] * w0 + K[s + 4] * w1 + K[s + 5] * w2;
                        u[oi + 2] += K[s + 6] * w0 + K[s + 7] * w1 + K[s + 8] * w2;
                    }
                    else
                    {
                        for (var a = 0; a < si; a++)
                        {
                            var row = 0.0;
                            for (var c = 0; c < sb; c++)
                                row += K[s + a * sb + c] * w[ob + c];
                            u[oi + a] += row;
                        }
                    }
                }
                if (pb == i)
                {
                    var (oa, sa) = (offset[pa], count[pa]);
                    if (si == 3 && sa == 3)
                    {
                        var (w0, w1, w2) = (w[oa], w[oa + 1], w[oa + 2]);
                        u[oi] += K[s] * w0 + K[s + 3] * w1 + K[s + 6] * w2;
                        u[oi + 1] += K[s + 1] * w0 + K[s + 4] * w1 + K[s + 7] * w2;
                        u[oi + 2] += K[s + 2] * w0 + K[s + 5] * w1 + K[s + 8] * w2;
                    }
                    else
                    {
                        for (var c = 0; c < si; c++)
                        {
                            var column = 0.0;
                            for (var a = 0; a < sa; a++)
                                column += K[s + a * si + c] * w[oa + a];
                            u[oi + c] += column;
                        }
                    }
                }
            }
        }
    }
}
