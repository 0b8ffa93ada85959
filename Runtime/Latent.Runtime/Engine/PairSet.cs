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
        for (var p = 0; p < i.Length; p++)
            R[p] = Math.Sqrt(dx[p] * dx[p] + dy[p] * dy[p] + dz[p] * dz[p]);
    }

    /// <summary>Number of pairs.</summary>
    public int Count => I.Length;

    /// <summary>First atom of each pair.</summary>
    public int[] I { get; }

    /// <summary>Second atom of each pair (may equal I for a periodic self-image).</summary>
    public int[] J { get; }

    /// <summary>x component of r_j + shift − r_i (Å).</summary>
    public double[] Dx { get; }

    /// <summary>y component (Å).</summary>
    public double[] Dy { get; }

    /// <summary>z component (Å).</summary>
    public double[] Dz { get; }

    /// <summary>Distances (Å).</summary>
    public double[] R { get; }

    /// <summary>Every pair i &lt; j of a finite cluster closer than <paramref name="cutoff"/>, in (i, j) order.</summary>
    public static PairSet AllPairs(Structures.Structure structure, double cutoff)
    {
        var pairs = new Builder(cutoff);
        for (var i = 0; i < structure.Count; i++)
            for (var j = i + 1; j < structure.Count; j++)
                pairs.AddIfWithin(i, j, structure.X[j] - structure.X[i], structure.Y[j] - structure.Y[i], structure.Z[j] - structure.Z[i]);
        return pairs.Build();
    }

    /// <summary>The pairs of a half neighbour list closer than the cutoff now (the list holds cutoff + skin
    /// at build time); shifts come from the image indices and the current cell, so a strained cell is exact.</summary>
    public static PairSet FromNeighbourList(Neighbours.NeighbourList list, Structures.Structure structure, double cutoff)
    {
        var pairs = new Builder(cutoff);
        var cell = structure.Cell;
        var start = list.Start;
        var js = list.J;
        var ia = list.ImageA;
        var ib = list.ImageB;
        var ic = list.ImageC;
        for (var i = 0; i < structure.Count; i++)
        {
            for (var k = start[i]; k < start[i + 1]; k++)
            {
                var j = js[k];
                var shift = ia[k] * cell.A + ib[k] * cell.B + ic[k] * cell.C;
                pairs.AddIfWithin(i, j, structure.X[j] + shift.X - structure.X[i], structure.Y[j] + shift.Y - structure.Y[i], structure.Z[j] + shift.Z - structure.Z[i]);
            }
        }
        return pairs.Build();
    }

    /// <summary>Collects pairs closer than a cutoff.</summary>
    private sealed class Builder(double cutoff)
    {
        private readonly double cutoffSquared = cutoff * cutoff;
        private readonly List<int> i = [];
        private readonly List<int> j = [];
        private readonly List<double> dx = [];
        private readonly List<double> dy = [];
        private readonly List<double> dz = [];

        public void AddIfWithin(int a, int b, double x, double y, double z)
        {
            if (x * x + y * y + z * z >= cutoffSquared)
                return;
            i.Add(a);
            j.Add(b);
            dx.Add(x);
            dy.Add(y);
            dz.Add(z);
        }

        public PairSet Build() => new(i.ToArray(), j.ToArray(), dx.ToArray(), dy.ToArray(), dz.ToArray());
    }
}
