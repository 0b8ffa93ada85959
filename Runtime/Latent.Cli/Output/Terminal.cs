namespace Latent.Cli.Output;

/// <summary>Whether a writer is the process's own console stream attached to a terminal. Tables
/// with box drawing and progress bars are for people at a terminal; pipes, files and tests get
/// plain text that scripts and diffs can rely on.</summary>
public static class Terminal
{
    public static bool IsStdout(TextWriter writer) =>
        ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected;

    public static bool IsStderr(TextWriter writer) =>
        ReferenceEquals(writer, Console.Error) && !Console.IsErrorRedirected;
}
