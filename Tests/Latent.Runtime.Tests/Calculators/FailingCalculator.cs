using Latent.Runtime.Calculators;
using Latent.Runtime.Structures;

namespace Latent.Runtime.Tests.Calculators;

/// <summary>
/// Passes evaluations through except the <paramref name="after"/>-th, which throws what a real calculator throws for a
/// result it refuses (<see cref="NonFiniteResultException"/>, <see cref="AtomsTooCloseException"/>): for the tests of
/// what dynamics make of such a refusal.
/// </summary>
internal sealed class FailingCalculator(ICalculator inner, int after, Func<Exception> failure) : ICalculator
{
    private int evaluations;

    public IReadOnlyList<string> ImplementedProperties => inner.ImplementedProperties;

    public CalculatedProperties Calculate(Structure structure) => inner.Calculate(structure);

    public IEvaluation Evaluate(Structure structure) =>
        ++evaluations != after ? inner.Evaluate(structure) : throw failure();

    public void Reset() => inner.Reset();
}
