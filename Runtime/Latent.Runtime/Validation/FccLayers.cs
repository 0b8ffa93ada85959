using Latent.Runtime.Structures;

namespace Latent.Runtime.Validation;

/// <summary>
/// Face-centred cubic crystals built layer by layer along z, normal to a low-index face: the periodic crystal, a slab
/// with vacuum above it (two free surfaces), or a (111) stack whose cell carries an intrinsic stacking fault. The
/// in-plane cell is the smallest rectangle of the face's layer (two atoms per layer).
/// </summary>
public static class FccLayers
{
    /// <summary>The layers of <paramref name="face"/> in an fcc crystal of lattice constant <paramref name="a"/> (Å).</summary>
    /// <param name="symbol">The element.</param>
    /// <param name="mass">Its mass (amu).</param>
    /// <param name="a">Lattice constant (Å).</param>
    /// <param name="face">The face the layers lie in.</param>
    /// <param name="layers">How many layers: a whole number of stacking periods (even for (100), a multiple of 3 for (111)).</param>
    /// <param name="vacuum">Empty space (Å) added to the cell above the top layer: 0 gives the periodic crystal,
    /// anything wider than the interactions' reach a slab with two free surfaces.</param>
    /// <param name="stackingFault">For (111) only: tilt the cell's third vector by the Shockley partial a/6⟨112⟩, so each
    /// periodic image of the stack sits one layer position on (…ABC|BCA…): one intrinsic stacking fault per cell.</param>
    /// <exception cref="ArgumentException">A lattice constant that is not positive, a layer count that is not a whole number of
    /// stacking periods, a negative vacuum, or a stacking fault asked of a (100) stack.</exception>
    public static Structure Build(string symbol, double mass, double a, FccFace face, int layers, double vacuum = 0, bool stackingFault = false)
    {
        if (!(a > 0) || double.IsInfinity(a))
            throw new ArgumentException($"the lattice constant must be positive and finite (got {a} Å)", nameof(a));
        var period = face == FccFace.Face100 ? 2 : 3;
        if (layers < period || layers % period != 0)
            throw new ArgumentException($"a {Name(face)} stack needs a whole number of {period}-layer stacking periods (got {layers} layers)", nameof(layers));
        if (!(vacuum >= 0) || double.IsInfinity(vacuum))
            throw new ArgumentException($"the vacuum must be zero or a positive width (got {vacuum} Å)", nameof(vacuum));
        if (stackingFault && face != FccFace.Face111)
            throw new ArgumentException("an intrinsic stacking fault lies on a (111) plane", nameof(stackingFault));

        var (lx, ly, spacing) = Geometry(face, a);
        var positions = new List<Vec3>();
        for (var k = 0; k < layers; k++)
        {
            var (sx, sy) = LayerShift(face, a, k);
            var z = k * spacing;
            // Two atoms per layer: the corner and the centre of the rectangle, each shifted by the layer's stacking position.
            positions.Add(new Vec3(Wrap(sx, lx), Wrap(sy, ly), z));
            positions.Add(new Vec3(Wrap(sx + lx / 2, lx), Wrap(sy + ly / 2, ly), z));
        }

        var height = layers * spacing + vacuum;
        // The next image of layer 0 sits where layer `layers` would: one stacking position on when the cell is tilted.
        var tilt = stackingFault ? LayerShift(face, a, 1) : (0.0, 0.0);
        var cell = new Cell(new Vec3(lx, 0, 0), new Vec3(0, ly, 0), new Vec3(tilt.Item1, tilt.Item2, height), true, true, true);
        var count = positions.Count;
        return new Structure(Enumerable.Repeat(symbol, count).ToArray(), positions, Enumerable.Repeat(mass, count).ToArray(), cell);
    }

    /// <summary>Area (Å²) of the in-plane cell of <paramref name="face"/>.</summary>
    public static double Area(FccFace face, double a)
    {
        var (lx, ly, _) = Geometry(face, a);
        return lx * ly;
    }

    /// <summary>Distance (Å) between neighbouring layers of <paramref name="face"/>.</summary>
    public static double Spacing(FccFace face, double a) => Geometry(face, a).Spacing;

    /// <summary>"(100)" or "(111)".</summary>
    public static string Name(FccFace face) => face == FccFace.Face100 ? "(100)" : "(111)";

    /// <summary>(100): a × a, layers a/2 apart. (111): d × √3·d with d = a/√2 the nearest-neighbour distance (x along [1−10],
    /// y along [11−2]), layers a/√3 apart.</summary>
    private static (double Lx, double Ly, double Spacing) Geometry(FccFace face, double a)
    {
        if (face == FccFace.Face100)
            return (a, a, a / 2);
        var d = a / Math.Sqrt(2);
        return (d, Math.Sqrt(3) * d, a / Math.Sqrt(3));
    }

    /// <summary>In-plane position of layer k: (100) alternates between two, (111) steps through A, B, C by the projection
    /// (d/2, d/(2√3)) of a nearest-neighbour bond that climbs one layer.</summary>
    private static (double X, double Y) LayerShift(FccFace face, double a, int k)
    {
        if (face == FccFace.Face100)
            return k % 2 == 0 ? (0, 0) : (a / 2, 0);
        var d = a / Math.Sqrt(2);
        var step = k % 3;
        return (step * d / 2, step * d * Math.Sqrt(3) / 6);
    }

    private static double Wrap(double x, double length)
    {
        var w = x % length;
        return w < 0 ? w + length : w;
    }
}
