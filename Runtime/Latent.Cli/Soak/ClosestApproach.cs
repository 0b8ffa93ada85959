using Latent.Runtime.Neighbours;
using Latent.Runtime.Structures;

namespace Latent.Cli.Soak;

/// <summary>
/// The closest any two atoms of each element pair came during a run (periodic images included), and at
/// which step: how near the dynamics went to the watchdog's contact limit. Pairs are found through a short
/// neighbour list of its own, so a step costs one pass over the list and allocates only when it is rebuilt.
/// </summary>
internal sealed class ClosestApproach
{
    /// <summary>
    /// How far pairs are looked for (Å): past rock salt's nearest like pair (a/√2 = 3.99 Å at 5.64 Å), so every
    /// element pair of the crystal has a closest distance; a pair never this close is reported as such.
    /// </summary>
    public const double Reach = 5.0;

    private const double Skin = 1.0;

    private readonly NeighbourList list = new(Reach, Skin, NeighbourListKind.Half);
    private readonly string[] elements;
    private readonly int[] kind;
    private readonly double[] closest2;
    private readonly int[] closestStep;

    /// <summary>For the atoms of <paramref name="structure"/> (the run's, moved in place).</summary>
    public ClosestApproach(Structure structure)
    {
        elements = structure.Symbols.Distinct().ToArray();
        kind = structure.Symbols.Select(s => Array.IndexOf(elements, s)).ToArray();
        closest2 = Enumerable.Repeat(double.PositiveInfinity, elements.Length * elements.Length).ToArray();
        closestStep = new int[elements.Length * elements.Length];
    }

    /// <summary>Looks at the positions of <paramref name="structure"/> at <paramref name="step"/>.</summary>
    public void Add(Structure structure, int step)
    {
        list.Update(structure);
        var (x, y, z) = (structure.X, structure.Y, structure.Z);
        var start = list.Start;
        var js = list.J;
        var sx = list.ShiftX;
        var sy = list.ShiftY;
        var sz = list.ShiftZ;
        var kinds = elements.Length;
        for (var i = 0; i < structure.Count; i++)
        {
            for (var k = start[i]; k < start[i + 1]; k++)
            {
                var j = js[k];
                var dx = x[j] + sx[k] - x[i];
                var dy = y[j] + sy[k] - y[i];
                var dz = z[j] + sz[k] - z[i];
                var d2 = dx * dx + dy * dy + dz * dz;
                var (a, b) = (Math.Min(kind[i], kind[j]), Math.Max(kind[i], kind[j]));
                var p = a * kinds + b;
                if (d2 < closest2[p])
                    (closest2[p], closestStep[p]) = (d2, step);
            }
        }
    }

    /// <summary>Each element pair (in the order the elements first appear), its closest distance (Å; null when never within <see cref="Reach"/>) and the step.</summary>
    public IReadOnlyList<(string A, string B, double? Distance, int Step)> Pairs()
    {
        var pairs = new List<(string, string, double?, int)>();
        for (var a = 0; a < elements.Length; a++)
        {
            for (var b = a; b < elements.Length; b++)
            {
                var p = a * elements.Length + b;
                var d2 = closest2[p];
                pairs.Add((elements[a], elements[b], double.IsFinite(d2) && d2 <= Reach * Reach ? Math.Sqrt(d2) : null, closestStep[p]));
            }
        }

        return pairs;
    }
}
