using Latent.Runtime.Structures;

namespace Latent.Runtime.Neighbours;

/// <summary>
/// The closest pair of atoms (periodic images included) within a radius: the diagnosis of a calculation
/// that failed, so it runs only then and may allocate.
/// </summary>
public static class ClosestPair
{
    /// <summary>Closer than this (Å), two atoms are the cause of a failed calculation: no bond is shorter (H₂'s is 0.74 Å).</summary>
    public const double ContactDistance = 0.5;

    /// <summary>The closest pair nearer than <paramref name="radius"/> Å, or null; an atom with its own image counts, as (i, i).</summary>
    public static (int I, int J, double Distance)? Within(Structure structure, double radius = ContactDistance)
    {
        var list = new NeighbourList(radius, skin: 0, NeighbourListKind.Half);
        list.Build(structure);
        (int, int, double)? best = null;
        foreach (var pair in list.Pairs())
        {
            var r = pair.Vector(structure).Length;
            if (r < radius && (best is null || r < best.Value.Item3))
                best = (pair.I, pair.J, r);
        }

        return best;
    }
}
