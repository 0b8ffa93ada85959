using Latent.Runtime.Structures;

namespace Latent.Runtime.Neighbours;

/// <summary>
/// Brute-force neighbour search: every pair of atoms over every lattice image that can lie within the
/// radius. O(N² · images); the reference the linked-cell <see cref="NeighbourList"/> is tested against,
/// and good enough for a handful of atoms.
/// </summary>
public static class AllPairsNeighbours
{
    /// <summary>
    /// Every entry (i, j, image) with |r_j + shift − r_i| ≤ <paramref name="radius"/>, excluding an atom
    /// paired with itself unshifted, sorted by (i, j, na, nb, nc) — the order of <see cref="NeighbourList"/>.
    /// A half list keeps i &lt; j, and for i == j the lexicographically positive image.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative or non-finite radius.</exception>
    public static NeighbourPair[] Find(Structure structure, double radius, NeighbourListKind kind = NeighbourListKind.Full)
    {
        if (!(radius >= 0) || double.IsInfinity(radius))
            throw new ArgumentOutOfRangeException(nameof(radius), radius, "the radius must be finite and not negative");
        var cell = structure.Cell;
        var periodic = new bool[3];
        var width = new double[3];
        for (var d = 0; d < 3; d++)
        {
            periodic[d] = cell.Periodic[d];
            width[d] = periodic[d] ? cell.Width(d) : 0;
        }

        var r2 = radius * radius;
        var result = new List<NeighbourPair>();
        Span<int> lo = stackalloc int[3];
        Span<int> hi = stackalloc int[3];
        for (var i = 0; i < structure.Count; i++)
        {
            var ri = structure.Position(i);
            for (var j = 0; j < structure.Count; j++)
            {
                var rj = structure.Position(j);
                // |r_ij| ≥ |Δs_d + n_d| · width_d, so images outside these ranges are out of reach.
                for (var d = 0; d < 3; d++)
                {
                    lo[d] = hi[d] = 0;
                    if (!periodic[d]) continue;
                    var ds = Vec3.Dot(rj - ri, cell.Reciprocal[d]);
                    var reach = radius / width[d];
                    lo[d] = (int)Math.Floor(-reach - ds) - 1;
                    hi[d] = (int)Math.Ceiling(reach - ds) + 1;
                }

                for (var na = lo[0]; na <= hi[0]; na++)
                for (var nb = lo[1]; nb <= hi[1]; nb++)
                for (var nc = lo[2]; nc <= hi[2]; nc++)
                {
                    if (i == j && (na | nb | nc) == 0) continue;
                    if (kind == NeighbourListKind.Half && !Images.KeptByHalf(i, j, na, nb, nc)) continue;
                    var v = rj + Images.Shift(cell, na, nb, nc) - ri;
                    if (Vec3.Dot(v, v) <= r2) result.Add(new NeighbourPair(i, j, na, nb, nc));
                }
            }
        }

        // Built in (i, j, na, nb, nc) order already; the sort documents and guarantees it.
        result.Sort();
        return result.ToArray();
    }
}
