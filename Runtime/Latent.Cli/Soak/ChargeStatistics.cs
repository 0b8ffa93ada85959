namespace Latent.Cli.Soak;

/// <summary>
/// The latent charges of each element over a run: the mean |q| over every atom of the element and every
/// step, and the lowest and highest charge any of them had. Per step one pass over the atoms, nothing stored.
/// </summary>
internal sealed class ChargeStatistics
{
    private readonly string[] elements;
    private readonly int[] kind;
    private readonly double[] sumAbs, min, max;
    private readonly long[] samples;

    /// <summary>For atoms of these symbols, in the order given.</summary>
    public ChargeStatistics(IReadOnlyList<string> symbols)
    {
        elements = symbols.Distinct().ToArray();
        kind = symbols.Select(s => Array.IndexOf(elements, s)).ToArray();
        sumAbs = new double[elements.Length];
        min = Enumerable.Repeat(double.PositiveInfinity, elements.Length).ToArray();
        max = Enumerable.Repeat(double.NegativeInfinity, elements.Length).ToArray();
        samples = new long[elements.Length];
    }

    /// <summary>Adds one step's charges (e); an empty span (a calculator without charges) adds nothing.</summary>
    public void Add(ReadOnlySpan<double> charges)
    {
        for (var i = 0; i < charges.Length; i++)
        {
            var (k, q) = (kind[i], charges[i]);
            sumAbs[k] += Math.Abs(q);
            min[k] = Math.Min(min[k], q);
            max[k] = Math.Max(max[k], q);
            samples[k]++;
        }
    }

    /// <summary>Each element (in the order the atoms first show it) with its mean |q|, lowest and highest q (e); NaN without samples.</summary>
    public IReadOnlyList<(string Element, double MeanAbsolute, double Min, double Max)> Elements() =>
        elements.Select((e, k) => samples[k] > 0 ? (e, sumAbs[k] / samples[k], min[k], max[k]) : (e, double.NaN, double.NaN, double.NaN)).ToList();
}
