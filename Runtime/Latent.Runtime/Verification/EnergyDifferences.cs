using Latent.Runtime.Calculators;
using Latent.Runtime.Structures;

namespace Latent.Runtime.Verification;

/// <summary>
/// Forces and stress as central differences of the free energy: the references the calculator's
/// analytic forces and stress are checked against, by <c>latent verify</c> and by the tests.
/// </summary>
public static class EnergyDifferences
{
    /// <summary>−∂A/∂R for one coordinate of one atom (eV/Å); the structure is left as it was.</summary>
    public static double Force(ICalculator calculator, Structure structure, int atom, int axis, double step)
    {
        var p0 = structure.Position(atom);
        var d = axis switch { 0 => new Vec3(step, 0, 0), 1 => new Vec3(0, step, 0), _ => new Vec3(0, 0, step) };
        structure.SetPosition(atom, p0 + d);
        var plus = calculator.GetPotentialEnergy(structure);
        structure.SetPosition(atom, p0 - d);
        var minus = calculator.GetPotentialEnergy(structure);
        structure.SetPosition(atom, p0);
        return -(plus - minus) / (2 * step);
    }

    /// <summary>(1/V)∂A/∂ε for one Voigt component (eV/Å³), straining at fixed fractional coordinates.</summary>
    public static double Stress(ICalculator calculator, Structure structure, int component, double step)
    {
        double Energy(double e)
        {
            var voigt = new double[6];
            voigt[component] = e;
            return calculator.GetPotentialEnergy(structure.Strained(voigt));
        }

        // A shear Voigt strain moves two symmetric entries of the strain tensor, hence the half.
        return (Energy(step) - Energy(-step)) / (2 * step) / structure.Cell.Volume * (component >= 3 ? 0.5 : 1);
    }
}
