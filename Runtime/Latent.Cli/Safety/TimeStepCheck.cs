using Latent.Cli.Output;
using Latent.Runtime.Dynamics.Watchdog;

namespace Latent.Cli.Safety;

/// <summary>
/// Whether a time step resolves the fastest vibration: each pair's dimer period 2π√(μ/k) (curvature k at
/// the dimer minimum, reduced mass μ) must span at least --steps-per-period steps. Velocity Verlet turns
/// unstable at period/π; ten steps per period keep the energy error of a step to about 1%.
/// </summary>
public static class TimeStepCheck
{
    /// <summary>Steps per fastest period below which the step is refused (or warned about).</summary>
    public const int DefaultStepsPerPeriod = 10;

    /// <summary>Refuses, warns or stays quiet as <paramref name="policy"/> (refuse, warn, off) says.</summary>
    /// <exception cref="UserError">The step is too long and the policy is refuse, or a steps-per-period below 1.</exception>
    public static void Check(double dt, IEnumerable<PairScale> scales, int stepsPerPeriod, string policy, TextWriter stderr)
    {
        if (stepsPerPeriod < 1)
        {
            throw new UserError($"--steps-per-period must be 1 or more (got {stepsPerPeriod})");
        }

        if (policy == "off")
        {
            return;
        }

        var fastest = scales.Where(s => s.Period is not null).MinBy(s => s.Period!.Value);
        if (fastest is null || dt <= fastest.Period!.Value / stepsPerPeriod)
        {
            return;
        }

        var limit = fastest.Period.Value / stepsPerPeriod;
        var message = $"--dt {Numbers.Format(dt)} fs is too long: the {fastest.Name} dimer vibrates with a period of {Numbers.Short(fastest.Period.Value, 3)} fs "
            + $"(curvature {Numbers.Short(fastest.Curvature!.Value, 3)} eV/Å² at {Numbers.Short(fastest.MinimumDistance!.Value, 3)} Å, reduced mass {Numbers.Short(fastest.ReducedMass, 4)} amu), "
            + $"and --steps-per-period {stepsPerPeriod} allows at most {Numbers.Short(limit, 3)} fs";
        if (policy == "warn")
        {
            stderr.WriteLine($"latent: warning: {message}; running anyway (--dt-check warn)");
            return;
        }

        throw new UserError(message + " (--dt-check warn runs it anyway)");
    }
}
