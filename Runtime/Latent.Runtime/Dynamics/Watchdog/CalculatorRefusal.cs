using Latent.Runtime.Calculators;
using Latent.Runtime.Engine.ChargeEquilibration;
using Latent.Runtime.Structures;

namespace Latent.Runtime.Dynamics.Watchdog;

/// <summary>
/// A calculation the calculator refuses on a step's new positions — a non-finite result (<see cref="NonFiniteResultException"/>),
/// atoms on top of each other (<see cref="AtomsTooCloseException"/>) or continuous charges without a minimum
/// (<see cref="ChargeEquilibrationException"/>) — taken as a stop of the same kind as the
/// watchdog's own, so that dynamics and relaxation still end on their last good state with their files written.
/// </summary>
internal static class CalculatorRefusal
{
    /// <summary>One integrator step; null when it went through.</summary>
    public static DynamicsStop? Step(Integrator integrator, MdSystem system, double dt, int step)
    {
        try
        {
            integrator.Step(system, dt);
            return null;
        }
        catch (Exception e) when (AsStop(e, step) is { } stop)
        {
            return stop;
        }
    }

    /// <summary>One evaluation; null (and the evaluation) when it went through.</summary>
    public static DynamicsStop? Evaluate(ICalculator calculator, Structure structure, int step, out IEvaluation? evaluation)
    {
        try
        {
            evaluation = calculator.Evaluate(structure);
            return null;
        }
        catch (Exception e) when (AsStop(e, step) is { } stop)
        {
            evaluation = null;
            return stop;
        }
    }

    private static DynamicsStop? AsStop(Exception e, int step) => e switch
    {
        NonFiniteResultException n => new DynamicsStop(StopReason.NonFinite, step, n.Atom is { } atom ? [atom] : [], $"step {step}: {n.Message}"),
        AtomsTooCloseException c => new DynamicsStop(StopReason.CloseContact, step, [c.First, c.Second], $"step {step}: {c.Message}"),
        ChargeEquilibrationException q => new DynamicsStop(StopReason.ChargeSolve, step, [], $"step {step}: {q.Message}"),
        _ => null,
    };
}
