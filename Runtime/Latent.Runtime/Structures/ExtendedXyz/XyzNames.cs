namespace Latent.Runtime.Structures.ExtendedXyz;

/// <summary>Which names may appear unquoted on the comment line: checked when set, so the writer never emits a line the reader would split differently.</summary>
internal static class XyzNames
{
    /// <summary>Keys the frame's structure owns: the cell and the column layout.</summary>
    internal static readonly string[] ReservedInfoKeys = ["Lattice", "Properties", "pbc"];

    /// <summary>Columns the structure owns: symbols, positions and masses.</summary>
    internal static readonly string[] ReservedColumns = ["species", "pos", "masses"];

    /// <summary>A character that would split, quote or escape a token on the comment line.</summary>
    internal static bool IsSpecial(char c) =>
        char.IsWhiteSpace(c) || c is '=' or '"' or '\'' or '{' or '}' or '[' or ']' or '\\' or ',';

    internal static void CheckInfoKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length == 0 || key.Any(IsSpecial))
            throw new ArgumentException($"info key '{key}' must be non-empty, without whitespace, quotes, brackets, commas, '=' or '\\'", nameof(key));
        if (ReservedInfoKeys.Contains(key))
            throw new ArgumentException($"info key '{key}' is written from the structure (its cell and columns), not from the info", nameof(key));
    }

    internal static void CheckColumnName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || name.Any(c => c == ':' || IsSpecial(c)))
            throw new ArgumentException($"column name '{name}' must be non-empty, without whitespace, ':', quotes, brackets, commas, '=' or '\\'", nameof(name));
        if (ReservedColumns.Contains(name))
            throw new ArgumentException($"column '{name}' is written from the structure (symbols, positions, masses), not from the columns", nameof(name));
    }
}
