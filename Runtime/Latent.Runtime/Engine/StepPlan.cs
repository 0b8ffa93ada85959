using Latent.Runtime.Kernels;

namespace Latent.Runtime.Engine;

/// <summary>
/// Which work a potential's step needs, decided once when the calculator is made (issue: the step is
/// specialised to the potential it runs, as its kernels are). A potential whose every element has one
/// state has its weights fixed at 1: no weight solve, and the energy is a plain embedded-atom sum of the
/// fused pair kernels and the embedding (docs/model.md §1). A potential none of whose states carries a
/// charge has q_i = 0 for every atom at any weights: no long-range Coulomb sum and no long-range pair list.
/// </summary>
/// <param name="SolvesWeights">Some element has more than one state, so the weights are solved each step.</param>
/// <param name="HasCharges">Some state has a non-zero net charge, so the long-range Coulomb sum can be non-zero.</param>
public sealed record StepPlan(bool SolvesWeights, bool HasCharges)
{
    /// <summary>The plan for a potential.</summary>
    public static StepPlan For(PotentialKernels potential)
    {
        var solves = false;
        var charged = false;
        foreach (var element in potential.Elements)
        {
            solves |= element.States.Count > 1;
            foreach (var state in element.States)
                charged |= state.Charge != 0;
        }
        return new StepPlan(solves, charged);
    }

    /// <summary>The general step: weights solved and the long-range sum kept, whatever the potential (for tests and comparisons).</summary>
    public static StepPlan General { get; } = new(true, true);

    /// <summary>One line for reports: which step runs and what it leaves out.</summary>
    public string Describe() => (SolvesWeights, HasCharges) switch
    {
        (true, true) => "general step: weights solved, long-range Coulomb summed",
        (true, false) => "weights solved; no state is charged, so no long-range Coulomb sum",
        (false, true) => "one state per element: weights fixed, no solve; fixed charges, long-range Coulomb summed",
        (false, false) => "one neutral state per element: embedded-atom step, no solve and no Coulomb sum",
    };
}
