using Latent.Runtime.Structures;

namespace Latent.Runtime.Neighbours;

/// <summary>
/// One neighbour entry: atom <see cref="J"/>, displaced by the lattice translation
/// ImageA·a + ImageB·b + ImageC·c, as seen from atom <see cref="I"/>; r_ij = r_j + shift − r_i.
/// Orders by (I, J, ImageA, ImageB, ImageC), the order of a <see cref="NeighbourList"/>.
/// </summary>
/// <param name="I">The central atom.</param>
/// <param name="J">The neighbour atom.</param>
/// <param name="ImageA">Whole cells along lattice vector a.</param>
/// <param name="ImageB">Whole cells along lattice vector b.</param>
/// <param name="ImageC">Whole cells along lattice vector c.</param>
public readonly record struct NeighbourPair(int I, int J, int ImageA, int ImageB, int ImageC) : IComparable<NeighbourPair>
{
    /// <summary>The Cartesian shift of this entry's image in <paramref name="cell"/>, computed exactly as the list computes it.</summary>
    public Vec3 Shift(Cell cell) => Images.Shift(cell, ImageA, ImageB, ImageC);

    /// <summary>r_ij = r_j + shift − r_i for the positions of <paramref name="structure"/>.</summary>
    public Vec3 Vector(Structure structure) => structure.Position(J) + Shift(structure.Cell) - structure.Position(I);

    /// <summary>The same pair seen from the other atom.</summary>
    public NeighbourPair Reversed() => new(J, I, -ImageA, -ImageB, -ImageC);

    /// <inheritdoc/>
    public int CompareTo(NeighbourPair other)
    {
        var c = I.CompareTo(other.I);
        if (c != 0) return c;
        c = J.CompareTo(other.J);
        if (c != 0) return c;
        c = ImageA.CompareTo(other.ImageA);
        if (c != 0) return c;
        c = ImageB.CompareTo(other.ImageB);
        return c != 0 ? c : ImageC.CompareTo(other.ImageC);
    }
}
