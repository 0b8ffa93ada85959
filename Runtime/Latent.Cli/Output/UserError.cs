namespace Latent.Cli.Output;

/// <summary>An error the user caused and can fix. Reported as one line (plus the offending input
/// line with a caret when a location is known) and exit code 2, never as a stack trace.</summary>
public sealed class UserError : Exception
{
    public UserError(string message, SourceLocation? location = null)
        : base(message)
    {
        Location = location;
    }

    public SourceLocation? Location { get; }
}
