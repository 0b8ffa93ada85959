namespace Latent.Runtime.Structures.ExtendedXyz;

/// <summary>A frame's comment line, understood: cell, column layout and typed info.</summary>
internal sealed class Header
{
    private Header(Cell cell, IReadOnlyList<XyzProperty> properties, int propertiesColumn, List<KeyValuePair<string, object>> info)
    {
        Cell = cell;
        Properties = properties;
        PropertiesColumn = propertiesColumn;
        Info = info;
    }

    internal Cell Cell { get; }

    internal IReadOnlyList<XyzProperty> Properties { get; }

    /// <summary>Where errors about the column layout as a whole point (1 when there is no Properties).</summary>
    internal int PropertiesColumn { get; }

    internal List<KeyValuePair<string, object>> Info { get; }

    private static readonly string[] ExtendedMarkers = ["Properties=", "Lattice=", "pbc="];

    internal static Header Parse(string line, XyzLocation at)
    {
        // An extended header is held to the format; any other comment line is free text unless it happens
        // to be clean key=value pairs (energy=-3.2 step=4), which are then typed.
        var extended = ExtendedMarkers.Any(m => line.Contains(m, StringComparison.Ordinal));
        List<XyzEntry> entries;
        if (extended)
        {
            entries = XyzCommentLine.Split(line, at);
            CheckKeys(entries, at);
        }
        else if (!line.Contains('='))
        {
            return Plain(at, line);
        }
        else
        {
            try
            {
                entries = XyzCommentLine.Split(line, at);
                CheckKeys(entries, at);
            }
            catch (XyzFormatException)
            {
                return Plain(at, line);
            }
        }

        XyzEntry? lattice = null, pbc = null, properties = null;
        var info = new List<KeyValuePair<string, object>>();
        foreach (var e in entries)
        {
            switch (e.Key)
            {
                case "Lattice": lattice = e; break;
                case "pbc": pbc = e; break;
                case "Properties": properties = e; break;
                default: info.Add(new(e.Key, XyzCommentLine.Typed(e.Key, e.Value))); break;
            }
        }

        var props = properties is null
            ? XyzProperty.Plain
            : XyzProperty.Parse(properties.Value ?? "", properties.Value is null ? properties.KeyColumn : properties.ValueColumn, at);
        var flags = pbc is null ? null : Periodic(pbc, at);
        return new Header(MakeCell(lattice, pbc, flags, at), props, properties?.KeyColumn ?? 1, info);
    }

    private static Header Plain(XyzLocation at, string line)
    {
        var info = new List<KeyValuePair<string, object>>();
        var text = line.Trim();
        if (text.Length > 0)
            info.Add(new("comment", text));
        return new Header(Cell.None, XyzProperty.Plain, 1, info);
    }

    private static void CheckKeys(List<XyzEntry> entries, XyzLocation at)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in entries)
        {
            if (e.Key.Any(XyzNames.IsSpecial))
                throw at.Error(e.KeyColumn, $"key '{e.Key}' contains whitespace, a quote, a bracket, a comma or '='");
            if (!seen.Add(e.Key))
                throw at.Error(e.KeyColumn, $"key '{e.Key}' is given twice");
        }
    }

    private static bool[] Periodic(XyzEntry pbc, XyzLocation at)
    {
        var column = pbc.Value is null ? pbc.KeyColumn : pbc.ValueColumn;
        var tokens = XyzCommentLine.Items(pbc.Value ?? "T");
        var flags = new bool[tokens.Length];
        for (var i = 0; i < tokens.Length; i++)
        {
            if (!XyzNumbers.TryParseLogical(tokens[i], out flags[i]))
                throw at.Error(column, $"pbc must be three flags T or F, found '{pbc.Value}'");
        }

        return flags.Length switch
        {
            1 => [flags[0], flags[0], flags[0]],
            3 => flags,
            _ => throw at.Error(column, $"pbc must be three flags T or F, found '{pbc.Value}'"),
        };
    }

    private static Cell MakeCell(XyzEntry? lattice, XyzEntry? pbc, bool[]? flags, XyzLocation at)
    {
        if (lattice is null)
        {
            if (flags is not null && flags.Any(f => f))
                throw at.Error(pbc!.KeyColumn, "pbc makes the frame periodic, but it has no Lattice");
            return Cell.None;
        }

        var column = lattice.Value is null ? lattice.KeyColumn : lattice.ValueColumn;
        var tokens = XyzCommentLine.Items(lattice.Value ?? "");
        var v = new double[tokens.Length];
        if (tokens.Length != 9 || !tokens.Select((t, i) => XyzNumbers.TryParseReal(t, out v[i])).All(ok => ok))
            throw at.Error(column, $"Lattice must be nine numbers \"ax ay az bx by bz cx cy cz\", found '{lattice.Value}'");
        if (!v.All(double.IsFinite))
            throw at.Error(column, "Lattice must hold finite numbers");
        flags ??= [true, true, true];
        try
        {
            return new Cell(new Vec3(v[0], v[1], v[2]), new Vec3(v[3], v[4], v[5]), new Vec3(v[6], v[7], v[8]), flags[0], flags[1], flags[2]);
        }
        catch (ArgumentException e)
        {
            throw at.Error(column, "Lattice: " + e.Message);
        }
    }
}
