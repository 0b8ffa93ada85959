namespace Latent.Runtime.Dynamics.Observers;

/// <summary>
/// Something told of the steps of a molecular-dynamics run (<typeparamref name="TStep"/> = <see cref="MdStep"/>)
/// or a relaxation (<see cref="RelaxStep"/>): a trajectory file, a log, a progress bar, a test's probe. It is
/// attached with an interval (<see cref="Attachment{TStep}"/>), as ASE's <c>dyn.attach(observer, interval)</c>,
/// and called synchronously on the run's thread while the structure is in the state of that step; the run
/// goes on when it returns. A new output format or measurement plugs in by implementing this.
/// </summary>
/// <typeparam name="TStep">The step record of the run: <see cref="MdStep"/> or <see cref="RelaxStep"/>.</typeparam>
public interface IDynamicsObserver<in TStep>
{
    /// <summary>Called at a step the observer is due at.</summary>
    /// <param name="step">The step's record (its number, energy, …).</param>
    /// <param name="state">The structure, the calculator and its evaluation as they are at this step; valid only during the call.</param>
    void Observe(TStep step, DynamicsState state);
}
