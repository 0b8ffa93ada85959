using Latent.Runtime.Dynamics.Observers;
using Latent.Runtime.Dynamics.Watchdog;

namespace Latent.Runtime.Dynamics;

/// <summary>Settings of <see cref="Fire.Relax"/>.</summary>
public sealed record RelaxOptions
{
    /// <summary>Converged when every free atom's force is below this (eV/Å), and, with <see cref="RelaxCell"/>, every row of the cell's generalised force too.</summary>
    public double Fmax { get; init; } = 0.01;

    /// <summary>Most FIRE steps before giving up (Converged = false).</summary>
    public int MaxSteps { get; init; } = 1000;

    /// <summary>
    /// Also relax the cell (all three directions must be periodic), as ASE's <c>UnitCellFilter</c>: the
    /// deformation gradient is nine extra coordinates whose generalised force is −V·(σ + p·I), divided by
    /// <see cref="CellFactor"/>. It stays symmetric (no rotation) because the stress is symmetric.
    /// </summary>
    public bool RelaxCell { get; init; }

    /// <summary>Scale between cell and atomic coordinates; null for the number of atoms (ASE's default).</summary>
    public double? CellFactor { get; init; }

    /// <summary>External pressure p (eV/Å³) for <see cref="RelaxCell"/>: the cell relaxes to σ = −p·I. 1 GPa = 0.00624150907 eV/Å³.</summary>
    public double Pressure { get; init; }

    /// <summary>Indices of atoms that do not move (with <see cref="RelaxCell"/> they keep their fractional coordinates).</summary>
    public IReadOnlyList<int>? FixedAtoms { get; init; }

    /// <summary>FIRE's own parameters.</summary>
    public FireParameters Fire { get; init; } = new();

    /// <summary>
    /// Observers, each with its interval, called at the evaluations they are due at (step 0 is the starting
    /// structure; the last is the one the relaxation ends at): a trajectory (<see cref="TrajectoryObserver"/>),
    /// a progress report, anything implementing <see cref="IDynamicsObserver{TStep}"/> of <see cref="RelaxStep"/>.
    /// The relaxation does not dispose them.
    /// </summary>
    public IReadOnlyList<Attachment<RelaxStep>> Observers { get; init; } = [];

    /// <summary>
    /// Closest distances per element pair; null checks no contacts. Non-finite energies and forces always
    /// stop a relaxation (<see cref="RelaxResult.Stop"/>); the drift limit of <see cref="WatchdogOptions"/> does
    /// not apply, as FIRE conserves nothing.
    /// </summary>
    public ContactLimits? Contacts { get; init; }

    /// <summary>Stops at the next evaluation (a cancellation requested while observers see a step takes effect at the next one); the result says Cancelled.</summary>
    public CancellationToken Cancellation { get; init; }
}
