using System.Collections;

namespace Latent.Runtime.Structures.ExtendedXyz;

/// <summary>
/// The extra per-atom columns of a frame, by name, in the order they are written. Every column covers
/// exactly the frame's atoms; species, positions and masses live in the <see cref="Structure"/> instead.
/// </summary>
public sealed class XyzColumns : IReadOnlyCollection<KeyValuePair<string, XyzColumn>>
{
    private readonly OrderedDictionary<string, XyzColumn> columns = new(StringComparer.Ordinal);

    /// <summary>An empty set of columns for frames of <paramref name="atomCount"/> atoms.</summary>
    public XyzColumns(int atomCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(atomCount);
        AtomCount = atomCount;
    }

    /// <summary>Number of atoms each column must cover.</summary>
    public int AtomCount { get; }

    /// <summary>Number of columns.</summary>
    public int Count => columns.Count;

    /// <summary>Column names in order.</summary>
    public IEnumerable<string> Names => columns.Keys;

    /// <summary>The column of a name; setting adds it at the end or replaces it in place.</summary>
    /// <exception cref="ArgumentException">The name is reserved or unwritable, or the column covers another number of atoms.</exception>
    public XyzColumn this[string name]
    {
        get => columns.TryGetValue(name, out var c) ? c : throw new KeyNotFoundException($"no per-atom column '{name}'");
        set
        {
            XyzNames.CheckColumnName(name);
            ArgumentNullException.ThrowIfNull(value);
            if (value.Rows != AtomCount)
                throw new ArgumentException($"column '{name}' has {value.Rows} rows for {AtomCount} atoms", nameof(value));
            columns[name] = value;
        }
    }

    /// <summary>Whether a column of that name exists.</summary>
    public bool Contains(string name) => columns.ContainsKey(name);

    /// <summary>The column of a name, if present.</summary>
    public bool TryGet(string name, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out XyzColumn column) =>
        columns.TryGetValue(name, out column);

    /// <summary>Removes a column; false if there was none.</summary>
    public bool Remove(string name) => columns.Remove(name);

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, XyzColumn>> GetEnumerator() => columns.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
