using System.Globalization;

namespace Latent.Runtime.Dynamics;

/// <summary>
/// The state of a thermostat's random stream (xoshiro256** words and the spare normal deviate), so a run
/// continued from a restart file draws the same noise as one that was never stopped. Its text form is six
/// hexadecimal words joined by ':', one token that no extended XYZ reader (ASE's included) takes for numbers.
/// </summary>
public readonly record struct RandomStreamState(ulong S0, ulong S1, ulong S2, ulong S3, ulong SpareBits, bool HasSpare)
{
    /// <summary>"s0:s1:s2:s3:spare:flag" in hexadecimal (the spare as its IEEE bits, the flag 0 or 1).</summary>
    public override string ToString() =>
        string.Join(':', new[] { S0, S1, S2, S3, SpareBits, HasSpare ? 1UL : 0UL }.Select(w => w.ToString("x16", CultureInfo.InvariantCulture)));

    /// <summary>Reads the text form of <see cref="ToString"/>.</summary>
    /// <exception cref="FormatException">Not six hexadecimal words, or a flag other than 0 or 1.</exception>
    public static RandomStreamState Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = text.Split(':');
        var values = new ulong[6];
        if (words.Length != 6 || !words.Select((w, i) => ulong.TryParse(w, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out values[i])).All(ok => ok) || values[5] > 1)
            throw new FormatException($"a random-stream state is six hexadecimal words joined by ':', the last 0 or 1; found '{text}'");
        return new(values[0], values[1], values[2], values[3], values[4], values[5] == 1);
    }
}
