using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Latent.Symbolic.Components;
using Latent.Symbolic.Kernels;
using Latent.Symbolic.PotentialFile;

namespace Latent.Generators;

/// <summary>The generator's parser: potential-file text to a <see cref="PotentialModel"/>.</summary>
internal static class PotentialModelBuilder
{
    public static PotentialModel Build(string path, string text, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var hash = Sha256(text);
        var read = PotentialReader.readWith(FunctionLibrary.table(), text);
        if (read.IsError)
            return Failed(path, text, hash, read.ErrorValue);
        cancellationToken.ThrowIfCancellationRequested();
        var built = KernelSetModule.build(read.ResultValue);
        if (built.IsError)
            return Failed(path, text, hash, built.ErrorValue);
        return new PotentialModel(path, hash, built.ResultValue, new EquatableArray<DiagnosticInfo>(ImmutableArray<DiagnosticInfo>.Empty));
    }

    /// <summary>SHA-256 of the text as UTF-8, lower-case hex: the same value the runtime computes.</summary>
    public static string Sha256(string text)
    {
        using var sha = SHA256.Create();
        var bytes = sha.ComputeHash(Encoding.UTF8.GetBytes(text));
        var sb = new StringBuilder(bytes.Length * 2);
        foreach (var b in bytes)
            sb.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        return sb.ToString();
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
