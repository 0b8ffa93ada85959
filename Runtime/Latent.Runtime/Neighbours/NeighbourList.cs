using Latent.Runtime.Structures;

namespace Latent.Runtime.Neighbours;

/// <summary>
/// A Verlet neighbour list built by linked cells in O(N), for any cell shape, periodic flags and cutoff
/// (including cutoffs larger than the cell, which list several images of an atom and of the atom itself).
/// <para>
/// Storage is CSR, structure of arrays: the entries of atom i are k ∈ [<see cref="Start"/>[i],
/// Start[i+1]); entry k is atom <see cref="J"/>[k] in the lattice image (<see cref="ImageA"/>[k],
/// <see cref="ImageB"/>[k], <see cref="ImageC"/>[k]), whose Cartesian shift is (<see cref="ShiftX"/>[k],
/// <see cref="ShiftY"/>[k], <see cref="ShiftZ"/>[k]) = na·a + nb·b + nc·c, so that
/// r_ij = r_j + shift − r_i with the structure's current positions.
/// </para>
/// <para>
/// The list holds every pair within <see cref="Radius"/> = cutoff + skin when it was built; consumers
/// compute the current distance and apply the cutoff themselves. <see cref="Update"/> keeps the list while
/// every atom has moved at most skin/2 since the build (then no pair can have come from beyond the radius
/// to within the cutoff).
/// </para>
/// <para>
/// Order: after a build, atom by atom, and within an atom by (j, na, nb, nc) ascending — the same structure
/// always gives the same list in the same order, so sums in list order are reproducible. An
/// <see cref="Update"/> that re-expresses the images of wrapped atoms keeps each atom's entries in j order
/// and entries with equal j in their build order (it changes images only by whole cells of j and i).
/// </para>
/// </summary>
public sealed class NeighbourList
{
    private readonly EntryStore entries = new();
    private readonly LinkedCells search = new();
    private double[] builtX = [], builtY = [], builtZ = [];
    private int[] movedA = [], movedB = [], movedC = [];
    private int[] spatialOrder = [];
    private Cell? builtCell;
    private Vec3 builtA, builtB, builtC;
    private bool builtPa, builtPb, builtPc;
    private bool built;

    /// <summary>A list for pair terms up to <paramref name="cutoff"/> (Å), kept for moves up to half the
    /// <paramref name="skin"/> (Å).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A cutoff that is not positive and finite, or a negative or non-finite skin.</exception>
    public NeighbourList(double cutoff, double skin = 0.5, NeighbourListKind kind = NeighbourListKind.Full)
    {
        if (!(cutoff > 0) || double.IsInfinity(cutoff))
            throw new ArgumentOutOfRangeException(nameof(cutoff), cutoff, "the cutoff must be positive and finite");
        if (!(skin >= 0) || double.IsInfinity(skin))
            throw new ArgumentOutOfRangeException(nameof(skin), skin, "the skin must be finite and not negative");
        if (!Enum.IsDefined(kind))
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown neighbour-list kind");
        Cutoff = cutoff;
        Skin = skin;
        Kind = kind;
    }

    /// <summary>The interaction cutoff (Å).</summary>
    public double Cutoff { get; }

    /// <summary>The Verlet skin (Å).</summary>
    public double Skin { get; }

    /// <summary>The list radius, cutoff + skin (Å): every pair within it at the last build is listed.</summary>
    public double Radius => Cutoff + Skin;

    /// <summary>Full (both directions) or half (each pair once).</summary>
    public NeighbourListKind Kind { get; }

    /// <summary>Number of atoms the list was built for (0 before the first build).</summary>
    public int AtomCount => entries.Atoms;

    /// <summary>Number of entries.</summary>
    public int EntryCount => entries.Count;

    /// <summary>Entry ranges: atom i owns entries [Start[i], Start[i+1]); AtomCount + 1 values.</summary>
    public ReadOnlySpan<int> Start => entries.Start.AsSpan(0, entries.Atoms + 1);

    /// <summary>Neighbour atom of each entry.</summary>
    public ReadOnlySpan<int> J => entries.J.AsSpan(0, entries.Count);

    /// <summary>Whole cells along a of each entry's image.</summary>
    public ReadOnlySpan<int> ImageA => entries.A.AsSpan(0, entries.Count);

    /// <summary>Whole cells along b of each entry's image.</summary>
    public ReadOnlySpan<int> ImageB => entries.B.AsSpan(0, entries.Count);

    /// <summary>Whole cells along c of each entry's image.</summary>
    public ReadOnlySpan<int> ImageC => entries.C.AsSpan(0, entries.Count);

    /// <summary>x of each entry's shift (Å).</summary>
    public ReadOnlySpan<double> ShiftX => entries.ShiftX.AsSpan(0, entries.Count);

    /// <summary>y of each entry's shift (Å).</summary>
    public ReadOnlySpan<double> ShiftY => entries.ShiftY.AsSpan(0, entries.Count);

    /// <summary>z of each entry's shift (Å).</summary>
    public ReadOnlySpan<double> ShiftZ => entries.ShiftZ.AsSpan(0, entries.Count);

    /// <summary>
    /// The atoms in the linked-cell bins' order at the last build: consecutive atoms are near each other in
    /// space, so a loop over atoms in this order finds its neighbours' data in cache even when the
    /// structure lists its atoms in no spatial order. A permutation of 0 … AtomCount − 1.
    /// </summary>
    public ReadOnlySpan<int> SpatialOrder => spatialOrder.AsSpan(0, entries.Atoms);

    /// <summary>The list's own arrays, for the engine's loops that read them in place (same assembly only).</summary>
    internal EntryStore Entries => entries;

    /// <summary>Number of builds so far (explicit and by <see cref="Update"/>).</summary>
    public int Builds { get; private set; }

    /// <summary>Number of <see cref="Update"/> calls so far.</summary>
    public int Updates { get; private set; }

    /// <summary>Number of updates that kept the list but re-expressed shifts because atoms had been moved
    /// by whole lattice vectors (wrapped back into the cell).</summary>
    public int Reimagings { get; private set; }

    /// <summary>The entries of atom i as (i, j, image) values, in list order; allocates (diagnostics and tests).</summary>
    public NeighbourPair[] PairsOf(int i)
    {
        var start = Start;
        var result = new NeighbourPair[start[i + 1] - start[i]];
        for (var k = start[i]; k < start[i + 1]; k++)
            result[k - start[i]] = new NeighbourPair(i, entries.J[k], entries.A[k], entries.B[k], entries.C[k]);
        return result;
    }

    /// <summary>All entries as (i, j, image) values, in list order; allocates (diagnostics and tests).</summary>
    public NeighbourPair[] Pairs()
    {
        var result = new NeighbourPair[entries.Count];
        for (var i = 0; i < entries.Atoms; i++)
            PairsOf(i).CopyTo(result, entries.Start[i]);
        return result;
    }

    /// <summary>Builds the list for the structure's current positions and cell.</summary>
    /// <exception cref="ArgumentException">A non-finite position.</exception>
    public void Build(Structure structure)
    {
        search.Search(structure, Radius, Kind, entries);
        entries.Trim();
        var n = structure.Count;
        if (builtX.Length < n)
        {
            builtX = new double[n];
            builtY = new double[n];
            builtZ = new double[n];
            movedA = new int[n];
            movedB = new int[n];
            movedC = new int[n];
            spatialOrder = new int[n];
        }
        search.BinOrder(n).CopyTo(spatialOrder);

        Array.Copy(structure.X, builtX, n);
        Array.Copy(structure.Y, builtY, n);
        Array.Copy(structure.Z, builtZ, n);
        var cell = structure.Cell;
        (builtCell, builtA, builtB, builtC) = (cell, cell.A, cell.B, cell.C);
        (builtPa, builtPb, builtPc) = (cell.Periodic[0], cell.Periodic[1], cell.Periodic[2]);
        built = true;
        Builds++;
    }

    /// <summary>
    /// Rebuilds if needed and says whether it did: before the first build, when the number of atoms or the
    /// cell (lattice vectors or periodic flags) changed, or when an atom moved more than skin/2 since the last
    /// build. Displacements are taken modulo lattice vectors along periodic directions (the nearest image among
    /// the rounded fractional displacement and its neighbours), so an atom wrapped back into the cell does not
    /// force a rebuild: its entries'
    /// images and shifts are re-expressed in place instead. Allocates nothing unless it rebuilds.
    /// </summary>
    public bool Update(Structure structure)
    {
        Updates++;
        if (!built || structure.Count != entries.Atoms || CellChanged(structure.Cell))
        {
            Build(structure);
            return true;
        }

        var cell = structure.Cell;
        var (x, y, z) = (structure.X, structure.Y, structure.Z);
        var limit = 0.25 * Skin * Skin;
        var wrapped = false;
        for (var i = 0; i < entries.Atoms; i++)
        {
            var dx = x[i] - builtX[i];
            var dy = y[i] - builtY[i];
            var dz = z[i] - builtZ[i];
            int ta = 0, tb = 0, tc = 0;
            if (!(dx * dx + dy * dy + dz * dz <= limit) && !(cell.IsPeriodic && NearestImage(cell, new Vec3(dx, dy, dz), limit, out ta, out tb, out tc)))
            {
                Build(structure);
                return true;
            }

            wrapped |= (ta | tb | tc) != 0;
            (movedA[i], movedB[i], movedC[i]) = (ta, tb, tc);
        }

        if (wrapped) Reimage(cell);
        return false;
    }

    /// <summary>
    /// Whole cells t (periodic directions only) with |d − t·L|² ≤ <paramref name="limit"/>, if any is found:
    /// first the rounded fractional displacement, then its 26 neighbours, which in a strongly skewed cell may
    /// hold the nearest image when rounding does not. Not finding one only costs a rebuild.
    /// </summary>
    private bool NearestImage(Cell cell, Vec3 d, double limit, out int ta, out int tb, out int tc)
    {
        int ra = 0, rb = 0, rc = 0;
        if (builtPa) ra = Round(Vec3.Dot(d, cell.Reciprocal[0]));
        if (builtPb) rb = Round(Vec3.Dot(d, cell.Reciprocal[1]));
        if (builtPc) rc = Round(Vec3.Dot(d, cell.Reciprocal[2]));
        int sa = builtPa ? 1 : 0, sb = builtPb ? 1 : 0, sc = builtPc ? 1 : 0;
        (ta, tb, tc) = (0, 0, 0);
        var best = double.PositiveInfinity;
        for (var ea = -sa; ea <= sa; ea++)
        for (var eb = -sb; eb <= sb; eb++)
        for (var ec = -sc; ec <= sc; ec++)
        {
            var t = Images.Shift(cell, ra + ea, rb + eb, rc + ec);
            var r = d - t;
            var r2 = Vec3.Dot(r, r);
            if (r2 < best) (best, ta, tb, tc) = (r2, ra + ea, rb + eb, rc + ec);
        }

        return best <= limit;
    }

    private static int Round(double cells) => Math.Abs(cells) < 1 << 20 ? (int)Math.Round(cells) : 0;

    /// <summary>
    /// Atom i moved by T_i = t_i·L: r_j + n·L − r_i is unchanged with n' = n + t_i − t_j. Only whole lattice
    /// vectors change, so the half-list rule (i &lt; j, or a positive self-image, which keeps its n) still holds.
    /// </summary>
    private void Reimage(Cell cell)
    {
        var s = entries;
        for (var i = 0; i < s.Atoms; i++)
        {
            for (var k = s.Start[i]; k < s.Start[i + 1]; k++)
            {
                var j = s.J[k];
                var da = movedA[i] - movedA[j];
                var db = movedB[i] - movedB[j];
                var dc = movedC[i] - movedC[j];
                if ((da | db | dc) == 0) continue;
                s.A[k] += da;
                s.B[k] += db;
                s.C[k] += dc;
                var shift = Images.Shift(cell, s.A[k], s.B[k], s.C[k]);
                (s.ShiftX[k], s.ShiftY[k], s.ShiftZ[k]) = (shift.X, shift.Y, shift.Z);
            }
        }

        for (var i = 0; i < s.Atoms; i++)
        {
            if ((movedA[i] | movedB[i] | movedC[i]) == 0) continue;
            var t = Images.Shift(cell, movedA[i], movedB[i], movedC[i]);
            builtX[i] += t.X;
            builtY[i] += t.Y;
            builtZ[i] += t.Z;
        }

        Reimagings++;
    }

    private bool CellChanged(Cell cell) =>
        !ReferenceEquals(cell, builtCell)
        && (cell.A != builtA || cell.B != builtB || cell.C != builtC
            || cell.Periodic[0] != builtPa || cell.Periodic[1] != builtPb || cell.Periodic[2] != builtPc);
}
