namespace Latent.Runtime.Engine;

/// <summary>
/// Forces and virial of a set of pairs with known slopes dE/dr (docs/model.md §4), summed on every thread
/// with the same bits on any number of them: the pairs are cut into a fixed number of chunks, each chunk
/// adds its pairs in pair order into its own force and virial buffers (<see cref="PairForces.Scatter"/>),
/// and the chunks are then added to the caller's arrays in chunk order. A pair touches two atoms anywhere
/// in the structure, so a plain parallel scatter would race; per-atom gathering would read every pair twice.
/// Buffers are kept and grow only with the number of atoms, so a dynamics step allocates nothing here.
/// </summary>
internal sealed class PairForceChunks
{
    private const int Chunks = 16;
    private const int AtomsPerBlock = 1024;
    private readonly ParallelOptions parallel;
    private readonly double[][] fx = new double[Chunks][];
    private readonly double[][] fy = new double[Chunks][];
    private readonly double[][] fz = new double[Chunks][];
    private readonly double[] virial = new double[Chunks * 6];
    private readonly Action<int> chunkBody;
    private readonly Action<int> reduceBody;
    // What the loops work on (their bodies are bound once, see ParallelLoop).
    private PairSet pairs = PairSet.Reusable();
    private double[] slopes = [];
    private int atoms;
    private double[] outX = [];
    private double[] outY = [];
    private double[] outZ = [];

    /// <summary>Chunks run with this parallelism.</summary>
    public PairForceChunks(ParallelOptions parallel)
    {
        this.parallel = parallel;
        for (var c = 0; c < Chunks; c++)
            (fx[c], fy[c], fz[c]) = ([], [], []);
        chunkBody = Chunk;
        reduceBody = Reduce;
    }

    /// <summary>
    /// Adds every pair's forces to <paramref name="forceX"/>, <paramref name="forceY"/>, <paramref name="forceZ"/>
    /// and its virial dE/dr · d_a d_b / r to <paramref name="virialSum"/> (Voigt xx yy zz yz xz xy).
    /// </summary>
    /// <param name="pairSet">The pairs, with their separations and distances.</param>
    /// <param name="slope">dE/dr of each pair.</param>
    /// <param name="forceX">x components of the forces (eV/Å), one per atom, added to.</param>
    /// <param name="forceY">y components, added to.</param>
    /// <param name="forceZ">z components, added to.</param>
    /// <param name="virialSum">The virial (eV), added to.</param>
    public void Add(PairSet pairSet, double[] slope, double[] forceX, double[] forceY, double[] forceZ, Span<double> virialSum)
    {
        atoms = forceX.Length;
        for (var c = 0; c < Chunks; c++)
        {
            BufferCapacity.Ensure(ref fx[c], atoms);
            BufferCapacity.Ensure(ref fy[c], atoms);
            BufferCapacity.Ensure(ref fz[c], atoms);
        }
        (pairs, slopes, outX, outY, outZ) = (pairSet, slope, forceX, forceY, forceZ);
        ParallelLoop.For(parallel, Chunks, chunkBody);
        ParallelLoop.ForBlocks(parallel, atoms, AtomsPerBlock, reduceBody);
        for (var c = 0; c < Chunks; c++)
        {
            for (var k = 0; k < 6; k++)
                virialSum[k] += virial[c * 6 + k];
        }
    }

    /// <summary>One chunk's pairs, in pair order, into its own buffers.</summary>
    private void Chunk(int chunk)
    {
        var (x, y, z) = (fx[chunk], fy[chunk], fz[chunk]);
        Array.Clear(x, 0, atoms);
        Array.Clear(y, 0, atoms);
        Array.Clear(z, 0, atoms);
        Span<double> w = stackalloc double[6];
        w.Clear();
        var (pi, pj, dx, dy, dz, r, s) = (pairs.I, pairs.J, pairs.Dx, pairs.Dy, pairs.Dz, pairs.R, slopes);
        var count = pairs.Count;
        var end = (int)((long)count * (chunk + 1) / Chunks);
        for (var p = (int)((long)count * chunk / Chunks); p < end; p++)
            PairForces.Scatter(pi[p], pj[p], dx[p], dy[p], dz[p], r[p], s[p], x, y, z, w);
        w.CopyTo(virial.AsSpan(chunk * 6, 6));
    }

    /// <summary>One block of atoms: the chunks' forces added in chunk order.</summary>
    private void Reduce(int block)
    {
        var end = Math.Min(atoms, (block + 1) * AtomsPerBlock);
        for (var i = block * AtomsPerBlock; i < end; i++)
        {
            double sx = 0, sy = 0, sz = 0;
            for (var c = 0; c < Chunks; c++)
            {
                sx += fx[c][i];
                sy += fy[c][i];
                sz += fz[c][i];
            }
            outX[i] += sx;
            outY[i] += sy;
            outZ[i] += sz;
        }
    }
}
