using System.Collections.Immutable;
using Latent.Symbolic.Kernels;
using Latent.Symbolic.PotentialFile;

namespace Latent.Generators;

/// <summary>The generator's parser: potential-file text to a <see cref="PotentialModel"/>.</summary>
internal static class PotentialModelBuilder
{
    public static PotentialModel Build(string path, string text, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var hash = SourceHash.ofText(text);
        var built = KernelPipeline.fromText(text);
        cancellationToken.ThrowIfCancellationRequested();
        if (built.IsError)
            return Failed(path, text, hash, built.ErrorValue);
        return new PotentialModel(path, hash, built.ResultValue, new EquatableArray<DiagnosticInfo>(ImmutableArray<DiagnosticInfo>.Empty));
    }

    private static PotentialModel Failed(string path, string text, string hash, IEnumerable<PotentialError> errors)
    {
        var diagnostics = errors
            .Select(e => new DiagnosticInfo(e.Code, e.Message, path, e.Position.Line, e.Position.Column, Offset(text, e.Position.Line, e.Position.Column)))
            .ToImmutableArray();
        return new PotentialModel(path, hash, null, new EquatableArray<DiagnosticInfo>(diagnostics));
    }

    private static int Offset(string text, int line, int column)
    {
        var offset = 0;
        for (var l = 1; l < line && offset < text.Length; l++)
        {
            var next = text.IndexOf('\n', offset);
            if (next < 0)
                return text.Length;
            offset = next + 1;
        }
        return Math.Min(text.Length, offset + Math.Max(0, column - 1));
    }
}
