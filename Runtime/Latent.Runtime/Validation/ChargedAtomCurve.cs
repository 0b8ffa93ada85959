using Latent.Runtime.Engine;
using Latent.Runtime.Engine.Solver;
using Latent.Runtime.Kernels;
using Latent.Runtime.Structures;

namespace Latent.Runtime.Validation;

/// <summary>
/// E(q) of one isolated atom, from the engine with its total charge held at q (a fractional number of electrons) at a
/// low electronic temperature, against the exact piecewise-linear line (<see cref="PplbLine"/>). A model that mixes
/// integer-charge states follows the line; one that gives each atom a continuous charge with a smooth energy
/// (charge equilibration's χq + ½Jq²) bends away from it between the integers.
/// </summary>
/// <param name="Symbol">The element.</param>
/// <param name="Temperature">The electronic temperature θ used (eV).</param>
/// <param name="Line">The exact line.</param>
/// <param name="Charges">q at each point (e).</param>
/// <param name="Energies">E(q) − E(0) at each point (eV): the internal energy, without the θ·S term of the weights' entropy.</param>
public sealed record ChargedAtomCurve(string Symbol, double Temperature, PplbLine Line, double[] Charges, double[] Energies)
{
    /// <summary>θ (eV): about 12 K, low enough that the thermal mixing of a third state is below 10⁻¹⁰ of an electron.</summary>
    public const double LowTemperature = 0.001;

    /// <summary>Points per unit of charge: q = −1, −0.95, …, +1.</summary>
    public const int PointsPerCharge = 20;

    /// <summary>E(q) − E(0) minus the line at each point (eV).</summary>
    public double[] Deviations => Charges.Select((q, k) => Energies[k] - Line.Value(q)).ToArray();

    /// <summary>The point where |E − line| is largest.</summary>
    public (double Charge, double Deviation) Largest
    {
        get
        {
            var d = Deviations;
            var k = Enumerable.Range(0, d.Length).MaxBy(i => Math.Abs(d[i]));
            return (Charges[k], d[k]);
        }
    }

    /// <summary>The curve of <paramref name="symbol"/> in <paramref name="kernels"/> at <see cref="LowTemperature"/>, each solve on at
    /// most <paramref name="threads"/> threads (null: every core).</summary>
    /// <exception cref="LatentSolverException">The solver failed at some charge.</exception>
    public static ChargedAtomCurve Compute(PotentialKernels kernels, string symbol, int? threads = null)
    {
        var element = kernels.Elements[kernels.ElementIndex(symbol)];
        var atom = new Structure([symbol], [Vec3.Zero], [element.Mass], Cell.None);
        var charges = Enumerable.Range(-PointsPerCharge, 2 * PointsPerCharge + 1).Select(k => (double)k / PointsPerCharge).ToArray();
        // Continuous charges have no electronic temperature and no weights to anneal: only the charge is held.
        double At(double q) => EngineSelection.For(kernels, kernels.HasContinuousCharges
            ? new CalculatorOptions { Charge = ChargeCondition.TotalCharge(q), Threads = threads }
            : new CalculatorOptions
            {
                Threads = threads,
                Temperature = LowTemperature,
                Charge = ChargeCondition.TotalCharge(q),
                Solver = new SolverOptions { Anneal = Annealing.Always, CompareStarts = true },
            }).Calculate(atom).InternalEnergy;
        var neutral = At(0);
        return new ChargedAtomCurve(symbol, LowTemperature, PplbLine.FromAtomicData(symbol), charges, charges.Select(q => At(q) - neutral).ToArray());
    }
}
