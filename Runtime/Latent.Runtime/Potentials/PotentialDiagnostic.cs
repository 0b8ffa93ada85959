namespace Latent.Runtime.Potentials;

/// <summary>A problem with a potential file, located in it: what `latent` prints and tests inspect.</summary>
public sealed record PotentialDiagnostic(string File, int Line, int Column, string Code, string Message)
{
    /// <summary><c>file:line:column: CODE: message</c>, the form compilers and editors recognise.</summary>
    public override string ToString() => $"{File}:{Line}:{Column}: {Code}: {Message}";
}
