using Latent.Runtime.Calculators;
using Latent.Runtime.Structures;

namespace Latent.Runtime.Tests.Properties;

/// <summary>
/// A dimer with a curve and a charge written down in closed form: A(r) and q_A(r) = −q_B(r) at the distance of
/// its two atoms, 0 and no charge for an atom alone (<see cref="SeparatedEnergy"/> for each). Only
/// <see cref="ICalculator.Calculate"/> is meaningful: the dimer properties need nothing else.
/// </summary>
internal sealed class MoleculeCurveCalculator(Func<double, double> energy, Func<double, double> chargeA, double separatedEnergy = 0) : ICalculator
{
    /// <summary>The free energy of one atom alone (eV).</summary>
    public double SeparatedEnergy => separatedEnergy;

    public IReadOnlyList<string> ImplementedProperties { get; } =
        [CalculatorProperties.Energy, CalculatorProperties.FreeEnergy, CalculatorProperties.Charges];

    public CalculatedProperties Calculate(Structure structure)
    {
        if (structure.Count == 1)
            return new CalculatedProperties(separatedEnergy, [Vec3.Zero], charges: [0]);
        var r = (structure.Position(1) - structure.Position(0)).Length;
        var q = chargeA(r);
        return new CalculatedProperties(energy(r), [Vec3.Zero, Vec3.Zero], charges: [q, -q]);
    }

    public IEvaluation Evaluate(Structure structure) =>
        throw new NotSupportedException("the closed-form molecule gives properties through Calculate only");

    public void Reset()
    {
    }
}
