using Latent.Runtime.Structures;

namespace Latent.Runtime.Neighbours;

/// <summary>Lattice-image arithmetic shared by the linked-cell list and the brute-force reference, so
/// both compute a shift with the same floating-point operations.</summary>
internal static class Images
{
    /// <summary>na·a + nb·b + nc·c, component by component in a fixed order.</summary>
    public static Vec3 Shift(Cell cell, int na, int nb, int nc)
    {
        if ((na | nb | nc) == 0) return Vec3.Zero;
        var (a, b, c) = (cell.A, cell.B, cell.C);
        return new Vec3(
            na * a.X + nb * b.X + nc * c.X,
            na * a.Y + nb * b.Y + nc * c.Y,
            na * a.Z + nb * b.Z + nc * c.Z);
    }

    /// <summary>Whether the first non-zero offset is positive: the half list keeps exactly one of an atom's
    /// self-images +n and −n by this rule.</summary>
    public static bool IsPositive(int na, int nb, int nc) =>
        na > 0 || (na == 0 && (nb > 0 || (nb == 0 && nc > 0)));

    /// <summary>Whether a half list keeps the entry (i, j, n).</summary>
    public static bool KeptByHalf(int i, int j, int na, int nb, int nc) =>
        i < j || (i == j && IsPositive(na, nb, nc));
}
