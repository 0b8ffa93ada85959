namespace Latent.Cli.Output;

/// <summary>The process exit codes of <c>latent</c>; scripts rely on them, so they never change meaning.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command ran correctly but did not reach its goal: a relaxation that did not converge in its steps.</summary>
    public const int NotConverged = 1;

    /// <summary><c>latent verify</c> found a property of the generated code that does not hold (same code as <see cref="NotConverged"/>: the goal was not reached).</summary>
    public const int PropertyFailed = 1;

    /// <summary><c>latent check</c>: the file is usable, but at least one constraint fails.</summary>
    public const int ConstraintFailed = 1;

    /// <summary>Something the user can fix: bad formula, bad option value, unknown option.</summary>
    public const int UserError = 2;

    /// <summary>A defect in latent itself.</summary>
    public const int InternalError = 3;

    /// <summary>
    /// <c>md</c> or <c>relax</c> stopped itself: the dynamics became unphysical (non-finite numbers, drift
    /// past --max-drift, atoms too close). Not 2, because the run did start and its files hold the steps up to
    /// the last good one; not 1, because no goal was merely missed.
    /// </summary>
    public const int DynamicsStopped = 4;

    /// <summary>Stopped by SIGINT (128 + 2, as shells report it); the last step and the restart state are written.</summary>
    public const int Interrupted = 130;

    /// <summary>Stopped by SIGTERM (128 + 15).</summary>
    public const int Terminated = 143;
}
