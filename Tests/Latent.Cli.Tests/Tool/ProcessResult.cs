namespace Latent.Cli.Tests.Tool;

/// <summary>What a run of a separate process gave.</summary>
public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr);
