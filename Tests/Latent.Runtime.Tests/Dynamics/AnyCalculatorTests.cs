using Latent.Runtime.Calculators;
using Latent.Runtime.Dynamics;
using Latent.Runtime.Dynamics.Observers;
using Latent.Runtime.Structures;
using Latent.Runtime.Tests.Calculators;
using Xunit;

namespace Latent.Runtime.Tests.Dynamics;

/// <summary>
/// Dynamics and relaxation against a calculator that is not the ensemble engine (springs between atoms):
/// they need only <see cref="ICalculator"/>, and on a system with a known answer they give it.
/// </summary>
public sealed class AnyCalculatorTests
{
    private const double K = 2.0;
    private const double R0 = 1.5;

    [Fact]
    public void Velocity_Verlet_follows_the_exact_discrete_orbit_of_a_harmonic_dimer()
    {
        // Released from rest with the spring stretched by u₀, the bond length under velocity Verlet is exactly
        // u_n = u₀ cos(nφ) with cos φ = 1 − (ω dt)²/2 and ω² = k/(μ · 103.64…): the scheme's own orbit, whose
        // period is a little longer than 2π/ω. Everything but the forces comes from the calculator.
        const double u0 = 0.1;
        const double dt = 1.0;
        double[] masses = [1.0, 3.0];
        var structure = new Structure(["H", "Li"], [Vec3.Zero, new Vec3(R0 + u0, 0, 0)], masses, Cell.None);
        var reduced = masses[0] * masses[1] / (masses[0] + masses[1]);
        var omega = Math.Sqrt(K / (reduced * MdUnits.AmuAngstrom2PerFs2));
        var phi = Math.Acos(1 - omega * dt * omega * dt / 2);
        var stretch = new List<double>();
        var probe = new CallbackObserver<MdStep>((_, state) => stretch.Add(state.Structure.X[1] - state.Structure.X[0] - R0));
        var calculator = new HarmonicPairCalculator(K, R0);

        var run = MolecularDynamics.Run(structure, calculator, new VelocityVerlet(), 300, dt, new MdOptions { ThermoEvery = 1, Observers = [new(probe)] });

        Assert.Equal(301, stretch.Count);
        for (var n = 0; n < stretch.Count; n++)
            Assert.True(Math.Abs(stretch[n] - u0 * Math.Cos(n * phi)) < 1e-12, $"step {n}: {stretch[n]:R} vs {u0 * Math.Cos(n * phi):R}");
        // Several periods (about 39 fs each) and one force computation per step.
        Assert.True(300 * dt * omega / (2 * Math.PI) > 7);
        Assert.Equal(301, calculator.Computations);
        // A + kinetic is conserved up to the scheme's O(dt²) fluctuation: for this oscillator at most a
        // fraction (ω dt)²/4 of the energy; twice that is allowed, and there is no drift to allow for.
        var start = run.Thermo[0].Total;
        var allowed = omega * dt * omega * dt / 2 * start;
        Assert.All(run.Thermo, s => Assert.True(Math.Abs(s.Total - start) < allowed, $"step {s.Step}: total {s.Total} vs {start}"));
        Assert.All(run.Thermo, s => Assert.Equal(0, s.MaxChargeChange));
    }

    [Fact]
    public void FIRE_relaxes_a_spring_triangle_to_the_equilateral_minimum()
    {
        var structure = new Structure(["H", "H", "H"], [Vec3.Zero, new Vec3(1.7, 0, 0), new Vec3(0.6, 1.1, 0.2)], [1.0, 1.0, 1.0], Cell.None);
        var calculator = new HarmonicPairCalculator(K, R0);

        var result = Fire.Relax(structure, calculator, new RelaxOptions { Fmax = 1e-7, MaxSteps = 2000 });

        Assert.True(result.Converged);
        // At the minimum every spring is at rest: E = 0 and each side is r₀, to within a few Fmax/k.
        Assert.InRange(result.Energy, 0, 1e-12);
        foreach (var (i, j) in new[] { (0, 1), (1, 2), (0, 2) })
        {
            var r = (structure.Position(j) - structure.Position(i)).Length;
            Assert.True(Math.Abs(r - R0) < 1e-6, $"side {i}{j}: {r:R}");
        }

        Assert.Null(result.Stress);
        Assert.Null(result.Final.Charges);
    }

    [Fact]
    public void The_interface_getters_give_what_a_calculator_has_and_name_what_it_has_not()
    {
        ICalculator calculator = new HarmonicPairCalculator(K, R0);
        var dimer = new Structure(["H", "H"], [Vec3.Zero, new Vec3(1.6, 0, 0)], [1.0, 1.0], Cell.None);
        Assert.Equal(CalculatorProperties.Stress, Assert.Throws<PropertyNotAvailableException>(() => calculator.GetStress(dimer)).Property);
        Assert.Equal(CalculatorProperties.Charges, Assert.Throws<PropertyNotAvailableException>(() => calculator.GetCharges(dimer)).Property);
        Assert.Equal(CalculatorProperties.LatentWeights, Assert.Throws<PropertyNotAvailableException>(() => calculator.GetLatentWeights(dimer)).Property);
        Assert.Equal(0.5 * K * 0.1 * 0.1, calculator.GetPotentialEnergy(dimer), 15);
        Assert.Equal(K * 0.1, calculator.GetForces(dimer)[0].X, 15);
    }
}
