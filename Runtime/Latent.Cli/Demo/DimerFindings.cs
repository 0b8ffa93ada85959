using Latent.Cli.Dimer;
using Latent.Runtime.Dynamics;
using Latent.Runtime.Engine;
using Latent.Runtime.Kernels;
using Latent.Runtime.Structures;

namespace Latent.Cli.Demo;

/// <summary>
/// Part (a) of the demo: the A–B dissociation curve on <c>latent dimer</c>'s default grid, and what it says:
/// the equilibrium distance (refined off the grid with FIRE), the binding free energy against the far
/// plateau, the charge at equilibrium, and where the charge switches off (bisected to 1e-4 Å), next to
/// the crossing estimate R_c.
/// </summary>
public sealed record DimerFindings(
    DimerPoint[] Points,
    IonicCrossing? Crossing,
    double Equilibrium,
    double BindingEnergy,
    double ChargeAtEquilibrium,
    double SwitchOff)
{
    /// <summary>The same grid as <c>latent dimer</c>'s defaults: 1.5 to 20 Å in steps of 0.05 Å.</summary>
    public static readonly double[] Grid = DistanceGrid.Create(1.5, 20, 0.05);

    public static DimerFindings Compute(PotentialKernels potential, int elementA, int elementB)
    {
        var scan = new DimerScan(potential, elementA, elementB, temperature: null);
        var points = scan.Run(Grid);
        var crossing = IonicCrossing.Estimate(potential.Elements[elementA], potential.Elements[elementB]);
        var (equilibrium, chargeAtEquilibrium, energyAtEquilibrium) = Minimum(potential, elementA, elementB, points.MinBy(p => p.FreeEnergy)!.R);
        return new DimerFindings(points, crossing, equilibrium, points[^1].FreeEnergy - energyAtEquilibrium, chargeAtEquilibrium, FindSwitchOff(scan, points));
    }

    /// <summary>FIRE from the best grid point down to forces of 1e-5 eV/Å, so the distance is good to about 1e-5 Å.</summary>
    private static (double R, double Charge, double Energy) Minimum(PotentialKernels potential, int elementA, int elementB, double start)
    {
        var (a, b) = (potential.Elements[elementA], potential.Elements[elementB]);
        var dimer = new Structure([a.Symbol, b.Symbol], [Vec3.Zero, new Vec3(start, 0, 0)], [a.Mass, b.Mass], Cell.None);
        var calculator = new EnsembleCalculator(potential);
        var result = Fire.Relax(dimer, calculator, new RelaxOptions { Fmax = 1e-5, MaxSteps = 2000 });
        return ((dimer.Position(1) - dimer.Position(0)).Length, calculator.GetCharges(dimer)[0], result.Energy);
    }

    /// <summary>The outermost distance at which |q_A| ≥ ½, bisected between the grid points that bracket it.</summary>
    private static double FindSwitchOff(DimerScan scan, DimerPoint[] points)
    {
        static bool Ionic(DimerPoint p) => Math.Abs(p.Charges[0]) >= 0.5;
        var last = Array.FindLastIndex(points, Ionic);
        if (last < 0 || last == points.Length - 1)
        {
            return double.NaN;
        }

        var (inner, outer) = (points[last].R, points[last + 1].R);
        while (outer - inner > 1e-4)
        {
            var middle = 0.5 * (inner + outer);
            if (Ionic(scan.Run([middle])[0]))
            {
                inner = middle;
            }
            else
            {
                outer = middle;
            }
        }

        return 0.5 * (inner + outer);
    }
}
