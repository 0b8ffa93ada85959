using Latent.Runtime.Engine;
using Latent.Runtime.Engine.LongRange;

namespace Latent.Runtime.Fitting.Response;

/// <summary>
/// The point-charge tail E_long = ½ qᵀ M q (docs/model.md §7) as the response needs it: the engine's own dense
/// M (<see cref="ILongRangeElectrostatics.Matrix"/>, the same sum the calculator evaluates), which gives the
/// potential V = M q and the tail's block q_α q_β M_ij of ∂²E/∂w∂w; and the pairs it runs over (every pair of
/// a cluster, the pairs of a periodic cell within the damped shifted-force cutoff) with the form's g′(r), for
/// the tail's part of the forces, k_e q_I q_J g′ per pair. No fitted parameter enters the tail; only the
/// charges' change does.
/// </summary>
internal sealed class LongRangePairs
{
    private readonly double[,] matrix;

    /// <summary>The tail of <paramref name="form"/> over <paramref name="pairs"/>, with <paramref name="sum"/> the engine's sum bound to the same pairs.</summary>
    public LongRangePairs(LongRangeCoulomb form, PairSet pairs, ILongRangeElectrostatics sum)
    {
        Count = pairs.Count;
        I = pairs.I.AsSpan(0, Count).ToArray();
        J = pairs.J.AsSpan(0, Count).ToArray();
        Dx = pairs.Dx.AsSpan(0, Count).ToArray();
        Dy = pairs.Dy.AsSpan(0, Count).ToArray();
        Dz = pairs.Dz.AsSpan(0, Count).ToArray();
        R = pairs.R.AsSpan(0, Count).ToArray();
        Slope = new double[Count];
        for (var p = 0; p < Count; p++)
            Slope[p] = form.Evaluate(R[p]).Derivative;
        matrix = sum.Matrix();
    }

    private LongRangePairs()
    {
        I = J = [];
        Dx = Dy = Dz = R = Slope = [];
        matrix = new double[0, 0];
    }

    /// <summary>No tail: a potential none of whose states is charged, so every q_i is zero at any weights.</summary>
    public static LongRangePairs None { get; } = new();

    /// <summary>Whether there is a tail at all.</summary>
    public bool Exists => matrix.Length > 0;

    /// <summary>Number of pairs.</summary>
    public int Count { get; }

    /// <summary>First atom of each pair (the separation runs from I to J).</summary>
    public int[] I { get; }

    /// <summary>Second atom of each pair (I again for an atom's own image).</summary>
    public int[] J { get; }

    /// <summary>x of the separation (Å).</summary>
    public double[] Dx { get; }

    /// <summary>y of the separation (Å).</summary>
    public double[] Dy { get; }

    /// <summary>z of the separation (Å).</summary>
    public double[] Dz { get; }

    /// <summary>Distances (Å).</summary>
    public double[] R { get; }

    /// <summary>g′(r) of each pair (1/Å²).</summary>
    public double[] Slope { get; }

    /// <summary>M_ij = ∂²E_long/∂q_i∂q_j (eV/e²).</summary>
    public double M(int i, int j) => matrix[i, j];

    /// <summary>V = M q (eV/e) into <paramref name="potential"/>; zero without a tail.</summary>
    public void Potential(double[] q, double[] potential)
    {
        Array.Clear(potential);
        if (!Exists)
            return;
        for (var i = 0; i < q.Length; i++)
        {
            var v = 0.0;
            for (var j = 0; j < q.Length; j++)
                v += matrix[i, j] * q[j];
            potential[i] = v;
        }
    }
}
