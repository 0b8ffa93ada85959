using Latent.Runtime.Structures;

namespace Latent.Runtime.Neighbours;

/// <summary>
/// Linked-cell (bin) neighbour search in O(N). Atoms are binned by their coordinates in the cell's frame
/// (fractional, wrapped into [0, 1) along periodic directions; Cartesian for a cluster), in bins at least
/// the search radius thick, measured between bin faces, so a triclinic cell is handled exactly. Each atom
/// then scans the bins within reach on a virtual, periodically repeated grid: a virtual bin B along a
/// periodic direction with n bins is real bin B mod n in image ⌊B / n⌋. When the radius exceeds the cell's
/// width the reach grows beyond one bin, which yields every image within the radius, the atom's own
/// included. Scratch arrays are kept between searches.
/// </summary>
internal sealed class LinkedCells
{
    // 1 + 1e-9: the radius is widened by this, and bins are chosen a little wider than that and the reach a
    // little longer, so that rounding in the coordinates cannot move a pair at the radius out of reach.
    private const double Margin = 1 + 1e-9;
    private const int MaxBinsPerDirection = 1 << 20;

    private readonly bool[] periodic = new bool[3];
    private readonly Vec3[] lattice = new Vec3[3];
    private readonly Vec3[] axis = new Vec3[3];
    private readonly double[] thickness = new double[3];
    private readonly double[] low = new double[3];
    private readonly double[] binSize = new double[3];
    private readonly int[] bins = new int[3];
    private readonly int[] reach = new int[3];

    private readonly double[][] coordinate = [[], [], []];
    private readonly int[][] whole = [[], [], []];
    private readonly int[][] binIndex = [[], [], []];
    private double[] wx = [], wy = [], wz = [];
    private int[] binStart = [];
    private int[] binAtoms = [];

    /// <summary>
    /// After a <see cref="Search"/>, the atoms bin by bin (bins in row-major order, atoms ascending within
    /// a bin): an order in which consecutive atoms are near each other in space.
    /// </summary>
    public ReadOnlySpan<int> BinOrder(int atoms) => binAtoms.AsSpan(0, atoms);
    // Wrapped positions and whole-cell counts copied into bin order, so the inner loop reads memory in sequence.
    private double[] sx = [], sy = [], sz = [];
    private int[] sa = [], sb = [], sc = [];
    private NeighbourPair[] candidates = new NeighbourPair[64];

    /// <summary>Fills <paramref name="output"/> with every entry within <paramref name="radius"/> (&gt; 0),
    /// atom by atom, each atom's entries sorted by (j, na, nb, nc). Entries up to a relative 1e-9 beyond the
    /// radius may be included: distances here come from wrapped coordinates, which round differently from
    /// the consumer's r_j + shift − r_i, and a pair at the radius must not be lost to that.</summary>
    public void Search(Structure structure, double radius, NeighbourListKind kind, EntryStore output)
    {
        var n = structure.Count;
        output.Reset(n);
        if (n == 0) return;
        radius *= Margin;
        Bin(structure, radius);

        var cell = structure.Cell;
        for (var i = 0; i < n; i++)
        {
            var count = Neighbours(i, radius, kind == NeighbourListKind.Half);
            output.Reserve(count);
            var k = output.Count;
            foreach (var p in candidates.AsSpan(0, count))
            {
                var shift = Images.Shift(cell, p.ImageA, p.ImageB, p.ImageC);
                output.J[k] = p.J;
                output.A[k] = p.ImageA;
                output.B[k] = p.ImageB;
                output.C[k] = p.ImageC;
                output.ShiftX[k] = shift.X;
                output.ShiftY[k] = shift.Y;
                output.ShiftZ[k] = shift.Z;
                k++;
            }

            output.Count = k;
            output.Start[i + 1] = k;
        }
    }

    /// <summary>Frame, grid and bin contents for the structure.</summary>
    private void Bin(Structure structure, double radius)
    {
        var n = structure.Count;
        var cell = structure.Cell;
        // Any periodic direction implies a non-degenerate cell (Cell enforces it); a cluster is binned in
        // Cartesian space so that a zero cell works.
        var useCell = cell.IsPeriodic;
        for (var d = 0; d < 3; d++)
        {
            periodic[d] = useCell && cell.Periodic[d];
            lattice[d] = useCell ? cell[d] : Vec3.Zero;
            axis[d] = useCell ? cell.Reciprocal[d] : new Vec3(d == 0 ? 1 : 0, d == 1 ? 1 : 0, d == 2 ? 1 : 0);
            thickness[d] = useCell ? cell.Width(d) : 1;
        }

        Grow(n);
        var (x, y, z) = (structure.X, structure.Y, structure.Z);
        Span<double> lo = [double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity];
        Span<double> hi = [double.NegativeInfinity, double.NegativeInfinity, double.NegativeInfinity];
        for (var i = 0; i < n; i++)
        {
            if (!double.IsFinite(x[i]) || !double.IsFinite(y[i]) || !double.IsFinite(z[i]))
                throw new ArgumentException($"atom {i} has a non-finite position ({x[i]}, {y[i]}, {z[i]})", nameof(structure));
            double px = x[i], py = y[i], pz = z[i];
            for (var d = 0; d < 3; d++)
            {
                var u = x[i] * axis[d].X + y[i] * axis[d].Y + z[i] * axis[d].Z;
                var w = 0;
                if (periodic[d])
                {
                    var f = Math.Floor(u);
                    u -= f;
                    w = checked((int)f);
                    px -= f * lattice[d].X;
                    py -= f * lattice[d].Y;
                    pz -= f * lattice[d].Z;
                }
                else
                {
                    lo[d] = Math.Min(lo[d], u);
                    hi[d] = Math.Max(hi[d], u);
                }

                coordinate[d][i] = u;
                whole[d][i] = w;
            }

            wx[i] = px;
            wy[i] = py;
            wz[i] = pz;
        }

        for (var d = 0; d < 3; d++)
        {
            var span = periodic[d] ? 1.0 : hi[d] - lo[d];
            low[d] = periodic[d] ? 0.0 : lo[d];
            var across = span * thickness[d] / (radius * Margin);
            bins[d] = (int)Math.Clamp(Math.Floor(across), 1, MaxBinsPerDirection);
        }

        // Sparse clusters would otherwise ask for far more bins than atoms; wider bins stay correct.
        long maxBins = Math.Max(64, 2L * n);
        while ((long)bins[0] * bins[1] * bins[2] > maxBins)
        {
            var d = bins[0] >= bins[1] && bins[0] >= bins[2] ? 0 : bins[1] >= bins[2] ? 1 : 2;
            bins[d] /= 2;
        }

        for (var d = 0; d < 3; d++)
        {
            var span = periodic[d] ? 1.0 : hi[d] - lo[d];
            binSize[d] = span / bins[d];
            // Along a periodic direction the reach counts images too; along an open one the neighbouring
            // bins suffice because every bin is at least the radius thick.
            reach[d] = periodic[d] ? (int)Math.Ceiling(radius / (binSize[d] * thickness[d]) * Margin) : 1;
            for (var i = 0; i < n; i++)
            {
                var b = binSize[d] > 0 ? (int)Math.Min((coordinate[d][i] - low[d]) / binSize[d], bins[d] - 1) : 0;
                binIndex[d][i] = Math.Max(b, 0);
            }
        }

        var total = bins[0] * bins[1] * bins[2];
        if (binStart.Length < total + 1) binStart = new int[total + 1];
        Array.Clear(binStart, 0, total + 1);
        for (var i = 0; i < n; i++) binStart[Flat(binIndex[0][i], binIndex[1][i], binIndex[2][i]) + 1]++;
        for (var b = 0; b < total; b++) binStart[b + 1] += binStart[b];
        // Filling in atom order keeps each bin's atoms ascending; binStart[b] is the fill cursor, then restored.
        for (var i = 0; i < n; i++) binAtoms[binStart[Flat(binIndex[0][i], binIndex[1][i], binIndex[2][i])]++] = i;
        for (var b = total; b > 0; b--) binStart[b] = binStart[b - 1];
        binStart[0] = 0;
        for (var slot = 0; slot < n; slot++)
        {
            var i = binAtoms[slot];
            (sx[slot], sy[slot], sz[slot]) = (wx[i], wy[i], wz[i]);
            (sa[slot], sb[slot], sc[slot]) = (whole[0][i], whole[1][i], whole[2][i]);
        }
    }

    private int Flat(int b0, int b1, int b2) => (b0 * bins[1] + b1) * bins[2] + b2;

    /// <summary>Atom i's entries into <see cref="candidates"/>, sorted; returns how many.</summary>
    private int Neighbours(int i, double radius, bool half)
    {
        var r2 = radius * radius;
        var count = 0;
        var (xi, yi, zi) = (wx[i], wy[i], wz[i]);
        Span<int> from = stackalloc int[3];
        Span<int> to = stackalloc int[3];
        for (var d = 0; d < 3; d++)
        {
            var b = binIndex[d][i];
            from[d] = periodic[d] ? b - reach[d] : Math.Max(0, b - 1);
            to[d] = periodic[d] ? b + reach[d] : Math.Min(bins[d] - 1, b + 1);
        }

        for (var v0 = from[0]; v0 <= to[0]; v0++)
        {
            var (c0, m0) = Split(v0, 0);
            for (var v1 = from[1]; v1 <= to[1]; v1++)
            {
                var (c1, m1) = Split(v1, 1);
                for (var v2 = from[2]; v2 <= to[2]; v2++)
                {
                    var (c2, m2) = Split(v2, 2);
                    var ox = m0 * lattice[0].X + m1 * lattice[1].X + m2 * lattice[2].X;
                    var oy = m0 * lattice[0].Y + m1 * lattice[1].Y + m2 * lattice[2].Y;
                    var oz = m0 * lattice[0].Z + m1 * lattice[1].Z + m2 * lattice[2].Z;
                    // Image relative to the unwrapped positions: r_j + n·L − r_i with n = m − W_j + W_i.
                    var baseA = m0 + whole[0][i];
                    var baseB = m1 + whole[1][i];
                    var baseC = m2 + whole[2][i];
                    var bin = Flat(c0, c1, c2);
                    var end = binStart[bin + 1];
                    for (var s = binStart[bin]; s < end; s++)
                    {
                        var dx = sx[s] + ox - xi;
                        var dy = sy[s] + oy - yi;
                        var dz = sz[s] + oz - zi;
                        if (dx * dx + dy * dy + dz * dz > r2) continue;
                        var j = binAtoms[s];
                        if (half && j < i) continue;
                        var na = baseA - sa[s];
                        var nb = baseB - sb[s];
                        var nc = baseC - sc[s];
                        if (j == i && (half ? !Images.IsPositive(na, nb, nc) : (na | nb | nc) == 0)) continue;
                        if (count == candidates.Length) Array.Resize(ref candidates, 2 * count);
                        candidates[count++] = new NeighbourPair(i, j, na, nb, nc);
                    }
                }
            }
        }

        candidates.AsSpan(0, count).Sort();
        return count;
    }

    /// <summary>Virtual bin v along direction d as (real bin, image).</summary>
    private (int Bin, int Image) Split(int v, int d)
    {
        if (!periodic[d]) return (v, 0);
        var n = bins[d];
        var image = v >= 0 ? v / n : -((-v + n - 1) / n);
        return (v - image * n, image);
    }

    private void Grow(int n)
    {
        if (wx.Length >= n) return;
        for (var d = 0; d < 3; d++)
        {
            coordinate[d] = new double[n];
            whole[d] = new int[n];
            binIndex[d] = new int[n];
        }

        wx = new double[n];
        wy = new double[n];
        wz = new double[n];
        binAtoms = new int[n];
        sx = new double[n];
        sy = new double[n];
        sz = new double[n];
        sa = new int[n];
        sb = new int[n];
        sc = new int[n];
    }
}
