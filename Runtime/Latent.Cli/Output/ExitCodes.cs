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
}
