using Latent.Runtime.Calculators;
using Latent.Runtime.Structures;

namespace Latent.Runtime.Tests.Calculators;

/// <summary>
/// Another calculator's results, except that from its <c>after</c>-th evaluation on the x force on one atom
/// is NaN: what a kernel evaluated outside its domain hands a run, for the watchdog to catch.
/// </summary>
internal sealed class PoisonedCalculator(ICalculator inner, int after, int atom) : ICalculator
{
    private readonly Poisoned view = new();
    private int evaluations;

    public IReadOnlyList<string> ImplementedProperties => inner.ImplementedProperties;

    public CalculatedProperties Calculate(Structure structure) => inner.Calculate(structure);

    public IEvaluation Evaluate(Structure structure)
    {
        var e = inner.Evaluate(structure);
        if (++evaluations < after)
            return e;
        view.Take(e, atom);
        return view;
    }

    public void Reset() => inner.Reset();

    private sealed class Poisoned : IEvaluation
    {
        private double[] x = [], y = [], z = [];

        public double FreeEnergy { get; private set; }

        public double InternalEnergy => FreeEnergy;

        public ReadOnlySpan<double> Fx => x;

        public ReadOnlySpan<double> Fy => y;

        public ReadOnlySpan<double> Fz => z;

        public ReadOnlySpan<double> Stress => default;

        public ReadOnlySpan<double> Charges => default;

        public int SolverIterations => 0;

        public void Take(IEvaluation e, int atom)
        {
            (x, y, z) = (e.Fx.ToArray(), e.Fy.ToArray(), e.Fz.ToArray());
            x[atom] = double.NaN;
            FreeEnergy = e.FreeEnergy;
        }
    }
}
