namespace Latent.Runtime.Verification;

/// <summary>One output that disagrees with its reference at a case.</summary>
internal sealed record Mismatch(string Output, double Reference, double Generated);

/// <summary>
/// The outcome of one case: not judged (a difference that did not converge, e.g. at a kink, is no
/// evidence either way), judged and held, or judged and failed with the first mismatching output.
/// </summary>
internal readonly record struct Verdict(bool Judged, Mismatch? Failure)
{
    public static Verdict Held { get; } = new(true, null);

    public static Verdict NotJudged { get; } = new(false, null);

    public static Verdict Fails(string output, double reference, double generated) => new(true, new Mismatch(output, reference, generated));

    /// <summary>The first failure of several checks of one case; judged if any of them was.</summary>
    public static Verdict All(IEnumerable<Verdict> verdicts)
    {
        var judged = false;
        foreach (var v in verdicts)
        {
            if (v.Failure is not null)
                return v;
            judged |= v.Judged;
        }
        return judged ? Held : NotJudged;
    }

    /// <summary>Bitwise equality: the same operations in the same order must give the same double.</summary>
    public static Verdict Bitwise(string output, double reference, double generated) =>
        BitConverter.DoubleToInt64Bits(reference) == BitConverter.DoubleToInt64Bits(generated) ? Held : Fails(output, reference, generated);
}
