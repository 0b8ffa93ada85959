using Latent.Runtime.Dynamics;
using Latent.Runtime.Dynamics.Observers;
using Latent.Runtime.Structures;
using Xunit;
using Xunit.Abstractions;

namespace Latent.Runtime.Tests.Dynamics;

public sealed class FireTests(ITestOutputHelper output)
{
    /// <summary>
    /// The zero of <paramref name="f"/> in [<paramref name="lo"/>, <paramref name="hi"/>], where f falls from
    /// positive to negative, by <paramref name="halvings"/> bisection steps (independent of FIRE).
    /// </summary>
    private static double ZeroOfFalling(Func<double, double> f, double lo, double hi, int halvings)
    {
        Assert.True(f(lo) > 0 && f(hi) < 0);
        for (var k = 0; k < halvings; k++)
        {
            var mid = 0.5 * (lo + hi);
            if (f(mid) > 0)
                lo = mid;
            else
                hi = mid;
        }

        return 0.5 * (lo + hi);
    }

    /// <summary>Na–Cl distance where the dimer's force vanishes.</summary>
    private static double DimerZeroForce()
    {
        var calculator = NaClSystems.Calculator();
        return ZeroOfFalling(r => calculator.GetForces(NaClSystems.Dimer(r))[1].X, 2.2, 2.5, 60);
    }

    [Fact]
    public void Dimer_relaxes_to_the_minimum_of_its_energy_curve()
    {
        var structure = NaClSystems.Dimer(2.7);
        var calculator = NaClSystems.Calculator();
        var result = Fire.Relax(structure, calculator, new RelaxOptions { Fmax = 1e-4, MaxSteps = 500 });
        var r = (structure.Position(1) - structure.Position(0)).Length;

        // A fine energy scan brackets the minimum; a parabola through its lowest three points locates it.
        var scanner = NaClSystems.Calculator();
        var grid = Enumerable.Range(0, 201).Select(k => 2.26 + 0.001 * k).ToArray();
        var energies = grid.Select(x => scanner.GetPotentialEnergy(NaClSystems.Dimer(x))).ToArray();
        var m = Array.IndexOf(energies, energies.Min());
        Assert.InRange(m, 1, grid.Length - 2);
        var (e0, e1, e2) = (energies[m - 1], energies[m], energies[m + 1]);
        var scanMinimum = grid[m] + 0.001 * 0.5 * (e0 - e2) / (e0 - 2 * e1 + e2);
        var zeroForce = DimerZeroForce();
        // Curvature from the scan bounds how far a residual force of Fmax can leave the distance.
        var curvature = (e0 - 2 * e1 + e2) / (0.001 * 0.001);
        output.WriteLine($"FIRE: r = {r:F6} Å after {result.Steps} steps (fmax {result.Fmax:E2} eV/Å); zero force at {zeroForce:F6} Å; scan minimum {scanMinimum:F6} Å; k = {curvature:F3} eV/Å²");

        Assert.True(result.Converged);
        Assert.True(result.Fmax < 1e-4);
        Assert.Equal(result.Energy, calculator.GetPotentialEnergy(structure));
        // The pair feels a force of at most Fmax on each atom, so the distance is within Fmax/k of the zero.
        Assert.True(Math.Abs(r - zeroForce) < 1e-4 / curvature * 1.5, $"relaxed {r} vs zero force {zeroForce}");
        Assert.True(Math.Abs(r - scanMinimum) < 1e-4 / curvature * 1.5, $"relaxed {r} vs scan {scanMinimum}");
        Assert.InRange(r, 2.3, 2.42);
    }

    [Fact]
    public void Fixed_atom_stays_put_while_the_other_relaxes()
    {
        var structure = NaClSystems.Dimer(2.6);
        var result = Fire.Relax(structure, NaClSystems.Calculator(), new RelaxOptions { Fmax = 1e-4, FixedAtoms = [0] });
        Assert.True(result.Converged);
        Assert.Equal(Vec3.Zero, structure.Position(0));
        Assert.True(Math.Abs(structure.X[1] - DimerZeroForce()) < 1e-4);
    }

    [Fact]
    public void Rock_salt_with_cell_relaxation_reaches_zero_stress()
    {
        var structure = NaClSystems.RockSalt(5.64, jiggle: 0.03, seed: 3);
        var calculator = NaClSystems.Calculator();
        var log = new StepLog<RelaxStep>();
        var result = Fire.Relax(structure, calculator, new RelaxOptions { Fmax = 1e-3, RelaxCell = true, MaxSteps = 2000, Observers = [new(log)] });
        var steps = log.Steps;
        var cell = structure.Cell;
        var a = Math.Cbrt(cell.Volume);
        var stress = result.Stress!;
        output.WriteLine($"FIRE with cell: {result.Steps} steps, a = {a:F5} Å (cell {cell.A}, {cell.B}, {cell.C}), fmax {result.Fmax:E2} eV/Å, cell fmax {result.CellFmax:E2} eV/Å");
        output.WriteLine($"stress {string.Join(" ", stress.Select(s => s.ToString("E2")))} eV/Å³; A = {result.Energy:F6} eV; start stress was {steps[0].CellFmax:E2} eV/Å (as V|σ|/N)");

        Assert.True(result.Converged);
        Assert.True(result.Fmax < 1e-3 && result.CellFmax < 1e-3);
        Assert.Equal(steps.Count, result.Steps + 1);
        Assert.True(steps[0].CellFmax > 1e-2, "the start must be stressed for the test to mean anything");
        // Converged means V·|σ row|/N below Fmax: every stress component below Fmax·N/V.
        Assert.All(stress, s => Assert.True(Math.Abs(s) < 1e-3 * structure.Count / cell.Volume));
        // The cell stays cubic: the stress is symmetric, so the deformation has no shear or rotation.
        Assert.True(Math.Abs(cell.A.X - cell.B.Y) < 1e-3 && Math.Abs(cell.A.X - cell.C.Z) < 1e-3);
        Assert.True(Math.Abs(cell.A.Y) + Math.Abs(cell.A.Z) + Math.Abs(cell.B.X) + Math.Abs(cell.B.Z) + Math.Abs(cell.C.X) + Math.Abs(cell.C.Y) < 1e-3);

        // Independently: bisection on the ideal crystal's pressure gives the zero-stress lattice constant.
        var probe = NaClSystems.Calculator();
        var a0 = ZeroOfFalling(x => -probe.GetStress(NaClSystems.RockSalt(x)).Take(3).Average(), 5.6, 6.0, 40);
        output.WriteLine($"zero pressure of the ideal crystal at a = {a0:F5} Å");
        Assert.True(Math.Abs(a - a0) < 1e-3, $"relaxed a = {a}, zero pressure at {a0}");
    }

    [Fact]
    public void Unreachable_fmax_stops_after_max_steps_unconverged()
    {
        var structure = NaClSystems.Dimer(2.5);
        var log = new StepLog<RelaxStep>();
        var result = Fire.Relax(structure, NaClSystems.Calculator(), new RelaxOptions { Fmax = 1e-300, MaxSteps = 25, Observers = [new(log)] });
        var steps = log.Steps.Select(s => s.Step);
        Assert.False(result.Converged);
        Assert.False(result.Cancelled);
        Assert.Equal(25, result.Steps);
        Assert.Equal(Enumerable.Range(0, 26), steps);
        Assert.True(result.Fmax > 0);
    }

    [Fact]
    public void Cell_relaxation_of_a_cluster_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Fire.Relax(NaClSystems.Dimer(2.4), NaClSystems.Calculator(), new RelaxOptions { RelaxCell = true }));
    }
}
