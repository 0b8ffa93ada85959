using Latent.Symbolic.Kernels;
using Latent.Symbolic.PotentialFile;
using SlProgram = Latent.Symbolic.StraightLine.Program;

namespace Latent.Runtime.Verification;

/// <summary>
/// The potential's kernel programs rebuilt with one fitted parameter moved by ±h/2^i, the steps of a
/// Richardson difference in that parameter: what a generated parameter gradient is checked against.
/// Built once per parameter (a rebuild runs the whole symbolic pipeline) and only when first asked for.
/// </summary>
internal sealed class ShiftedPotentials
{
    private readonly Potential potential;
    private readonly Dictionary<string, (double Step, KernelSet[] Plus, KernelSet[] Minus)> built = new(StringComparer.Ordinal);

    public ShiftedPotentials(Potential potential)
    {
        this.potential = potential;
    }

    /// <summary>The first step for a parameter: a thousandth of its value (or 10⁻³ for a zero one).</summary>
    public double Step(string parameter) => Shifted(parameter).Step;

    /// <summary>The value program of a pair (or embedding) with the parameter moved by sign·h/2^level.</summary>
    public SlProgram Program(string parameter, bool isPair, int index, int level, int sign)
    {
        var (_, plus, minus) = Shifted(parameter);
        var set = sign > 0 ? plus[level] : minus[level];
        return isPair ? set.Pairs[index].Program : set.Embeddings[index].Program;
    }

    private (double Step, KernelSet[] Plus, KernelSet[] Minus) Shifted(string parameter)
    {
        lock (built)
        {
            if (built.TryGetValue(parameter, out var found))
                return found;
            var value = potential.Parameters.First(p => p.Name == parameter).Value;
            var step = value == 0 ? 1e-3 : 1e-3 * Math.Abs(value);
            KernelSet Build(double v)
            {
                var result = KernelSetModule.build(KernelSetModule.withParameter(parameter, v, potential));
                return result.IsOk
                    ? result.ResultValue
                    : throw new InvalidOperationException($"the kernels do not build with {parameter} = {v}: {string.Join("; ", result.ErrorValue.Select(e => e.Message))}");
            }
            var levels = Enumerable.Range(0, RichardsonDifference.Levels).ToArray();
            var plus = levels.Select(i => Build(value + RichardsonDifference.StepAt(step, i))).ToArray();
            var minus = levels.Select(i => Build(value - RichardsonDifference.StepAt(step, i))).ToArray();
            built[parameter] = (step, plus, minus);
            return built[parameter];
        }
    }
}
