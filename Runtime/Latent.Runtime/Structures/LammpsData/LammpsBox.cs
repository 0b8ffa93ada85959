namespace Latent.Runtime.Structures.LammpsData;

/// <summary>
/// A periodic cell in LAMMPS's restricted triclinic form: a = (lx, 0, 0), b = (xy, ly, 0), c = (xz, yz, lz)
/// with lx, ly, lz &gt; 0, the origin at (xlo, ylo, zlo). LAMMPS accepts no other orientation, so a general
/// cell is rotated into this form (positions and velocities with it: the same crystal, turned), and tilts
/// beyond half a box length, which LAMMPS refuses as "Triclinic box skew is too large", are taken back by
/// adding lattice vectors (the same lattice, another choice of its vectors).
/// </summary>
public sealed record LammpsBox(double Xlo, double Ylo, double Zlo, double Lx, double Ly, double Lz, double Xy, double Xz, double Yz)
{
    /// <summary>Rows of the rotation that takes Cartesian vectors into the box's frame; null when the cell was already in the restricted form.</summary>
    private Vec3[]? rotation;

    /// <summary>Whether the cell had to be rotated to fit the restricted form.</summary>
    public bool Rotated => rotation is not null;

    /// <summary>Whether tilts were reduced by adding lattice vectors.</summary>
    public bool Reduced { get; private init; }

    /// <summary>Whether the box has any tilt (and needs the <c>xy xz yz</c> header line).</summary>
    public bool IsTriclinic => Xy != 0 || Xz != 0 || Yz != 0;

    /// <summary>The periodic cell the box describes (periodic in all three directions: a data file carries no boundary).</summary>
    public Cell ToCell() => new(new Vec3(Lx, 0, 0), new Vec3(Xy, Ly, 0), new Vec3(Xz, Yz, Lz), true, true, true);

    /// <summary>A vector (position or velocity) in the box's frame.</summary>
    public Vec3 Map(Vec3 v) =>
        rotation is null ? v : new Vec3(Vec3.Dot(v, rotation[0]), Vec3.Dot(v, rotation[1]), Vec3.Dot(v, rotation[2]));

    /// <summary>The restricted form of a periodic cell, with the origin at 0.</summary>
    /// <exception cref="ArgumentException">The cell is not periodic in all three directions.</exception>
    public static LammpsBox Of(Cell cell)
    {
        if (!cell.Periodic.All(p => p))
            throw new ArgumentException("a LAMMPS box needs a cell periodic in all three directions");
        var (a, b, c) = (cell.A, cell.B, cell.C);
        Vec3[]? rotation = null;
        double lx, ly, lz, xy, xz, yz;
        if (a.Y == 0 && a.Z == 0 && b.Z == 0 && a.X > 0 && b.Y > 0 && c.Z > 0)
        {
            // Already restricted: kept bit for bit rather than passed through a rotation's round-off.
            (lx, ly, lz, xy, xz, yz) = (a.X, b.Y, c.Z, b.X, c.X, c.Y);
        }
        else
        {
            // e1 along a, e3 normal to the a-b plane, e2 completing a right-handed frame: a proper rotation,
            // since the cell is right-handed, so c · e3 > 0.
            var e1 = a * (1 / a.Length);
            var normal = Vec3.Cross(a, b);
            var e3 = normal * (1 / normal.Length);
            var e2 = Vec3.Cross(e3, e1);
            rotation = [e1, e2, e3];
            (lx, xy, ly) = (a.Length, Vec3.Dot(b, e1), Vec3.Dot(b, e2));
            (xz, yz, lz) = (Vec3.Dot(c, e1), Vec3.Dot(c, e2), Vec3.Dot(c, e3));
        }

        var reduced = false;
        // c − n·b, then c − m·a, then b − k·a: each a lattice vector, so the lattice is unchanged.
        if (Math.Abs(yz) > ly / 2)
        {
            var n = Math.Round(yz / ly);
            (yz, xz, reduced) = (yz - n * ly, xz - n * xy, true);
        }

        if (Math.Abs(xz) > lx / 2)
        {
            var m = Math.Round(xz / lx);
            (xz, reduced) = (xz - m * lx, true);
        }

        if (Math.Abs(xy) > lx / 2)
        {
            var k = Math.Round(xy / lx);
            (xy, reduced) = (xy - k * lx, true);
        }

        return new LammpsBox(0, 0, 0, lx, ly, lz, xy, xz, yz) { rotation = rotation, Reduced = reduced };
    }
}
