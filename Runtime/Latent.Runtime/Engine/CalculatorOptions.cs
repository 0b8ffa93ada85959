using Latent.Runtime.Engine.Solver;

namespace Latent.Runtime.Engine;

/// <summary>Settings of an <see cref="EnsembleCalculator"/> or a <see cref="ChargeEquilibration.ChargeEquilibrationCalculator"/>.</summary>
public sealed record CalculatorOptions
{
    /// <summary>Electronic temperature θ (eV); null for the potential's own (a continuous-charge potential has none, and takes only null).</summary>
    public double? Temperature { get; init; }

    /// <summary>Total charge Q (default 0) or a fixed chemical potential λ.</summary>
    public ChargeCondition Charge { get; init; } = ChargeCondition.TotalCharge(0);

    /// <summary>
    /// Damping α (1/Å) of the damped shifted-force Coulomb sum used for periodic cells; null for the engine's own:
    /// 0.2 for the ensemble engine, 0.1 for continuous charges (docs/model.md §8: a quadratic E(q) needs the
    /// long-wavelength Coulomb energy that a larger α leaves out, or larger cells have no minimum).
    /// </summary>
    public double? CoulombDamping { get; init; }

    /// <summary>Cutoff (Å) of the damped shifted-force sum; null for max(12 Å, the potential's cutoff), or max(30 Å, the cutoff) for continuous charges.</summary>
    public double? CoulombCutoff { get; init; }

    /// <summary>Verlet skin of the neighbour lists (Å).</summary>
    public double Skin { get; init; } = 0.5;

    /// <summary>Latent-weight solver settings.</summary>
    public SolverOptions Solver { get; init; } = new();

    /// <summary>Charge-solve settings of a continuous-charge potential (docs/model.md §8).</summary>
    public ChargeEquilibration.ChargeEquilibrationOptions ChargeEquilibration { get; init; } = new();

    /// <summary>Most threads to use (null: all cores). Results do not depend on it.</summary>
    public int? Threads { get; init; }

    /// <summary>
    /// Run the step specialised to the potential (<see cref="StepPlan"/>: no weight solve for one state per
    /// element, no long-range sum when no state is charged). False runs the general step for every
    /// potential, for tests and comparisons; the results agree to round-off.
    /// </summary>
    public bool Specialised { get; init; } = true;

    /// <summary>Keep <see cref="EnsembleCalculator.Timings"/>: where each evaluation's time goes (for benchmarks).</summary>
    public bool MeasureTimings { get; init; }
}
