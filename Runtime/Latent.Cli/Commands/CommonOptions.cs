using System.CommandLine;

namespace Latent.Cli.Commands;

/// <summary>Options and arguments that several commands share, defined once so they read the same everywhere.</summary>
public static class CommonOptions
{
    public static Option<bool> Json() => new("--json")
    {
        Description = "Write the result as JSON (for scripts).",
    };

    /// <summary>For the commands that print a formula: the raw canonical form instead of the compact display form.</summary>
    public static Option<bool> Canonical() => new("--canonical")
    {
        Description = "Print the canonical form (as expressions are stored) instead of the compact display form "
            + "with common factors taken out and sums multiplied out where that is shorter.",
    };

    public static Argument<string> Formula() => new("formula")
    {
        Description = "A formula, or a program of statements separated by ';' or newlines: "
            + "'name = expr' definitions are substituted into later statements.",
    };
}
