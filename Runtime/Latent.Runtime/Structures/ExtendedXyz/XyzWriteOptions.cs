namespace Latent.Runtime.Structures.ExtendedXyz;

/// <summary>How frames are written.</summary>
public sealed record XyzWriteOptions
{
    /// <summary>The defaults: masses when they differ from the table, every extra column in the frame's order.</summary>
    public static XyzWriteOptions Default { get; } = new();

    /// <summary>When to write a masses column.</summary>
    public XyzMassColumn Masses { get; init; } = XyzMassColumn.Auto;

    /// <summary>
    /// The extra per-atom columns to write, in this order; null writes all of the frame's columns in
    /// their order. A name the frame lacks is an error.
    /// </summary>
    public IReadOnlyList<string>? Columns { get; init; }
}
