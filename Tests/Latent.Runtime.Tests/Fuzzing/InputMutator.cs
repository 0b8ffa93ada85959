using System.Text;

namespace Latent.Runtime.Tests.Fuzzing;

/// <summary>
/// Seeded, repeatable mutations of text inputs, of the kinds that break readers: spans deleted, duplicated or
/// moved; text cut short; lines repeated; characters and fragments inserted that mean something to one of the
/// formats (brackets, quotes, keys, extreme or non-finite numbers, control and non-ASCII characters); numbers
/// replaced by extreme ones. The same seed gives the same inputs, so a failure names a replayable case.
/// </summary>
internal sealed class InputMutator(int seed)
{
    private static readonly string[] Fragments =
    [
        "0", "-0", "1e308", "-1e308", "1e309", "1e-320", "NaN", "nan", "inf", "-inf", "Infinity", "99999999999999999999999",
        "0/0", "(x-x)/(x-x)", "(", ")", "[", "]", "{", "}", "\"", "'", "\"\"\"", "=", ",", ";", ":", "\n", "\r\n", "\r", "\t", " ",
        "#", "\\", "\0", "é", "Å", "ρ", "\u200b", "\uFFFD", "\U0001F600", "^", "**", "*", "/", "+", "-", "!", "sqrt(", "exp(", "log(",
        "select(", "erfc(", "r", "rho", "x", "[[", "]]", "[elements.X]", "[[elements.Na.states]]", "[pairs.Na-Cl]", "value = ",
        "unit = \"eV\"", "Properties=", "Lattice=\"", "pbc=\"T T T\"", "species:S:1", "pos:R:3", "forces:R:3", "charges:R:1",
        "T", "F", "1.5", "3", "-1", "100000000", "2147483648", "1e5", "Xx", "Na", "Cl", "Cu", "H",
    ];

    private readonly Random rng = new(seed);

    /// <summary>One to four mutations of the text.</summary>
    public string Mutate(string text)
    {
        var s = new StringBuilder(text);
        var operations = 1 + rng.Next(4);
        for (var k = 0; k < operations; k++)
            Apply(s);
        return s.ToString();
    }

    /// <summary>Up to <paramref name="length"/> tokens from the fragments and random characters, joined.</summary>
    public string Tokens(int length)
    {
        var s = new StringBuilder();
        for (var k = rng.Next(1, length + 1); k > 0; k--)
            s.Append(rng.Next(5) == 0 ? RandomCharacter() : Fragments[rng.Next(Fragments.Length)]);
        return s.ToString();
    }

    private void Apply(StringBuilder s)
    {
        var n = s.Length;
        switch (rng.Next(9))
        {
            case 0 when n > 0:
                var at = rng.Next(n);
                s.Remove(at, Math.Min(n - at, 1 + rng.Next(20)));
                break;
            case 1:
                s.Insert(rng.Next(n + 1), Fragments[rng.Next(Fragments.Length)]);
                break;
            case 2:
                s.Insert(rng.Next(n + 1), RandomCharacter());
                break;
            case 3 when n > 0:
                var from = rng.Next(n);
                var span = s.ToString(from, Math.Min(n - from, 1 + rng.Next(40)));
                s.Insert(rng.Next(n + 1), span);
                break;
            case 4 when n > 0:
                s.Length = rng.Next(n);
                break;
            case 5:
                ReplaceNumber(s);
                break;
            case 6:
                RepeatLine(s);
                break;
            case 7 when n > 1:
                var i = rng.Next(n);
                var j = rng.Next(n);
                (s[i], s[j]) = (s[j], s[i]);
                break;
            default:
                if (n > 0)
                    s[rng.Next(n)] = RandomCharacter()[0];
                break;
        }
    }

    private void ReplaceNumber(StringBuilder s)
    {
        var text = s.ToString();
        var start = text.IndexOfAny("0123456789".ToCharArray(), text.Length == 0 ? 0 : rng.Next(text.Length));
        if (start < 0)
            return;
        var end = start;
        while (end < text.Length && (char.IsDigit(text[end]) || text[end] is '.' or 'e' or 'E' or '-' or '+'))
            end++;
        s.Remove(start, end - start);
        s.Insert(start, Fragments[rng.Next(20)]);
    }

    private void RepeatLine(StringBuilder s)
    {
        var lines = s.ToString().Split('\n');
        var k = rng.Next(lines.Length);
        var copies = rng.Next(2) == 0 ? 2 : rng.Next(2, 200);
        var repeated = lines.Take(k).Concat(Enumerable.Repeat(lines[k], copies)).Concat(lines.Skip(k + 1));
        s.Clear().Append(string.Join('\n', repeated));
    }

    private string RandomCharacter() =>
        rng.Next(4) switch
        {
            0 => ((char)rng.Next(0, 32)).ToString(),
            1 => ((char)rng.Next(32, 127)).ToString(),
            2 => ((char)rng.Next(0x80, 0x3000)).ToString(),
            _ => char.ConvertFromUtf32(rng.Next(0x1F300, 0x1F600)),
        };
}
