using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Latent.Generators;

/// <summary>
/// A diagnostic as plain data (no Roslyn Location, which would defeat caching): the code, the message
/// and where in the potential file it points.
/// </summary>
internal sealed record DiagnosticInfo(string Code, string Message, string FilePath, int Line, int Column, int Offset)
{
    public Diagnostic ToDiagnostic()
    {
        var start = new LinePosition(Line - 1, Column - 1);
        var location = Location.Create(FilePath, new TextSpan(Offset, 0), new LinePositionSpan(start, start));
        return Diagnostic.Create(Diagnostics.For(Code), location, Message);
    }
}
