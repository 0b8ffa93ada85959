using System.Globalization;

namespace Latent.Runtime.Structures.ExtendedXyz;

/// <summary>Culture-invariant number text: round-trip on the way out, Python's spellings accepted on the way in.</summary>
internal static class XyzNumbers
{
    /// <summary>Shortest text that parses back to the same bits ("R" is exact since .NET Core 3.0).</summary>
    internal static string Real(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// A real in an info value: like <see cref="Real"/> but never looking like an integer, because an info
    /// value's type is inferred from its text and "1" would come back as int.
    /// </summary>
    internal static string InfoReal(double x)
    {
        var s = Real(x);
        return s.All(c => char.IsAsciiDigit(c) || c == '-') ? s + ".0" : s;
    }

    internal static string Integer(int x) => x.ToString(CultureInfo.InvariantCulture);

    internal static bool TryParseReal(string s, out double value)
    {
        // Python writes nan, inf and -inf; .NET writes NaN, Infinity and -Infinity.
        var body = s.Length > 0 && (s[0] == '-' || s[0] == '+') ? s[1..] : s;
        var negative = s.StartsWith('-');
        if (body.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return true;
        }

        if (body.Equals("inf", StringComparison.OrdinalIgnoreCase) || body.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }

        // Float allows surrounding whitespace; fields never carry any, so a stray one is not at issue.
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    internal static bool TryParseInteger(string s, out int value) =>
        int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    /// <summary>T/F as ASE writes them; True/False as ASE also reads in columns and pbc.</summary>
    internal static bool TryParseLogical(string s, out bool value)
    {
        switch (s)
        {
            case "T" or "True" or "true":
                value = true;
                return true;
            case "F" or "False" or "false":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }
}
