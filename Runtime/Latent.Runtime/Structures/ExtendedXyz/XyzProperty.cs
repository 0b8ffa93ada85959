namespace Latent.Runtime.Structures.ExtendedXyz;

/// <summary>One <c>name:type:count</c> triple of <c>Properties=</c>, with the column where its name starts.</summary>
internal sealed record XyzProperty(string Name, XyzColumnType Type, int Components, int Column)
{
    /// <summary>What ASE assumes when a frame has no Properties: a plain XYZ file.</summary>
    internal static IReadOnlyList<XyzProperty> Plain { get; } =
        [new("species", XyzColumnType.String, 1, 0), new("pos", XyzColumnType.Real, 3, 0)];

    /// <summary>The largest count a column may have.</summary>
    internal const int MaxComponents = 10_000;

    internal string Descriptor => $"{Name}:{XyzColumn.Letter(Type)}:{Components}";

    /// <summary>Parses the value of <c>Properties=</c> that starts at <paramref name="column"/>.</summary>
    internal static List<XyzProperty> Parse(string text, int column, XyzLocation at)
    {
        var fields = text.Split(':');
        var starts = new int[fields.Length];
        for (int i = 0, offset = 0; i < fields.Length; offset += fields[i].Length + 1, i++)
            starts[i] = column + offset;
        if (text.Length == 0 || fields.Length % 3 != 0)
            throw at.Error(column, $"Properties must be name:type:count triples, found {fields.Length} field{(fields.Length == 1 ? "" : "s")} in '{text}'");

        var result = new List<XyzProperty>();
        for (var i = 0; i < fields.Length; i += 3)
        {
            var (name, letter, count) = (fields[i], fields[i + 1], fields[i + 2]);
            if (name.Length == 0 || name.Any(XyzNames.IsSpecial))
                throw at.Error(starts[i], $"Properties has an invalid column name '{name}'");
            if (result.Any(p => p.Name == name))
                throw at.Error(starts[i], $"Properties names column '{name}' twice");
            var type = letter switch
            {
                "R" => XyzColumnType.Real,
                "I" => XyzColumnType.Integer,
                "S" => XyzColumnType.String,
                "L" => XyzColumnType.Logical,
                _ => throw at.Error(starts[i + 1], $"column '{name}' has type '{letter}'; the types are R, I, S and L"),
            };
            if (!XyzNumbers.TryParseInteger(count, out var components) || components < 1)
                throw at.Error(starts[i + 2], $"column '{name}' has count '{count}'; it must be a positive integer");
            // Per-atom tensors have at most 9 components; the bound keeps every field count an int.
            if (components > MaxComponents)
                throw at.Error(starts[i + 2], $"column '{name}' has count {components}; at most {MaxComponents} values per atom are read");
            result.Add(new XyzProperty(name, type, components, starts[i]));
        }

        return result;
    }
}
