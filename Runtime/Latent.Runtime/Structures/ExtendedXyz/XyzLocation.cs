namespace Latent.Runtime.Structures.ExtendedXyz;

/// <summary>A line of a named source, so that helpers can raise errors that say where.</summary>
internal readonly record struct XyzLocation(string File, int Line)
{
    internal XyzFormatException Error(int column, string reason) => new(File, Line, column, reason);
}
