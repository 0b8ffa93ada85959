using Latent.Runtime.Potentials;

namespace Latent.Cli.Output;

/// <summary>Reports a potential that could not be loaded: one line per problem in the
/// <c>file:line:column: CODE: message</c> form editors recognise, each with its source line and a caret.</summary>
public static class PotentialErrorReporter
{
    public static int Report(PotentialLoadException error, TextWriter stderr)
    {
        if (error.Diagnostics.Count == 0)
        {
            stderr.WriteLine($"latent: error: {error.Message}");
            return ExitCodes.UserError;
        }

        var lines = error.SourceText?.ReplaceLineEndings("\n").Split('\n');
        foreach (var d in error.Diagnostics)
        {
            stderr.WriteLine($"latent: error: {d}");
            if (lines is not null && d.Line >= 1 && d.Line <= lines.Length)
            {
                var line = lines[d.Line - 1];
                stderr.WriteLine("  " + line);
                var padding = new string(line.Take(Math.Clamp(d.Column - 1, 0, line.Length)).Select(c => c == '\t' ? '\t' : ' ').ToArray());
                stderr.WriteLine("  " + padding + "^");
            }
        }

        return ExitCodes.UserError;
    }
}
