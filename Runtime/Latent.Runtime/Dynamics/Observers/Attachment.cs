namespace Latent.Runtime.Dynamics.Observers;

/// <summary>
/// An observer attached to a run with its interval: it is called at step 0, at every <see cref="Every"/>-th
/// step, and at the last step (however the run ends); with <see cref="Every"/> = 0 only at the first and
/// the last. Observers are called in the order they are attached.
/// </summary>
/// <typeparam name="TStep">The step record of the run: <see cref="MdStep"/> or <see cref="RelaxStep"/>.</typeparam>
public sealed class Attachment<TStep>
{
    /// <summary>Attaches <paramref name="observer"/> every <paramref name="every"/> steps.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative interval.</exception>
    public Attachment(IDynamicsObserver<TStep> observer, int every = 1)
    {
        ArgumentNullException.ThrowIfNull(observer);
        ArgumentOutOfRangeException.ThrowIfNegative(every);
        Observer = observer;
        Every = every;
    }

    /// <summary>The observer.</summary>
    public IDynamicsObserver<TStep> Observer { get; }

    /// <summary>The interval in steps (0: only the first and the last step).</summary>
    public int Every { get; }

    /// <summary>Whether the observer is due at <paramref name="step"/>, <paramref name="last"/> saying whether the run ends there.</summary>
    public bool IsDue(int step, bool last) => step == 0 || last || (Every > 0 && step % Every == 0);
}
