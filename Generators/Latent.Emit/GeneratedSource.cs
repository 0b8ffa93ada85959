namespace Latent.Emit;

/// <summary>One generated C# file: the hint name a source generator adds it under, and its text.</summary>
public sealed class GeneratedSource : IEquatable<GeneratedSource>
{
    /// <summary>Creates a generated file.</summary>
    public GeneratedSource(string hintName, string text)
    {
        HintName = hintName;
        Text = text;
    }

    /// <summary>File name, e.g. <c>NaCl.Pair.Na-Cl.g.cs</c>: unique per potential, valid as a Roslyn hint name.</summary>
    public string HintName { get; }

    /// <summary>The C# text ('\n' line endings).</summary>
    public string Text { get; }

    /// <inheritdoc/>
    public bool Equals(GeneratedSource? other) => other is not null && HintName == other.HintName && Text == other.Text;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as GeneratedSource);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(HintName) * 31 + StringComparer.Ordinal.GetHashCode(Text);
}
