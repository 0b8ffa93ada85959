using System.Text;
using System.Text.Json;

namespace Latent.Runtime.Structures.ExtendedXyz;

/// <summary>One key=value pair of a comment line; <see cref="Value"/> is null for a bare key (which means true).</summary>
internal sealed record XyzEntry(string Key, int KeyColumn, string? Value, int ValueColumn);

/// <summary>
/// The comment (second) line of a frame, split and typed the way ASE does it: whitespace separates pairs,
/// "…", '…', {…} and […] delimit values with spaces, a backslash escapes the next character, spaces around
/// '=' are allowed, and values are typed from their text (all integers → int, all numbers → double, all
/// T/F → bool, one or several; otherwise a string).
/// </summary>
internal static class XyzCommentLine
{
    /// <summary>The items of a value ("1 2 3", "1,2,3"): split at whitespace and commas, as ASE's [^\s,]+ does.</summary>
    internal static string[] Items(string text)
    {
        var items = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var separator = i == text.Length || char.IsWhiteSpace(text[i]) || text[i] == ',';
            if (separator && start >= 0)
            {
                items.Add(text[start..i]);
                start = -1;
            }
            else if (!separator && start < 0)
            {
                start = i;
            }
        }

        return items.ToArray();
    }

    internal static List<XyzEntry> Split(string line, XyzLocation at)
    {
        var entries = new List<XyzEntry>();
        StringBuilder? key = null, value = null;
        int keyColumn = 0, valueColumn = 0, openColumn = 0;
        var valueStarted = false;
        var keyClosed = false; // a key ended by whitespace, which an '=' may still follow
        char? closing = null;
        var escaped = false;

        void Finish()
        {
            if (key!.Length == 0)
                throw at.Error(keyColumn, "empty key");
            entries.Add(new XyzEntry(key.ToString(), keyColumn, value?.ToString(), value is null ? 0 : valueColumn));
            key = value = null;
            valueStarted = keyClosed = false;
        }

        // Starts the key or value a character belongs to, at the column its content begins.
        void Begin(int column)
        {
            if (key is null)
            {
                key = new StringBuilder();
                keyColumn = column;
            }
            else if (value is not null && !valueStarted)
            {
                valueStarted = true;
                valueColumn = column;
            }
        }

        void Append(char c) => (value ?? key)!.Append(c);

        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            var column = i + 1;
            if (keyClosed && !char.IsWhiteSpace(c) && c != '=')
                Finish();
            if (escaped)
            {
                Append(c);
                escaped = false;
            }
            else if (c == '\\')
            {
                Begin(column);
                escaped = true;
            }
            else if (closing is not null)
            {
                if (c == closing)
                    closing = null;
                else
                    Append(c);
            }
            else if (c is '"' or '\'' or '{' or '[')
            {
                Begin(column + 1);
                closing = c switch { '{' => '}', '[' => ']', _ => c };
                openColumn = column;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (key is null)
                    continue;
                if (value is null)
                    keyClosed = true;
                else if (valueStarted)
                    Finish();
            }
            else if (c == '=' && (value is null || !valueStarted))
            {
                if (key is null)
                    throw at.Error(column, "'=' with no key before it");
                if (value is not null)
                {
                    // "a==b": the second '=' is part of the value.
                    Begin(column);
                    Append(c);
                    continue;
                }

                value = new StringBuilder();
                valueColumn = column + 1;
                keyClosed = false;
            }
            else
            {
                Begin(column);
                Append(c);
            }
        }

        if (closing is not null)
            throw at.Error(openColumn, $"{line[openColumn - 1]} is never closed by {closing}");
        if (key is not null)
            Finish();
        return entries;
    }

    /// <summary>The typed value of a pair as ASE infers it (uid stays text, as in ASE).</summary>
    internal static object Typed(string key, string? text)
    {
        if (text is null)
            return true;
        if (key == "uid")
            return text;
        if (text.StartsWith("_JSON ", StringComparison.Ordinal))
            return FromJson(text["_JSON ".Length..]) ?? text;
        var tokens = Items(text);
        return tokens.Length == 0 ? text : FromTokens(tokens, "T", "F") ?? text;
    }

    private static object? FromTokens(string[] tokens, string trueText, string falseText)
    {
        if (tokens.All(t => XyzNumbers.TryParseInteger(t, out _)))
        {
            var ints = Array.ConvertAll(tokens, t => { XyzNumbers.TryParseInteger(t, out var x); return x; });
            return ints.Length == 1 ? ints[0] : ints;
        }

        // An integer too large for int falls through to double, as ASE falls back to float on overflow.
        if (tokens.All(t => XyzNumbers.TryParseReal(t, out _)))
        {
            var reals = Array.ConvertAll(tokens, t => { XyzNumbers.TryParseReal(t, out var x); return x; });
            return reals.Length == 1 ? reals[0] : reals;
        }

        if (tokens.All(t => t == trueText || t == falseText))
        {
            var bools = Array.ConvertAll(tokens, t => t == trueText);
            return bools.Length == 1 ? bools[0] : bools;
        }

        return null;
    }

    /// <summary>ASE's escape hatch for values plain text cannot type: a JSON string, number, bool or flat list.</summary>
    private static object? FromJson(string json)
    {
        var t = json.Trim();
        if (t.StartsWith('"'))
        {
            try
            {
                return JsonSerializer.Deserialize<string>(t);
            }
            catch (JsonException)
            {
                return null;
            }
        }

        if (t.StartsWith('[') && t.EndsWith(']'))
        {
            var inner = t[1..^1];
            if (inner.IndexOfAny(['[', '{', '"']) >= 0)
                return null;
            var items = inner.Split(',', StringSplitOptions.TrimEntries);
            if (items.Any(x => x.Length == 0))
                return null;
            var typed = FromTokens(items, "true", "false");
            // A one-element list stays a list: that is why it was written as JSON.
            return typed switch
            {
                int i => new[] { i },
                double d => new[] { d },
                bool b => new[] { b },
                _ => typed,
            };
        }

        return FromTokens([t], "true", "false");
    }

    /// <summary>Text for an info value that <see cref="Split"/> and <see cref="Typed"/> turn back into the same value.</summary>
    internal static string Format(string key, object value)
    {
        var text = value switch
        {
            double d => XyzNumbers.InfoReal(d),
            int i => XyzNumbers.Integer(i),
            bool b => b ? "T" : "F",
            string s => StringText(key, s),
            double[] { Length: 1 } d => "_JSON [" + XyzNumbers.InfoReal(d[0]) + "]",
            int[] { Length: 1 } i => "_JSON [" + XyzNumbers.Integer(i[0]) + "]",
            bool[] { Length: 1 } b => "_JSON [" + (b[0] ? "true" : "false") + "]",
            double[] d => string.Join(' ', d.Select(XyzNumbers.InfoReal)),
            int[] i => string.Join(' ', i.Select(XyzNumbers.Integer)),
            bool[] b => string.Join(' ', b.Select(x => x ? "T" : "F")),
            _ => throw new ArgumentException($"info '{key}' has a value of type {value.GetType().Name}"),
        };
        return Quote(text);
    }

    private static string StringText(string key, string s)
    {
        // A string that reads back as a number, a bool or several values goes through JSON, and so does one
        // with nothing but spaces and commas: ASE reads that as an empty array, and an empty "" even swallows
        // the pair after it.
        var plain = Typed(key, s) is string same && same == s && Items(s).Length > 0;
        return plain ? s : "_JSON " + JsonSerializer.Serialize(s);
    }

    private static string Quote(string text)
    {
        if (text.Length > 0 && !text.Any(XyzNames.IsSpecial))
            return text;
        return "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
    }
}
