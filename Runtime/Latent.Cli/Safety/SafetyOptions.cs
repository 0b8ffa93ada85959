using System.CommandLine;

namespace Latent.Cli.Safety;

/// <summary>The watchdog options <c>md</c> and <c>relax</c> share, defined once so they read the same.</summary>
public static class SafetyOptions
{
    /// <summary>The default fraction: a pair stops a run at three quarters of the distance where its dimer is 10 eV above its minimum.</summary>
    public const double DefaultContactFraction = 0.75;

    public static Option<double> ContactFraction() => new("--contact-fraction")
    {
        Description = "Stop (or refuse to start) when two atoms come closer than this fraction of their pair's smallest sensible distance, "
            + "where the pair's dimer lies 10 eV above its minimum (0: never).",
        DefaultValueFactory = _ => DefaultContactFraction,
    };
}
