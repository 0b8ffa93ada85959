namespace Latent.Cli.Output;

/// <summary>Where in a user's text an error is: the text itself (to echo the line), an optional
/// source name such as a file name, and a 1-based line and column.</summary>
public sealed record SourceLocation(string Text, int Line, int Column, string? SourceName = null);
