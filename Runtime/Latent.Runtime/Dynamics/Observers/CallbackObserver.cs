namespace Latent.Runtime.Dynamics.Observers;

/// <summary>An observer that calls a function, as ASE attaches a plain function: a progress report or a probe in a few characters.</summary>
/// <typeparam name="TStep">The step record of the run: <see cref="MdStep"/> or <see cref="RelaxStep"/>.</typeparam>
public sealed class CallbackObserver<TStep> : IDynamicsObserver<TStep>
{
    private readonly Action<TStep, DynamicsState> callback;

    /// <summary>Calls <paramref name="callback"/> with each step it is due at.</summary>
    public CallbackObserver(Action<TStep, DynamicsState> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        this.callback = callback;
    }

    /// <inheritdoc/>
    public void Observe(TStep step, DynamicsState state) => callback(step, state);
}
