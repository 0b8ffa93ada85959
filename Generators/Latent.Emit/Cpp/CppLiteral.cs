using System.Globalization;
using System.Text;

namespace Latent.Emit.Cpp;

/// <summary>C++11 source text for numbers, strings and names: culture-invariant, round-trip and deterministic.</summary>
public static class CppLiteral
{
    // C++11 keywords and alternative tokens, plus names generated code must not shadow.
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "alignas", "alignof", "and", "and_eq", "asm", "auto", "bitand", "bitor", "bool", "break", "case",
        "catch", "char", "char16_t", "char32_t", "class", "compl", "const", "constexpr", "const_cast",
        "continue", "decltype", "default", "delete", "do", "double", "dynamic_cast", "else", "enum",
        "explicit", "export", "extern", "false", "float", "for", "friend", "goto", "if", "inline", "int",
        "long", "mutable", "namespace", "new", "noexcept", "not", "not_eq", "nullptr", "operator", "or",
        "or_eq", "private", "protected", "public", "register", "reinterpret_cast", "return", "short",
        "signed", "sizeof", "static", "static_assert", "static_cast", "struct", "switch", "template",
        "this", "thread_local", "throw", "true", "try", "typedef", "typeid", "typename", "union",
        "unsigned", "using", "virtual", "void", "volatile", "wchar_t", "while", "xor", "xor_eq",
        // Later standards' keywords, so code stays valid if a user compiles it as C++20.
        "char8_t", "concept", "consteval", "constinit", "co_await", "co_return", "co_yield", "requires",
        // Macros every C++ library may define.
        "NULL", "NAN", "INFINITY", "EOF", "assert", "errno",
    };

    /// <summary>
    /// A C++ expression of type double with exactly the value and sign of <paramref name="value"/>:
    /// the shortest round-trip digits with a '.' or an exponent (<c>2.0</c>, <c>-0.25</c>, <c>1E-300</c>,
    /// <c>-0.0</c>), which every conforming compiler rounds to the same double, and
    /// <c>std::numeric_limits&lt;double&gt;</c> members for the non-finite values (they need &lt;limits&gt;).
    /// Negative values start with '-': callers that place the text after another operator keep the tokens apart.
    /// </summary>
    public static string Double(double value)
    {
        if (double.IsNaN(value)) return "std::numeric_limits<double>::quiet_NaN()";
        if (double.IsPositiveInfinity(value)) return "std::numeric_limits<double>::infinity()";
        if (double.IsNegativeInfinity(value)) return "(-std::numeric_limits<double>::infinity())";
        // The digits are the C# literal's: both languages read a decimal literal as the nearest double.
        return CSharpLiteral.Double(value);
    }

    /// <summary>An int literal: decimal digits, '-' in front of a negative value, whatever the culture.</summary>
    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A bool literal.</summary>
    public static string Bool(bool value) => value ? "true" : "false";

    /// <summary>
    /// A narrow C++ string literal holding the UTF-8 bytes of <paramref name="value"/>: printable ASCII as
    /// is, quote and backslash escaped, every other byte as a three-digit octal escape (an octal escape
    /// never runs into a following digit, as a hex one would).
    /// </summary>
    public static string String(string value)
    {
        var sb = new StringBuilder(value.Length + 2);
        sb.Append('"');
        foreach (byte b in Encoding.UTF8.GetBytes(value))
        {
            if (b == (byte)'"') sb.Append("\\\"");
            else if (b == (byte)'\\') sb.Append("\\\\");
            // '?' escaped too: "??=" and friends are trigraphs before C++17.
            else if (b == (byte)'?') sb.Append("\\?");
            else if (b >= 0x20 && b < 0x7f) sb.Append((char)b);
            else sb.Append('\\').Append(Convert.ToString(b, 8).PadLeft(3, '0'));
        }
        return sb.Append('"').ToString();
    }

    /// <summary>
    /// True when <paramref name="name"/> is an ASCII C++ identifier that is neither a keyword nor
    /// reserved to the implementation (no "__", no leading '_' before an upper-case letter).
    /// </summary>
    public static bool IsIdentifier(string name)
    {
        if (name.Length == 0 || Keywords.Contains(name) || IsReserved(name)) return false;
        if (!IsStart(name[0])) return false;
        for (int i = 1; i < name.Length; i++)
            if (!IsPart(name[i])) return false;
        return true;
    }

    /// <summary>
    /// A valid C++ identifier for a name from a potential file, deterministic: ASCII letters, digits
    /// and '_' are kept, other ASCII characters become '_', non-ASCII ones <c>_uXXXX</c> (so ρ and σ
    /// stay distinct); a leading digit gets a '_' in front; runs of '_' shrink to one (a "__" is
    /// reserved); a keyword or a name reserved to the implementation gets a trailing '_' or a leading
    /// 'v'. Distinct names can map to one identifier: callers that need distinct ones resolve clashes.
    /// </summary>
    public static string Identifier(string name)
    {
        var builder = new StringBuilder(name.Length + 2);
        if (name.Length == 0 || (name[0] >= '0' && name[0] <= '9')) builder.Append('_');
        foreach (char c in name)
        {
            if (IsPart(c)) builder.Append(c);
            else if (c < 128) builder.Append('_');
            else builder.Append("_u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
        }
        string identifier = builder.ToString();
        while (identifier.Contains("__")) identifier = identifier.Replace("__", "_");
        if (IsReserved(identifier)) identifier = "v" + identifier;
        return Keywords.Contains(identifier) ? identifier + "_" : identifier;
    }

    private static bool IsReserved(string name) =>
        name.Contains("__") || (name.Length >= 2 && name[0] == '_' && name[1] >= 'A' && name[1] <= 'Z');

    private static bool IsStart(char c) => c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

    private static bool IsPart(char c) => IsStart(c) || (c >= '0' && c <= '9');
}
