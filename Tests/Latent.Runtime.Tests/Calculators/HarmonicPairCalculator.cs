using Latent.Runtime.Calculators;
using Latent.Runtime.Structures;

namespace Latent.Runtime.Tests.Calculators;

/// <summary>
/// A calculator that is not the ensemble engine: every pair of atoms of a cluster joined by a spring,
/// E = Σ_pairs ½k(r − r₀)², with no charges, weights or stress. It follows the cache rule of
/// <see cref="ICalculator"/> through <see cref="StructureSnapshot"/> and counts its computations, so tests
/// can see when it computes; dynamics driven by it show that they need only the interface.
/// </summary>
internal sealed class HarmonicPairCalculator(double k, double r0) : ICalculator
{
    private readonly StructureSnapshot computed = new();
    private readonly Buffers buffers = new();
    private CalculatedProperties? cached;

    /// <summary>How many times it has computed (not counting answers from the cache).</summary>
    public int Computations { get; private set; }

    public IReadOnlyList<string> ImplementedProperties { get; } =
        [CalculatorProperties.Energy, CalculatorProperties.FreeEnergy, CalculatorProperties.InternalEnergy, CalculatorProperties.Forces];

    public CalculatedProperties Calculate(Structure structure)
    {
        Evaluate(structure);
        return cached ??= new CalculatedProperties(buffers.FreeEnergy,
            Enumerable.Range(0, structure.Count).Select(i => new Vec3(buffers.X[i], buffers.Y[i], buffers.Z[i])).ToArray());
    }

    public IEvaluation Evaluate(Structure structure)
    {
        if (computed.Matches(structure))
            return buffers;
        if (structure.Cell.IsPeriodic)
            throw new ArgumentException("the harmonic pair calculator is for clusters", nameof(structure));

        computed.Clear();
        cached = null;
        var n = structure.Count;
        buffers.Size(n);
        var energy = 0.0;
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                var d = structure.Position(j) - structure.Position(i);
                var r = d.Length;
                energy += 0.5 * k * (r - r0) * (r - r0);
                // −∂E/∂r_i pulls i towards j when the spring is stretched.
                var f = k * (r - r0) / r * d;
                buffers.Add(i, f);
                buffers.Add(j, -f);
            }
        }

        buffers.FreeEnergy = energy;
        Computations++;
        computed.Take(structure);
        return buffers;
    }

    public void Reset()
    {
        computed.Clear();
        cached = null;
    }

    private sealed class Buffers : IEvaluation
    {
        public double[] X { get; private set; } = [];

        public double[] Y { get; private set; } = [];

        public double[] Z { get; private set; } = [];

        public double FreeEnergy { get; set; }

        public double InternalEnergy => FreeEnergy;

        ReadOnlySpan<double> IEvaluation.Fx => X;

        ReadOnlySpan<double> IEvaluation.Fy => Y;

        ReadOnlySpan<double> IEvaluation.Fz => Z;

        public ReadOnlySpan<double> Stress => default;

        public ReadOnlySpan<double> Charges => default;

        public int SolverIterations => 0;

        public void Size(int n)
        {
            if (X.Length != n)
                (X, Y, Z) = (new double[n], new double[n], new double[n]);
            Array.Clear(X);
            Array.Clear(Y);
            Array.Clear(Z);
        }

        public void Add(int i, Vec3 f) => (X[i], Y[i], Z[i]) = (X[i] + f.X, Y[i] + f.Y, Z[i] + f.Z);
    }
}
