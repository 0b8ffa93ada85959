namespace Latent.Runtime.Verification;

/// <summary>
/// Derivatives by central differences with Richardson extrapolation over four halvings of the step
/// (error O(h¹⁰) for a smooth function), judged against a generated derivative.
/// </summary>
internal static class RichardsonDifference
{
    /// <summary>Step halvings: central differences at h, h/2, …, h/2^(Levels−1).</summary>
    public const int Levels = 5;

    /// <summary>A generated derivative agrees when within this fraction of the reference…</summary>
    public const double Relative = 1e-8;

    /// <summary>…plus this fraction of |f|/h, the size rounding errors in f give a difference quotient.</summary>
    public const double Rounding = 1e-12;

    /// <summary>
    /// The extrapolated derivative from the central quotients at steps h/2^i (i = 0 … Levels−1), and
    /// the estimate one level coarser: where the two disagree the function is not smooth at this scale
    /// (a kink within reach, or rounding noise) and the point is not judged.
    /// </summary>
    public static (double Estimate, double Coarser) Extrapolate(Func<int, double> quotient)
    {
        var table = new double[Levels, Levels];
        for (var i = 0; i < Levels; i++)
        {
            table[i, 0] = quotient(i);
            for (var j = 1; j <= i; j++)
            {
                var factor = Math.Pow(4, j);
                table[i, j] = (factor * table[i, j - 1] - table[i - 1, j - 1]) / (factor - 1);
            }
        }
        return (table[Levels - 1, Levels - 1], table[Levels - 2, Levels - 2]);
    }

    /// <summary>Step of level <paramref name="level"/>.</summary>
    public static double StepAt(double step, int level) => step / (1 << level);

    /// <summary>…plus this fraction of the output's largest size over its range: the generated derivative's own rounding.</summary>
    public const double Floor = 1e-12;

    /// <summary>d<paramref name="f"/>/dx at <paramref name="x"/> judged against <paramref name="generated"/>.</summary>
    public static Verdict Judge(string output, Func<double, double> f, double x, double step, double generated, double scale) =>
        JudgeQuotients(output, i =>
        {
            var h = StepAt(step, i);
            return (f(x + h) - f(x - h)) / (2 * h);
        }, f(x), step, generated, scale);

    /// <summary>
    /// Judges <paramref name="generated"/> against the extrapolated <paramref name="quotient"/>s: not
    /// judged where the extrapolation has not converged; failed where they differ by more than
    /// <see cref="Relative"/> of the reference plus <see cref="Rounding"/>·|f|/step plus
    /// <see cref="Floor"/>·<paramref name="scale"/> (the largest size of the generated output over its range).
    /// </summary>
    public static Verdict JudgeQuotients(string output, Func<int, double> quotient, double value, double step, double generated, double scale)
    {
        var (estimate, coarser) = Extrapolate(quotient);
        if (!double.IsFinite(value) || !double.IsFinite(estimate) || !double.IsFinite(coarser))
            return Verdict.NotJudged;
        var tolerance = Relative * Math.Abs(estimate) + Rounding * Math.Abs(value) / step + Floor * scale;
        var spread = Math.Abs(estimate - coarser);
        if (spread > tolerance)
            return Verdict.NotJudged;
        return Math.Abs(generated - estimate) <= tolerance + spread ? Verdict.Held : Verdict.Fails(output, estimate, generated);
    }
}
