using Latent.Runtime.Calculators;

namespace Latent.Runtime.Dynamics.Observers;

/// <summary>The observers attached to one run, with the state they are shown; held in an array so that notifying allocates nothing.</summary>
internal sealed class ObserverSet<TStep>
{
    private readonly Attachment<TStep>[] attachments;
    private readonly DynamicsState state;

    public ObserverSet(IEnumerable<Attachment<TStep>> attachments, DynamicsState state)
    {
        this.attachments = attachments.ToArray();
        foreach (var a in this.attachments)
            ArgumentNullException.ThrowIfNull(a, nameof(attachments));
        this.state = state;
    }

    /// <summary>Whether any observer is due at this step (so the step's record is worth making).</summary>
    public bool AnyDue(int step, bool last)
    {
        foreach (var a in attachments)
        {
            if (a.IsDue(step, last))
                return true;
        }

        return false;
    }

    /// <summary>The state shown, for the run to keep its extra values current.</summary>
    public DynamicsState State => state;

    /// <summary>Calls every observer due at this step, in attachment order, with the calculator's evaluation of the step.</summary>
    public void Notify(int step, bool last, TStep record, IEvaluation evaluation) => Notify(step, last, record, evaluation, onlyNewlyDue: false);

    /// <summary>
    /// Makes a step already observed as an ordinary one the last: calls only the observers due at a last
    /// step that were not due at it before, so each sees the step once (a run stopped by its watchdog ends
    /// on the step before the failed one).
    /// </summary>
    public void NotifyNowLast(int step, TStep record, IEvaluation evaluation) => Notify(step, true, record, evaluation, onlyNewlyDue: true);

    private void Notify(int step, bool last, TStep record, IEvaluation evaluation, bool onlyNewlyDue)
    {
        state.Evaluation = evaluation;
        state.IsLast = last;
        foreach (var a in attachments)
        {
            if (a.IsDue(step, last) && !(onlyNewlyDue && a.IsDue(step, false)))
                a.Observer.Observe(record, state);
        }
    }
}
