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
        var (ii, jj, dx, dy, dz) = (new List<int>(), new List<int>(), new List<double>(), new List<double>(), new List<double>());
        var c2 = cutoff * cutoff;
        for (var i = 0; i < structure.Count; i++)
        {
            for (var j = i + 1; j < structure.Count; j++)
            {
                var x = structure.X[j] - structure.X[i];
                var y = structure.Y[j] - structure.Y[i];
                var z = structure.Z[j] - structure.Z[i];
                if (x * x + y * y + z * z < c2)
                {
                    ii.Add(i);
                    jj.Add(j);
                    dx.Add(x);
                    dy.Add(y);
                    dz.Add(z);
                }
            }
        }
        return new PairSet(ii.ToArray(), jj.ToArray(), dx.ToArray(), dy.ToArray(), dz.ToArray());
    }
}
