using Latent.Cli.Output;

namespace Latent.Cli.Dimer;

/// <summary>The distances of a dissociation curve: from, from + step, … up to to (included when the
/// step lands on it). Each r is computed in decimal as from + k·step, so 2 + 7·0.05 is 2.35 exactly
/// as typed, not an accumulated 2.3500000000000005, and the same r comes out whatever the range.</summary>
public static class DistanceGrid
{
    /// <summary>More points than anyone plots; a typo such as --step 0.00001 fails at once instead of running for hours.</summary>
    public const int MaxPoints = 100_000;

    /// <summary>The shortest longest distance (Å) of the default range: far enough for the plateau of most pairs.</summary>
    public const double DefaultTo = 20;

    /// <summary>
    /// The default longest distance (Å): max(20, 1.25·R_c, cutoff + 1), rounded up to a whole Å. Past the ionic–covalent crossing R_c by a
    /// quarter, so the charge's switch-off (just inside R_c) and the neutral plateau beyond it are both on the curve,
    /// even for a potassium salt (R_c near 20 Å); and past the cutoff, so the far end is the separated atoms.
    /// </summary>
    public static double DefaultLongest(IonicCrossing? crossing, double cutoff) =>
        Math.Ceiling(Math.Max(DefaultTo, Math.Max(1.25 * (crossing?.Distance ?? 0), cutoff + 1)));

    /// <exception cref="UserError">A range or step that makes no curve.</exception>
    public static double[] Create(double from, double to, double step)
    {
        if (!double.IsFinite(from) || !double.IsFinite(to) || !double.IsFinite(step))
        {
            throw new UserError("--from, --to and --step must be finite numbers");
        }

        if (from <= 0)
        {
            throw new UserError($"--from must be a positive distance in Å (got {Numbers.Format(from)})");
        }

        if (from >= to)
        {
            throw new UserError($"--from ({Numbers.Format(from)} Å) must be less than --to ({Numbers.Format(to)} Å)");
        }

        if (step <= 0)
        {
            throw new UserError($"--step must be positive (got {Numbers.Format(step)})");
        }

        // Decimal keeps what was typed for any sensible distance; beyond its range the grid is absurd anyway.
        if (to > 1e9 || step < 1e-9)
        {
            throw new UserError($"--to must be at most 1e9 Å and --step at least 1e-9 Å");
        }

        var (f, t, s) = ((decimal)from, (decimal)to, (decimal)step);
        var intervals = decimal.Floor((t - f) / s);
        if (intervals + 1 > MaxPoints)
        {
            throw new UserError($"{intervals + 1} points from {Numbers.Format(from)} to {Numbers.Format(to)} Å in steps of {Numbers.Format(step)} Å: "
                + $"at most {MaxPoints} are allowed; use a larger --step");
        }

        var count = (int)intervals + 1;
        var grid = new double[count];
        for (var k = 0; k < count; k++)
        {
            grid[k] = (double)(f + k * s);
        }

        return grid;
    }
}
