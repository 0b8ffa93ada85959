namespace Latent.Runtime.Engine.Solver;

/// <summary>
/// What a solve into caller-owned buffers gives besides the weights: a value, so the solver's hot path
/// allocates no report; <see cref="ToReport"/> makes the public record when one is asked for.
/// </summary>
/// <param name="Lambda">The chemical potential λ (eV/e).</param>
/// <param name="FreeEnergy">A at the weights (eV).</param>
/// <param name="Iterations">Iterations over all temperatures and starts.</param>
/// <param name="Residual">Final largest weight change.</param>
/// <param name="Temperatures">Temperatures the winning start went through.</param>
/// <param name="Start">Which start won.</param>
internal readonly record struct SolveOutcome(double Lambda, double FreeEnergy, int Iterations, double Residual, int Temperatures, string Start)
{
    /// <summary>The public report.</summary>
    public SolverReport ToReport() => new(Iterations, Residual, Lambda, Temperatures, Start);
}
