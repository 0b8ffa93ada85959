using Latent.Cli.Bench.Lammps;

namespace Latent.Cli.Tests;

/// <summary>
/// Whether the tests that run LAMMPS can run. CI installs LAMMPS (.ci/run), so there a missing lmp fails
/// those tests; elsewhere they are skipped, with the reason shown.
/// </summary>
public static class LammpsRequirement
{
    /// <summary>True under CI (the CI environment variable is "true", as CI services set it).</summary>
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why a LAMMPS test is skipped here, or null when it runs (always null under CI).</summary>
    public static string? SkipReason => InCi || LammpsBench.Unavailable() is not { } reason ? null : $"{reason}; install LAMMPS (Debian: apt-get install lammps) to run this test";

    /// <summary>Fails the test, naming the reason, when lmp cannot run (reached only under CI, where nothing is skipped).</summary>
    public static void Require()
    {
        if (LammpsBench.Unavailable() is { } reason)
            Assert.Fail($"CI must have LAMMPS for this test: {reason} (.ci/run installs the Debian lammps package when lmp is missing)");
    }
}

/// <summary>A fact that needs LAMMPS: skipped with the reason outside CI when lmp is missing, failing under CI.</summary>
public sealed class LammpsFactAttribute : FactAttribute
{
    public LammpsFactAttribute()
    {
        if (LammpsRequirement.SkipReason is { } reason)
            Skip = reason;
    }
}

/// <summary>A theory that needs LAMMPS: skipped with the reason outside CI when lmp is missing, failing under CI.</summary>
public sealed class LammpsTheoryAttribute : TheoryAttribute
{
    public LammpsTheoryAttribute()
    {
        if (LammpsRequirement.SkipReason is { } reason)
            Skip = reason;
    }
}
