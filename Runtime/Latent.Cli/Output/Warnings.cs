using Latent.Runtime.Structures.ExtendedXyz;

namespace Latent.Cli.Output;

/// <summary>The CLI's warning lines: a run goes on, but the user should know.</summary>
public static class Warnings
{
    /// <summary>A torn final frame of a trajectory or restart file was dropped (file:line:column: why).</summary>
    public static void TornFrame(TextWriter stderr, XyzFormatException torn) =>
        stderr.WriteLine($"latent: warning: {torn.Message}");
}
