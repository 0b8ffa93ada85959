namespace Latent.Cli.Output;

/// <summary>The latent charges of a structure in brief, per element: how many atoms, the mean and the range.
/// A table of every atom is what <c>latent eval</c> is for; after a relaxation the spread is the news.</summary>
public sealed record ChargeSummary(string Symbol, int Count, double Mean, double Min, double Max)
{
    /// <summary>One summary per element, in order of first appearance.</summary>
    public static ChargeSummary[] Of(IReadOnlyList<string> symbols, IReadOnlyList<double> charges) =>
        symbols.Select((s, i) => (Symbol: s, Charge: charges[i]))
            .GroupBy(a => a.Symbol)
            .Select(g => new ChargeSummary(g.Key, g.Count(), g.Average(a => a.Charge), g.Min(a => a.Charge), g.Max(a => a.Charge)))
            .ToArray();

    /// <summary>E.g. "Na ×4 mean +0.9999 (+0.9998 to +1.0000)".</summary>
    public static string Text(IEnumerable<ChargeSummary> summaries) =>
        string.Join(", ", summaries.Select(s => $"{s.Symbol} ×{s.Count} mean {Signed(s.Mean)} ({Signed(s.Min)} to {Signed(s.Max)})"));

    private static string Signed(double q)
    {
        var text = Numbers.Fixed(q, 4);
        return text.StartsWith('-') ? text : "+" + text;
    }
}
