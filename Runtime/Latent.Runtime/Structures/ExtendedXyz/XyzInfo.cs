using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Latent.Runtime.Structures.ExtendedXyz;

/// <summary>
/// The per-frame key=value pairs of the comment line (energy, stress, step, comment…), in the order they
/// are written. Values have parsed types: <see cref="double"/>, <see cref="int"/>, <see cref="bool"/>,
/// <see cref="string"/>, or non-empty <c>double[]</c>, <c>int[]</c>, <c>bool[]</c>. Lattice, Properties and
/// pbc are not info: they are the frame's cell and columns.
/// </summary>
public sealed class XyzInfo : IReadOnlyCollection<KeyValuePair<string, object>>
{
    private readonly OrderedDictionary<string, object> values = new(StringComparer.Ordinal);

    /// <summary>Number of keys.</summary>
    public int Count => values.Count;

    /// <summary>Keys in order.</summary>
    public IEnumerable<string> Keys => values.Keys;

    /// <summary>The value of a key; setting adds it at the end or replaces it in place.</summary>
    /// <exception cref="ArgumentException">The key is reserved or unwritable, or the value is of another type.</exception>
    public object this[string key]
    {
        get => values.TryGetValue(key, out var v) ? v : throw new KeyNotFoundException($"no info key '{key}'");
        set
        {
            XyzNames.CheckInfoKey(key);
            CheckValue(key, value);
            values[key] = value;
        }
    }

    /// <summary>Whether the key is present.</summary>
    public bool ContainsKey(string key) => values.ContainsKey(key);

    /// <summary>The value of a key, if present.</summary>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object value) => values.TryGetValue(key, out value);

    /// <summary>Removes a key; false if there was none.</summary>
    public bool Remove(string key) => values.Remove(key);

    /// <summary>A number (written as an integer or a real) as a double.</summary>
    public bool TryGetDouble(string key, out double value)
    {
        switch (values.GetValueOrDefault(key))
        {
            case double d: value = d; return true;
            case int i: value = i; return true;
            default: value = 0; return false;
        }
    }

    /// <summary>
    /// A symmetric 3×3 tensor (stress, virial) in Voigt order xx, yy, zz, yz, xz, xy, from the nine values
    /// ASE writes or from six Voigt values.
    /// </summary>
    public bool TryGetVoigt(string key, [NotNullWhen(true)] out double[]? voigt)
    {
        var v = values.GetValueOrDefault(key) switch
        {
            double[] d => d,
            int[] i => Array.ConvertAll(i, x => (double)x),
            _ => null,
        };
        voigt = v?.Length switch
        {
            6 => (double[])v.Clone(),
            // Nine values are the matrix flattened column by column (ASE); for a symmetric tensor rows or
            // columns give the same numbers.
            9 => [v[0], v[4], v[8], v[5], v[2], v[1]],
            _ => null,
        };
        return voigt is not null;
    }

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static void CheckValue(string key, object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var ok = value switch
        {
            double or int or bool => true,
            string s => s.All(c => c is not ('\n' or '\r')),
            double[] d => d.Length > 0,
            int[] i => i.Length > 0,
            bool[] b => b.Length > 0,
            _ => false,
        };
        if (!ok)
            throw new ArgumentException(
                $"info '{key}': a value must be a double, int, bool, one-line string, or a non-empty double[], int[] or bool[] (got {value.GetType().Name})",
                nameof(value));
    }
}
