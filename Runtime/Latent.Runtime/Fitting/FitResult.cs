using Latent.Runtime.Fitting.Targets;
using Latent.Symbolic.Constraints;

namespace Latent.Runtime.Fitting;

/// <summary>What a fit found.</summary>
/// <param name="Parameters">Names of the fitted parameters.</param>
/// <param name="Start">Their values in the file.</param>
/// <param name="Best">Their fitted values.</param>
/// <param name="Final">Everything at the fitted values.</param>
/// <param name="Initial">Everything at the file's values.</param>
/// <param name="Converged">True when Levenberg–Marquardt stopped on a tolerance, not on its iteration limit.</param>
/// <param name="ExitReason">Why it stopped, in words.</param>
/// <param name="Iterations">Levenberg–Marquardt iterations of the winning start.</param>
/// <param name="Evaluations">Parameter sets evaluated, over all starts.</param>
/// <param name="Rejections">Steps rejected because they broke an exact condition or left a target unmeasurable: why, each.</param>
/// <param name="Constraints">The exact conditions at the fitted values (all hold, or the fit is refused).</param>
/// <param name="Method">How the Jacobian was obtained.</param>
/// <param name="StartIndex">Which start won (1-based).</param>
public sealed record FitResult(
    IReadOnlyList<string> Parameters,
    IReadOnlyList<double> Start,
    IReadOnlyList<double> Best,
    FitPoint Final,
    FitPoint Initial,
    bool Converged,
    string ExitReason,
    int Iterations,
    int Evaluations,
    IReadOnlyList<string> Rejections,
    IReadOnlyList<ConstraintResult> Constraints,
    GradientMethod Method,
    int StartIndex)
{
    /// <summary>Targets with a tolerance that the fitted values miss.</summary>
    public IEnumerable<(FitTarget Target, double Deviation)> Missed(TargetsFile targets) =>
        targets.Targets.Select((t, i) => (t, Deviation(t, Final.Values[i])))
            .Where(x => x.t.Tolerance is { } tol && x.Item2 > tol);

    /// <summary>The largest |value − target| of a target's numbers (canonical unit).</summary>
    public static double Deviation(FitTarget target, IReadOnlyList<double> values) =>
        target.Values.Select((v, k) => Math.Abs(values[k] - v)).Max();
}
