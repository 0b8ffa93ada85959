using System.Globalization;
using System.Text;

namespace Latent.Emit;

/// <summary>C# source text for numbers and names: culture-invariant, round-trip and deterministic.</summary>
public static class CSharpLiteral
{
    // Reserved keywords (C# specification §6.4.4) plus the undocumented ones the compiler also reserves.
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class",
        "const", "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event",
        "explicit", "extern", "false", "finally", "fixed", "float", "for", "foreach", "goto", "if",
        "implicit", "in", "int", "interface", "internal", "is", "lock", "long", "namespace", "new", "null",
        "object", "operator", "out", "override", "params", "private", "protected", "public", "readonly",
        "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc", "static", "string", "struct",
        "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort",
        "using", "virtual", "void", "volatile", "while", "__arglist", "__makeref", "__reftype", "__refvalue",
    };

    /// <summary>
    /// A C# expression of type double with exactly the value and sign of <paramref name="value"/>:
    /// the shortest round-trip digits, always with a '.' or an exponent so it is a double literal
    /// (<c>2.0</c>, <c>1.5</c>, <c>-0.25</c>, <c>1E-300</c>, <c>-0.0</c>), and <c>double.NaN</c>,
    /// <c>double.PositiveInfinity</c>, <c>double.NegativeInfinity</c> for the non-finite values.
    /// Negative values start with '-': callers that place the text after another operator must
    /// keep the tokens apart (the emitter parenthesises after unary minus).
    /// </summary>
    public static string Double(double value)
    {
        if (double.IsNaN(value)) return "double.NaN";
        if (double.IsPositiveInfinity(value)) return "double.PositiveInfinity";
        if (double.IsNegativeInfinity(value)) return "double.NegativeInfinity";
        // "R" prints 0.0 and -0.0 alike as "0" on some runtimes and "-0" on others: spell both out.
        if (value == 0.0) return BitConverter.DoubleToInt64Bits(value) < 0 ? "-0.0" : "0.0";
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        // .NET Framework's "R" does not always round-trip; G17 always does (it is just longer).
        if (BitConverter.DoubleToInt64Bits(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture))
            != BitConverter.DoubleToInt64Bits(value))
            text = value.ToString("G17", CultureInfo.InvariantCulture);
        if (text.IndexOf('.') < 0 && text.IndexOf('E') < 0) text += ".0";
        return text;
    }

    /// <summary>
    /// A C# expression of type int with the value of <paramref name="value"/>: its decimal digits, with
    /// '-' in front of a negative value, whatever the current culture (also for indices in generated names).
    /// </summary>
    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A regular C# string literal with every character that needs it escaped.</summary>
    public static string String(string value)
    {
        var sb = new System.Text.StringBuilder(value.Length + 2);
        sb.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (char.IsControl(c) || c == '\u2028' || c == '\u2029')
                        sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    else
                        sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    /// <summary>
    /// True when <paramref name="name"/> is an ASCII C# identifier (letters, digits, '_', not starting
    /// with a digit) that is not a reserved keyword: the names this class produces, minus the '@' form.
    /// </summary>
    public static bool IsIdentifier(string name)
    {
        if (name.Length == 0 || Keywords.Contains(name)) return false;
        if (!IsStart(name[0])) return false;
        for (int i = 1; i < name.Length; i++)
            if (!IsPart(name[i])) return false;
        return true;
    }

    /// <summary>
    /// A valid C# identifier for a name from a potential file (<c>f_Na_neutral</c> stays as it is).
    /// Deterministic: ASCII letters, digits and '_' are kept; other ASCII characters become '_';
    /// non-ASCII characters become <c>_uXXXX</c> (their UTF-16 code, so ρ and σ stay distinct);
    /// a leading digit gets a '_' in front; the empty name becomes <c>_</c>; a keyword gets the
    /// verbatim prefix <c>@</c>. Distinct names can map to one identifier (<c>a.b</c> and <c>a_b</c>):
    /// callers that need distinct identifiers resolve such clashes themselves.
    /// </summary>
    public static string Identifier(string name)
    {
        if (name.Length == 0) return "_";
        var builder = new StringBuilder(name.Length + 1);
        if (name[0] >= '0' && name[0] <= '9') builder.Append('_');
        foreach (char c in name)
        {
            if (IsPart(c)) builder.Append(c);
            else if (c < 128) builder.Append('_');
            else builder.Append("_u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
        }
        string identifier = builder.ToString();
        return Keywords.Contains(identifier) ? "@" + identifier : identifier;
    }

    private static bool IsStart(char c) => c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

    private static bool IsPart(char c) => IsStart(c) || (c >= '0' && c <= '9');
}
