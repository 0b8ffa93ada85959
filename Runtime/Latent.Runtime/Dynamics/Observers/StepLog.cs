namespace Latent.Runtime.Dynamics.Observers;

/// <summary>
/// Keeps the step records it is shown, in order: the thermo log of <see cref="MolecularDynamics.Run"/>
/// (<see cref="MdResult.Thermo"/>) is one, attached every <see cref="MdOptions.ThermoEvery"/> steps.
/// </summary>
/// <typeparam name="TStep">The step record of the run: <see cref="MdStep"/> or <see cref="RelaxStep"/>.</typeparam>
public sealed class StepLog<TStep> : IDynamicsObserver<TStep>
{
    private readonly List<TStep> steps = [];

    /// <summary>The records so far.</summary>
    public IReadOnlyList<TStep> Steps => steps;

    /// <inheritdoc/>
    public void Observe(TStep step, DynamicsState state) => steps.Add(step);
}
