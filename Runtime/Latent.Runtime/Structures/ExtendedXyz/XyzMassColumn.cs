namespace Latent.Runtime.Structures.ExtendedXyz;

/// <summary>When the writer adds a <c>masses:R:1</c> column.</summary>
public enum XyzMassColumn
{
    /// <summary>Only when some mass differs from the atomic-data table's (or the element is not in it), as ASE writes masses only when they were set.</summary>
    Auto,

    /// <summary>Always.</summary>
    Always,

    /// <summary>Never; a reader takes masses from its element table.</summary>
    Never,
}
