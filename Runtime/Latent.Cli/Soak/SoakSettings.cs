using Latent.Cli.Output;

namespace Latent.Cli.Soak;

/// <summary>
/// What <c>latent soak</c> runs: a rock-salt NaCl crystal under the shipped NaCl, brought to temperature by a
/// Langevin thermostat and then left to itself (NVE) for a long run, with the watchdog of <c>latent md</c> at
/// its defaults. Every value here is stated in the report, so a reader can run the same soak again.
/// </summary>
/// <param name="Repeat">Conventional cells (8 atoms each) along each axis.</param>
/// <param name="EquilibrateSteps">Langevin steps before the NVE run.</param>
/// <param name="Steps">NVE steps.</param>
/// <param name="Seed">Seed of the starting velocities and of the thermostat's noise.</param>
/// <param name="Threads">Threads the calculator may use.</param>
/// <param name="MaxDrift">The watchdog's drift limit (eV/atom; infinity: never), as <c>latent md --max-drift</c>.</param>
/// <param name="Quick">Whether <c>--quick</c> chose the sizes (a check that the soak runs, not figures to quote).</param>
internal sealed record SoakSettings(int Repeat, int EquilibrateSteps, int Steps, long Seed, int Threads, double MaxDrift, bool Quick)
{
    /// <summary>The shipped potential the soak runs.</summary>
    public const string Potential = "NaCl";

    /// <summary>Lattice constant of the crystal (Å), the shipped NaCl's measured one (as <c>latent bench</c> uses).</summary>
    public const double LatticeConstant = 5.64;

    /// <summary>Temperature of the starting velocities and of the thermostat (K).</summary>
    public const double Temperature = 1000;

    /// <summary>Langevin friction (1/fs): <c>latent md</c>'s default, a velocity relaxation time of 100 fs.</summary>
    public const double Friction = 0.01;

    /// <summary>Time step (fs).</summary>
    public const double TimeStep = 1;

    /// <summary>The defaults of a full soak (issue 11: 100 000 NVE steps of a 64-atom crystal at 1 000 K).</summary>
    public const int DefaultRepeat = 2, DefaultEquilibrate = 2000, DefaultSteps = 100_000;

    /// <summary>The defaults of <c>--quick</c>: one cell, a few seconds.</summary>
    public const int QuickRepeat = 1, QuickEquilibrate = 200, QuickSteps = 1000;

    /// <summary>Atoms in the crystal.</summary>
    public int Atoms => 8 * Repeat * Repeat * Repeat;

    /// <summary>The command that runs this soak again, every setting spelled out.</summary>
    public string CommandLine =>
        $"latent soak --repeat {Repeat} --equilibrate {EquilibrateSteps} --steps {Steps} --seed {Seed} --threads {Threads} --max-drift {(double.IsFinite(MaxDrift) ? Numbers.Format(MaxDrift) : "0")}";
}
