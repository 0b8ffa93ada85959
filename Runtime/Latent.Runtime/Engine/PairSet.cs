namespace Latent.Runtime.Engine;

/// <summary>
/// Pairs of atoms (each once) within some cutoff, with the separation vector r_ij = r_j + shift − r_i,
/// as separate arrays. Built from a neighbour list (or all pairs of a cluster) for one configuration.
/// </summary>
public sealed class PairSet
{
    /// <summary>A pair set from parallel arrays; they are kept, not copied.</summary>
    public PairSet(int[] i, int[] j, double[] dx, double[] dy, double[] dz)
    {
        I = i;
        J = j;
        Dx = dx;
        Dy = dy;
        Dz = dz;
        R = new double[i.Length];
        Count = i.Length;
        for (var p = 0; p < Count; p++)
            R[p] = Math.Sqrt(dx[p] * dx[p] + dy[p] * dy[p] + dz[p] * dz[p]);
    }

    private PairSet()
    {
        I = [];
        J = [];
        Dx = [];
        Dy = [];
        Dz = [];
        R = [];
    }

    /// <summary>An empty set to be filled (and refilled without allocating) by the builders below.</summary>
    public static PairSet Reusable() => new();

    /// <summary>Number of pairs; the arrays may be longer (capacity kept for the next refill).</summary>
    public int Count { get; private set; }

    /// <summary>First atom of each pair.</summary>
    public int[] I { get; private set; }

    /// <summary>Second atom of each pair (may equal I for a periodic self-image).</summary>
    public int[] J { get; private set; }

    /// <summary>x component of r_j + shift − r_i (Å).</summary>
    public double[] Dx { get; private set; }

    /// <summary>y component (Å).</summary>
    public double[] Dy { get; private set; }

    /// <summary>z component (Å).</summary>
    public double[] Dz { get; private set; }

    /// <summary>Distances (Å).</summary>
    public double[] R { get; private set; }

    /// <summary>No pairs: <paramref name="reuse"/> emptied (its capacity kept), for a sum known to be zero.</summary>
    public static PairSet None(PairSet reuse)
    {
        reuse.Count = 0;
        return reuse;
    }

    /// <summary>Every pair i &lt; j of a finite cluster closer than <paramref name="cutoff"/>, in (i, j) order.</summary>
    /// <param name="structure">The atoms.</param>
    /// <param name="cutoff">Pairs at or beyond this distance are left out (Å).</param>
    /// <param name="reuse">A set to refill instead of allocating a new one (it is returned).</param>
    public static PairSet AllPairs(Structures.Structure structure, double cutoff, PairSet? reuse = null)
    {
        var pairs = reuse ?? new PairSet();
        pairs.Count = 0;
        var c2 = cutoff * cutoff;
        for (var i = 0; i < structure.Count; i++)
            for (var j = i + 1; j < structure.Count; j++)
                pairs.AddIfWithin(i, j, structure.X[j] - structure.X[i], structure.Y[j] - structure.Y[i], structure.Z[j] - structure.Z[i], c2);
        return pairs;
    }

    /// <summary>The pairs of a half neighbour list closer than the cutoff now (the list holds cutoff + skin
    /// at build time); shifts come from the image indices and the current cell, so a strained cell is exact.</summary>
    /// <param name="list">A half neighbour list, up to date for the structure.</param>
    /// <param name="structure">The atoms.</param>
    /// <param name="cutoff">Pairs at or beyond this distance are left out (Å).</param>
    /// <param name="reuse">A set to refill instead of allocating a new one (it is returned).</param>
    public static PairSet FromNeighbourList(Neighbours.NeighbourList list, Structures.Structure structure, double cutoff, PairSet? reuse = null)
    {
        var pairs = reuse ?? new PairSet();
        pairs.Count = 0;
        var c2 = cutoff * cutoff;
        var cell = structure.Cell;
        var start = list.Start;
        var js = list.J;
        var ia = list.ImageA;
        var ib = list.ImageB;
        var ic = list.ImageC;
        var (x, y, z) = (structure.X, structure.Y, structure.Z);
        var (a, b, c) = (cell.A, cell.B, cell.C);
        // At most every entry of the list is a pair: room for that once, then plain stores.
        pairs.EnsureCapacity(start[structure.Count]);
        var (pi, pj, pdx, pdy, pdz, pr) = (pairs.I, pairs.J, pairs.Dx, pairs.Dy, pairs.Dz, pairs.R);
        var count = 0;
        for (var i = 0; i < structure.Count; i++)
        {
            var (xi, yi, zi) = (x[i], y[i], z[i]);
            for (var k = start[i]; k < start[i + 1]; k++)
            {
                var j = js[k];
                // The same operations as ia·A + ib·B + ic·C in Vec3, component by component.
                var (na, nb, nc) = ((double)ia[k], (double)ib[k], (double)ic[k]);
                var dx = x[j] + (na * a.X + nb * b.X + nc * c.X) - xi;
                var dy = y[j] + (na * a.Y + nb * b.Y + nc * c.Y) - yi;
                var dz = z[j] + (na * a.Z + nb * b.Z + nc * c.Z) - zi;
                var r2 = dx * dx + dy * dy + dz * dz;
                if (r2 >= c2)
                    continue;
                pi[count] = i;
                pj[count] = j;
                pdx[count] = dx;
                pdy[count] = dy;
                pdz[count] = dz;
                pr[count] = Math.Sqrt(r2);
                count++;
            }
        }
        pairs.Count = count;
        return pairs;
    }

    /// <summary>Makes the arrays hold at least <paramref name="size"/> pairs, growing by doubling (a refill of the same size never reallocates).</summary>
    private void EnsureCapacity(int size)
    {
        if (I.Length >= size)
            return;
        var capacity = Math.Max(size, 2 * I.Length);
        I = Grow(I, capacity);
        J = Grow(J, capacity);
        Dx = Grow(Dx, capacity);
        Dy = Grow(Dy, capacity);
        Dz = Grow(Dz, capacity);
        R = Grow(R, capacity);
    }

    private void AddIfWithin(int a, int b, double x, double y, double z, double cutoffSquared)
    {
        var r2 = x * x + y * y + z * z;
        if (r2 >= cutoffSquared)
            return;
        if (Count == I.Length)
            EnsureCapacity(Math.Max(64, Count + 1));
        I[Count] = a;
        J[Count] = b;
        Dx[Count] = x;
        Dy[Count] = y;
        Dz[Count] = z;
        R[Count] = Math.Sqrt(r2);
        Count++;
    }

    private static T[] Grow<T>(T[] array, int capacity)
    {
        var grown = new T[capacity];
        Array.Copy(array, grown, array.Length);
        return grown;
    }
}
