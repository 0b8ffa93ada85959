using Latent.Runtime.Engine;
using Latent.Runtime.Engine.Solver;
using Latent.Runtime.Fitting;
using Latent.Runtime.Kernels;
using Latent.Runtime.Potentials;
using Latent.Runtime.Structures;

namespace Latent.Runtime.Tests.Fitting;

/// <summary>
/// A potential file compiled at its fitted parameters' written values and at each parameter moved by ±h
/// (2P + 1 compiles, once per test class as its fixture), and the central differences (R(p + h) − R(p − h))/2h
/// of everything the engine reports for a structure: what every analytic parameter derivative is checked against.
/// The solver converges to 10⁻¹³, so the difference carries about 10⁻¹³/h of solver noise beside its O(h²) error.
/// </summary>
public abstract class ParameterDifferences
{
    /// <summary>Compiles <paramref name="nameOrPath"/> at its values and at each one moved by <paramref name="relativeStep"/> × max(|p|, 1).</summary>
    protected ParameterDifferences(string nameOrPath, double relativeStep = 1e-5)
    {
        File = new ParameterizedPotential(PotentialSource.Resolve(nameOrPath));
        Name = nameOrPath;
        var values = File.InitialValues.ToArray();
        Kernels = File.KernelsAt(values);
        var count = values.Length;
        Steps = new double[count];
        Plus = new PotentialKernels[count];
        Minus = new PotentialKernels[count];
        for (var p = 0; p < count; p++)
        {
            Steps[p] = relativeStep * Math.Max(Math.Abs(values[p]), 1);
            Plus[p] = File.KernelsAt(Moved(values, p, Steps[p]));
            Minus[p] = File.KernelsAt(Moved(values, p, -Steps[p]));
        }
    }

    /// <summary>A potential written for these tests (Fitting/Data), by its path in the test output.</summary>
    protected static string TestPotential(string name) => Path.Combine(AppContext.BaseDirectory, "Fitting", "Data", name + ".toml");

    /// <summary>The file's name or path.</summary>
    public string Name { get; }

    /// <summary>The file.</summary>
    public ParameterizedPotential File { get; }

    /// <summary>Kernels at the written values, with gradients in the fitted parameters.</summary>
    public PotentialKernels Kernels { get; }

    /// <summary>h of each parameter.</summary>
    public double[] Steps { get; }

    /// <summary>Kernels with parameter p at its value + h.</summary>
    public PotentialKernels[] Plus { get; }

    /// <summary>Kernels with parameter p at its value − h.</summary>
    public PotentialKernels[] Minus { get; }

    /// <summary>Calculator settings of every evaluation: the weights converged far below the differences' step.</summary>
    public static CalculatorOptions Options { get; } = new() { Solver = new SolverOptions { Tolerance = 1e-13 } };

    /// <summary>A calculator of the kernels at the written values (with <see cref="Options"/> unless others are given).</summary>
    public EnsembleCalculator Calculator(CalculatorOptions? options = null) => new(Kernels, options ?? Options);

    /// <summary>Central differences of A, E, forces, stress, charges and weights of <paramref name="structure"/> in every parameter.</summary>
    public Differences Of(Structure structure, CalculatorOptions? options = null)
    {
        options ??= Options;
        var count = Steps.Length;
        var d = new Differences(count);
        for (var p = 0; p < count; p++)
        {
            var plus = new EnsembleCalculator(Plus[p], options).Calculate(structure);
            var minus = new EnsembleCalculator(Minus[p], options).Calculate(structure);
            var h2 = 2 * Steps[p];
            d.FreeEnergy[p] = (plus.FreeEnergy - minus.FreeEnergy) / h2;
            d.Energy[p] = (plus.InternalEnergy - minus.InternalEnergy) / h2;
            d.Forces[p] = Enumerable.Range(0, 3 * structure.Count).Select(k => (plus.Forces[k / 3][k % 3] - minus.Forces[k / 3][k % 3]) / h2).ToArray();
            d.Stress[p] = plus.Stress is null ? null : plus.Stress.Zip(minus.Stress!, (a, b) => (a - b) / h2).ToArray();
            d.Charges[p] = plus.Charges.Zip(minus.Charges, (a, b) => (a - b) / h2).ToArray();
            d.Weights[p] = plus.Weights.Zip(minus.Weights, (a, b) => a.Zip(b, (x, y) => (x - y) / h2).ToArray()).ToArray();
        }
        return d;
    }

    private static double[] Moved(double[] values, int p, double step)
    {
        var moved = (double[])values.Clone();
        moved[p] += step;
        return moved;
    }

    /// <summary>Central differences in each parameter, laid out as <see cref="Latent.Runtime.Fitting.Response.ParameterResponse"/>'s derivatives.</summary>
    public sealed class Differences(int count)
    {
        /// <summary>dA/dp, [p].</summary>
        public double[] FreeEnergy { get; } = new double[count];

        /// <summary>dE/dp, [p].</summary>
        public double[] Energy { get; } = new double[count];

        /// <summary>dF/dp, [p][3 i + c].</summary>
        public double[][] Forces { get; } = new double[count][];

        /// <summary>dσ/dp, [p][6]; null entries for a cluster.</summary>
        public double[]?[] Stress { get; } = new double[count][];

        /// <summary>dq/dp, [p][i].</summary>
        public double[][] Charges { get; } = new double[count][];

        /// <summary>dw/dp, [p][i][α].</summary>
        public double[][][] Weights { get; } = new double[count][][];
    }
}
