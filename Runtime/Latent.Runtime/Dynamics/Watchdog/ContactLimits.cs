using Latent.Runtime.Neighbours;
using Latent.Runtime.Structures;

namespace Latent.Runtime.Dynamics.Watchdog;

/// <summary>
/// The closest two atoms may come: <see cref="Fraction"/> of their pair's smallest sensible distance
/// (<see cref="PairScale.SensibleDistance"/>). Pairs without one are not checked. <see cref="Closest"/> finds
/// the worst offender through a short neighbour list of its own, so a step costs one pass over the atoms
/// (the list's displacement test) and the few pairs that close, and allocates only when that list is rebuilt.
/// </summary>
public sealed class ContactLimits
{
    /// <summary>Skin of the short list (Å): wide, so atoms vibrating in a solid rarely force a rebuild.</summary>
    private const double ListSkin = 1.0;

    private readonly PairScale[] scales;
    private NeighbourList? list;
    private string[]? boundSymbols;
    private int[] kind = [];
    private double[] limit2 = [];
    private int kinds;

    /// <summary>Limits from measured pair scales and the fraction of the sensible distance that trips.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A fraction outside (0, 1].</exception>
    public ContactLimits(IEnumerable<PairScale> scales, double fraction)
    {
        ArgumentNullException.ThrowIfNull(scales);
        if (!(fraction > 0 && fraction <= 1))
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "the fraction must be in (0, 1]");
        this.scales = scales.ToArray();
        Fraction = fraction;
        Largest = this.scales.Select(s => s.SensibleDistance ?? 0).DefaultIfEmpty(0).Max() * fraction;
    }

    /// <summary>The fraction of the smallest sensible distance below which a pair is too close.</summary>
    public double Fraction { get; }

    /// <summary>The largest limit over the pairs (Å); 0 when no pair has one.</summary>
    public double Largest { get; }

    /// <summary>The pair scales the limits come from.</summary>
    public IReadOnlyList<PairScale> Scales => scales;

    /// <summary>The scale of the pair of <paramref name="a"/> and <paramref name="b"/>, if measured.</summary>
    public PairScale? Scale(string a, string b) => scales.FirstOrDefault(s => s.Is(a, b));

    /// <summary>The closest distance allowed between elements <paramref name="a"/> and <paramref name="b"/> (Å); 0 when unchecked.</summary>
    public double Limit(string a, string b) => (Scale(a, b)?.SensibleDistance ?? 0) * Fraction;

    /// <summary>
    /// The pair that is furthest inside its limit (smallest distance/limit below 1), or null when every pair
    /// keeps its distance. Positions must be finite. The first call for a structure's symbols sets up the list.
    /// </summary>
    public Contact? Closest(Structure structure)
    {
        ArgumentNullException.ThrowIfNull(structure);
        if (Largest <= 0 || structure.Count < 2 && !structure.Cell.IsPeriodic)
            return null;
        Bind(structure);
        list!.Update(structure);
        var (x, y, z) = (structure.X, structure.Y, structure.Z);
        var start = list.Start;
        var js = list.J;
        var sx = list.ShiftX;
        var sy = list.ShiftY;
        var sz = list.ShiftZ;
        var worst = 1.0;
        int wi = -1, wj = -1;
        var wd = 0.0;
        for (var i = 0; i < structure.Count; i++)
        {
            for (var k = start[i]; k < start[i + 1]; k++)
            {
                var j = js[k];
                var l2 = limit2[kind[i] * kinds + kind[j]];
                if (l2 <= 0)
                    continue;
                var dx = x[j] + sx[k] - x[i];
                var dy = y[j] + sy[k] - y[i];
                var dz = z[j] + sz[k] - z[i];
                var d2 = dx * dx + dy * dy + dz * dz;
                if (d2 < worst * worst * l2)
                {
                    worst = Math.Sqrt(d2 / l2);
                    (wi, wj, wd) = (i, j, Math.Sqrt(d2));
                }
            }
        }

        return wi < 0 ? null : new Contact(wi, wj, wd, Math.Sqrt(limit2[kind[wi] * kinds + kind[wj]]));
    }

    /// <summary>Describes a contact for a message: "atoms 3 (Na) and 5 (Cl) are 0.5 Å apart, closer than 1.05 Å (0.75 × the Na–Cl pair's smallest sensible distance 1.4 Å)".</summary>
    public string Describe(Contact contact, Structure structure)
    {
        var (a, b) = (structure.Symbols[contact.I], structure.Symbols[contact.J]);
        var scale = Scale(a, b)!;
        return $"atoms {contact.I} ({a}) and {contact.J} ({b}) are {Format(contact.Distance)} Å apart, closer than {Format(contact.Limit)} Å "
            + $"({Format(Fraction)} × the {scale.Name} pair's smallest sensible distance {Format(scale.SensibleDistance!.Value)} Å, where its dimer lies {Format(PairScan.RiseEnergy)} eV above its minimum)";
    }

    private static string Format(double value) => value.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);

    private void Bind(Structure structure)
    {
        // The set-up is a method of its own: its lambda's closure would otherwise be allocated on every call.
        if (!ReferenceEquals(boundSymbols, structure.Symbols))
            SetUp(structure);
    }

    private void SetUp(Structure structure)
    {
        var names = structure.Symbols.Distinct().ToArray();
        kinds = names.Length;
        kind = structure.Symbols.Select(s => Array.IndexOf(names, s)).ToArray();
        limit2 = new double[kinds * kinds];
        for (var p = 0; p < kinds; p++)
        {
            for (var q = 0; q < kinds; q++)
                limit2[p * kinds + q] = Math.Pow(Limit(names[p], names[q]), 2);
        }

        list = new NeighbourList(Largest, ListSkin, NeighbourListKind.Half);
        boundSymbols = structure.Symbols;
    }
}
