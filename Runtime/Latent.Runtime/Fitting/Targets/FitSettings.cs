namespace Latent.Runtime.Fitting.Targets;

/// <summary>How a fit runs (the targets file's <c>[fit]</c> table).</summary>
/// <param name="MaxIterations">Levenberg–Marquardt iterations before the fit is declared not converged.</param>
/// <param name="Starts">Starting points: the file's values, then <c>Starts − 1</c> drawn around them (seeded); the lowest cost wins.</param>
/// <param name="Seed">Seed of the extra starting points: the same seed gives the same fit.</param>
/// <param name="Spread">Relative half-width of the box extra starts are drawn from (0.2 = ±20 %).</param>
/// <param name="Gradients">How the Jacobian is obtained.</param>
/// <param name="StepTolerance">Converged when a step changes no (scaled) parameter by more than this.</param>
/// <param name="CostTolerance">Converged when the cost falls below this, or a step lowers it by less than this relatively.</param>
/// <param name="AllowBroken">
/// Exact conditions the potential may break at the start and after the fit (<c>allow_broken</c>): for a baseline that
/// breaks them by design, such as a continuous-charge model and PPLB. Every other condition must hold throughout.
/// </param>
public sealed record FitSettings(
    int MaxIterations = 100,
    int Starts = 1,
    int Seed = 1,
    double Spread = 0.2,
    GradientMethod Gradients = GradientMethod.Analytic,
    double StepTolerance = 1e-10,
    double CostTolerance = 1e-14,
    IReadOnlyList<AllowedBreak>? AllowBroken = null)
{
    /// <summary>Whether <see cref="AllowBroken"/> names the condition <paramref name="name"/>.</summary>
    // Computed, not stored: a record's `with` copies stored values, so a stored set would keep the old list.
    public bool AllowsBroken(string name) => AllowBroken?.Any(a => a.Name == name) ?? false;
}

/// <summary>An exact condition the targets file allows the potential to break, and the line that says so.</summary>
public sealed record AllowedBreak(string Name, int Line);

/// <summary>How the Jacobian of the residuals is obtained.</summary>
public enum GradientMethod
{
    /// <summary>Exactly, from the parameter-gradient kernels and the implicit-function theorem (the default).</summary>
    Analytic,

    /// <summary>By central differences of every residual in every parameter (a check, or a fallback the output names).</summary>
    CentralDifferences,
}
