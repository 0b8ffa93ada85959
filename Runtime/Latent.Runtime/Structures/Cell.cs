namespace Latent.Runtime.Structures;

/// <summary>
/// A simulation cell: three lattice vectors as rows (ASE's convention: <c>Lattice="ax ay az bx by bz cx cy cz"</c>)
/// and periodic flags per direction. Any shape (triclinic included); a cluster has no periodic direction and
/// may have a zero cell.
/// </summary>
public sealed class Cell
{
    /// <summary>A cell from lattice vectors a, b, c and periodic flags.</summary>
    /// <exception cref="ArgumentException">A periodic direction with a degenerate (zero-volume) cell.</exception>
    public Cell(Vec3 a, Vec3 b, Vec3 c, bool periodicA, bool periodicB, bool periodicC)
    {
        A = a;
        B = b;
        C = c;
        Periodic = [periodicA, periodicB, periodicC];
        Volume = Vec3.Dot(a, Vec3.Cross(b, c));
        if (IsPeriodic && Math.Abs(Volume) < 1e-12)
            throw new ArgumentException("a periodic cell needs three independent lattice vectors (its volume is zero)");
        if (Volume < 0 && IsPeriodic)
            throw new ArgumentException("lattice vectors must form a right-handed set (a · (b × c) > 0)");
        if (Math.Abs(Volume) >= 1e-12)
        {
            // Rows of the inverse transpose: reciprocal vectors without the 2π, so frac = r · recip.
            var ra = Vec3.Cross(b, c) * (1 / Volume);
            var rb = Vec3.Cross(c, a) * (1 / Volume);
            var rc = Vec3.Cross(a, b) * (1 / Volume);
            Reciprocal = [ra, rb, rc];
        }
        else
        {
            Reciprocal = [Vec3.Zero, Vec3.Zero, Vec3.Zero];
        }
    }

    /// <summary>No cell: a finite cluster in open space.</summary>
    public static Cell None { get; } = new(Vec3.Zero, Vec3.Zero, Vec3.Zero, false, false, false);

    /// <summary>An orthorhombic periodic box.</summary>
    public static Cell Orthorhombic(double lx, double ly, double lz) =>
        new(new Vec3(lx, 0, 0), new Vec3(0, ly, 0), new Vec3(0, 0, lz), true, true, true);

    /// <summary>First lattice vector (Å).</summary>
    public Vec3 A { get; }

    /// <summary>Second lattice vector (Å).</summary>
    public Vec3 B { get; }

    /// <summary>Third lattice vector (Å).</summary>
    public Vec3 C { get; }

    /// <summary>Lattice vector i.</summary>
    public Vec3 this[int i] => i switch { 0 => A, 1 => B, 2 => C, _ => throw new ArgumentOutOfRangeException(nameof(i)) };

    /// <summary>Periodic flags for a, b, c.</summary>
    public IReadOnlyList<bool> Periodic { get; }

    /// <summary>Whether any direction is periodic.</summary>
    public bool IsPeriodic => Periodic[0] || Periodic[1] || Periodic[2];

    /// <summary>Signed volume a · (b × c), Å³.</summary>
    public double Volume { get; }

    /// <summary>Reciprocal vectors (without 2π): fractional coordinate i of r is r · Reciprocal[i].</summary>
    public IReadOnlyList<Vec3> Reciprocal { get; }

    /// <summary>Fractional coordinates of a Cartesian position.</summary>
    public Vec3 ToFractional(Vec3 r) => new(Vec3.Dot(r, Reciprocal[0]), Vec3.Dot(r, Reciprocal[1]), Vec3.Dot(r, Reciprocal[2]));

    /// <summary>Cartesian position of fractional coordinates.</summary>
    public Vec3 ToCartesian(Vec3 f) => f.X * A + f.Y * B + f.Z * C;

    /// <summary>Distance between the two faces of the cell normal to reciprocal direction i: the
    /// largest sphere diameter that fits, which bounds the cutoff one image can serve.</summary>
    public double Width(int i) => 1 / Reciprocal[i].Length;

    /// <summary>The cell deformed by a symmetric strain ε (Voigt xx yy zz yz xz xy): r → (1 + ε) r.</summary>
    public Cell Strained(ReadOnlySpan<double> voigt)
    {
        var (xx, yy, zz, yz, xz, xy) = (voigt[0], voigt[1], voigt[2], voigt[3], voigt[4], voigt[5]);
        Vec3 Apply(Vec3 v) => new(
            v.X * (1 + xx) + v.Y * xy + v.Z * xz,
            v.X * xy + v.Y * (1 + yy) + v.Z * yz,
            v.X * xz + v.Y * yz + v.Z * (1 + zz));
        return new Cell(Apply(A), Apply(B), Apply(C), Periodic[0], Periodic[1], Periodic[2]);
    }
}
