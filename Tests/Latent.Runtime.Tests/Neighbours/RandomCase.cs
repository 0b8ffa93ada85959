using FsCheck;
using FsCheck.Fluent;
using Latent.Runtime.Structures;

namespace Latent.Runtime.Tests.Neighbours;

/// <summary>Cell shapes of the random cases.</summary>
public enum Shape
{
    Orthorhombic,
    Triclinic,
    StronglySkewed,
    Cluster,
}

/// <summary>
/// A random structure described by a few parameters (all printed when a property fails) and a seed for
/// the rest: cell lengths 2–10 Å, tilts up to ±0.5 (triclinic) or ±2.5 (strongly skewed) of a length, a
/// random rotation, fractional positions in [−0.3, 1.3) so that some atoms lie outside the cell, and a
/// cutoff that is <see cref="CutoffFactor"/> times the narrowest periodic width (5 Å for no periodic direction).
/// </summary>
public sealed record RandomCase(int Seed, int Atoms, Shape Shape, bool Pa, bool Pb, bool Pc, double CutoffFactor, double Skin)
{
    public double Cutoff
    {
        get
        {
            var cell = Structure().Cell;
            var widths = Enumerable.Range(0, 3).Where(d => cell.Periodic[d]).Select(cell.Width).ToArray();
            return CutoffFactor * (widths.Length == 0 ? 5.0 : widths.Min());
        }
    }

    public Structure Structure()
    {
        var random = new Random(Seed);
        double U(double lo, double hi) => lo + (hi - lo) * random.NextDouble();
        if (Shape == Shape.Cluster)
        {
            var points = Enumerable.Range(0, Atoms).Select(_ => new Vec3(U(0, 8), U(0, 8), U(0, 8))).ToArray();
            return Make(points, Cell.None);
        }

        var (la, lb, lc) = (U(2, 10), U(2, 10), U(2, 10));
        var tilt = Shape switch { Shape.Triclinic => 0.5, Shape.StronglySkewed => 2.5, _ => 0.0 };
        var a = new Vec3(la, 0, 0);
        var b = new Vec3(U(-tilt, tilt) * la, lb, 0);
        var c = new Vec3(U(-tilt, tilt) * la, U(-tilt, tilt) * lb, lc);
        if (Shape != Shape.Orthorhombic)
        {
            var rotate = Rotation(random);
            (a, b, c) = (rotate(a), rotate(b), rotate(c));
        }

        var cell = new Cell(a, b, c, Pa, Pb, Pc);
        var positions = Enumerable.Range(0, Atoms)
            .Select(_ => cell.ToCartesian(new Vec3(U(-0.3, 1.3), U(-0.3, 1.3), U(-0.3, 1.3))))
            .ToArray();
        return Make(positions, cell);
    }

    private static Structure Make(Vec3[] positions, Cell cell) =>
        new(positions.Select(_ => "Ar").ToArray(), positions, positions.Select(_ => 39.948).ToArray(), cell);

    /// <summary>A uniformly random rotation from a random unit quaternion.</summary>
    private static Func<Vec3, Vec3> Rotation(Random random)
    {
        double w, x, y, z, norm;
        do
        {
            (w, x, y, z) = (random.NextDouble() * 2 - 1, random.NextDouble() * 2 - 1, random.NextDouble() * 2 - 1, random.NextDouble() * 2 - 1);
            norm = Math.Sqrt(w * w + x * x + y * y + z * z);
        }
        while (norm < 0.1 || norm > 1);
        (w, x, y, z) = (w / norm, x / norm, y / norm, z / norm);
        return v => new Vec3(
            (1 - 2 * (y * y + z * z)) * v.X + 2 * (x * y - w * z) * v.Y + 2 * (x * z + w * y) * v.Z,
            2 * (x * y + w * z) * v.X + (1 - 2 * (x * x + z * z)) * v.Y + 2 * (y * z - w * x) * v.Z,
            2 * (x * z - w * y) * v.X + 2 * (y * z + w * x) * v.Y + (1 - 2 * (x * x + y * y)) * v.Z);
    }

    /// <summary>Cases with cutoffs from a fifth of the narrowest width to 2.5 widths.</summary>
    public static Gen<RandomCase> Any() => Generate(Gen.Choose(20, 250));

    /// <summary>Cases whose cutoff is below half the narrowest width: one image per pair at most.</summary>
    public static Gen<RandomCase> BelowHalfWidth() => Generate(Gen.Choose(5, 49));

    private static Gen<RandomCase> Generate(Gen<int> cutoffPercent) =>
        from seed in Gen.Choose(0, int.MaxValue)
        from atoms in Gen.Choose(1, 60)
        from shape in Gen.Elements(Shape.Orthorhombic, Shape.Triclinic, Shape.StronglySkewed, Shape.Cluster)
        from flags in Gen.Choose(0, 7)
        from percent in cutoffPercent
        from skin in Gen.Elements(0.0, 0.1, 0.5, 1.0)
        let cluster = shape == Shape.Cluster
        select new RandomCase(seed, atoms, shape, !cluster && (flags & 1) != 0, !cluster && (flags & 2) != 0, !cluster && (flags & 4) != 0, percent / 100.0, skin);
}

/// <summary>Random cases with any cutoff.</summary>
public sealed record AnyCase(RandomCase Case);

/// <summary>Random cases with the cutoff below half the narrowest periodic width.</summary>
public sealed record SmallCutoffCase(RandomCase Case);

/// <summary>FsCheck arbitraries for the neighbour-list properties.</summary>
public static class NeighbourArbitraries
{
    public static Arbitrary<AnyCase> Any() => RandomCase.Any().Select(c => new AnyCase(c)).ToArbitrary();

    public static Arbitrary<SmallCutoffCase> Small() => RandomCase.BelowHalfWidth().Select(c => new SmallCutoffCase(c)).ToArbitrary();
}
