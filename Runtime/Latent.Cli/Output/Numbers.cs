using System.Globalization;

namespace Latent.Cli.Output;

/// <summary>Number text for humans and scripts: invariant culture, shortest round-trip form, so a
/// printed value reads back as the same double.</summary>
public static class Numbers
{
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A short form for explanatory text (the demo), where 17 digits would hide the point.</summary>
    public static string Short(double value, int significantDigits = 6) =>
        value.ToString("G" + significantDigits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>A fixed number of decimals, for table columns that line up on the point.</summary>
    public static string Fixed(double value, int decimals)
    {
        var text = value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        // A tiny negative value rounds to "-0.0000", which reads as a sign that means something.
        return text.StartsWith('-') && text.All(c => c is '-' or '0' or '.') ? text[1..] : text;
    }

    /// <summary>
    /// A fixed number of decimals with an explicit sign (+1.25, -0.40). A value that rounds to zero prints as
    /// +0.00: .NET's "+0.00;-0.00" would print a tiny negative value as "-+0.00".
    /// </summary>
    public static string Signed(double value, int decimals)
    {
        var rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        var text = Math.Abs(rounded).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return (rounded < 0 ? "-" : "+") + text;
    }
}
