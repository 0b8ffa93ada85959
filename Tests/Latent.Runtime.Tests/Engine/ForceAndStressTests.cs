using FsCheck;
using FsCheck.Xunit;
using Latent.Runtime.Engine;
using Latent.Runtime.Structures;
using Xunit;

namespace Latent.Runtime.Tests.Engine;

/// <summary>
/// Forces are −∂A/∂R and stress (1/V)∂A/∂ε at the converged weights: checked against central
/// differences of the free energy on random clusters and periodic cells with charge transfer.
/// </summary>
public sealed class ForceAndStressTests
{
    private const double Step = 1e-5;

    private static EnsembleCalculator Calculator() =>
        new(NaClStructures.Potential, new CalculatorOptions { Solver = new SolverOptions { Tolerance = 1e-13 } });

    private static void AssertForcesMatchDifferences(Structure s, double tolerance)
    {
        var calculator = Calculator();
        var forces = calculator.Calculate(s).Forces;
        for (var i = 0; i < s.Count; i++)
        {
            var p0 = s.Position(i);
            for (var c = 0; c < 3; c++)
            {
                var d = c switch { 0 => new Vec3(Step, 0, 0), 1 => new Vec3(0, Step, 0), _ => new Vec3(0, 0, Step) };
                s.SetPosition(i, p0 + d);
                var plus = calculator.GetPotentialEnergy(s);
                s.SetPosition(i, p0 - d);
                var minus = calculator.GetPotentialEnergy(s);
                s.SetPosition(i, p0);
                var difference = -(plus - minus) / (2 * Step);
                Assert.True(Math.Abs(forces[i][c] - difference) <= tolerance * (1 + Math.Abs(difference)),
                    $"atom {i} component {c}: force {forces[i][c]:R} vs difference {difference:R}");
            }
        }
    }

    /// <summary>Random clusters of 2 to 7 atoms, mostly ionic at these distances, with charge transfer.</summary>
    [Property(MaxTest = 12)]
    public void Cluster_forces_are_minus_the_energy_gradient(PositiveInt seed)
    {
        var s = NaClStructures.RandomCluster(seed.Get, 2 + seed.Get % 6);
        AssertForcesMatchDifferences(s, 1e-6);
    }

    [Fact]
    public void Periodic_forces_are_minus_the_energy_gradient() =>
        AssertForcesMatchDifferences(NaClStructures.RockSalt(jiggle: 0.15, seed: 7), 1e-6);

    [Fact]
    public void Forces_of_a_charged_cluster_are_minus_the_energy_gradient()
    {
        var s = NaClStructures.RandomCluster(11, 5);
        var calculator = new EnsembleCalculator(NaClStructures.Potential, new CalculatorOptions { Charge = ChargeCondition.TotalCharge(1), Solver = new SolverOptions { Tolerance = 1e-13 } });
        var f = calculator.Calculate(s).Forces;
        var p0 = s.Position(2);
        s.SetPosition(2, p0 + new Vec3(Step, 0, 0));
        var plus = calculator.GetPotentialEnergy(s);
        s.SetPosition(2, p0 - new Vec3(Step, 0, 0));
        var minus = calculator.GetPotentialEnergy(s);
        Assert.True(Math.Abs(-(plus - minus) / (2 * Step) - f[2].X) < 1e-7, $"{f[2].X:R} vs {-(plus - minus) / (2 * Step):R}");
    }

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(3, 0.0)]
    [InlineData(5, 0.12)]
    public void Stress_is_the_strain_derivative_of_the_energy(int seed, double shear)
    {
        var s = NaClStructures.RockSalt(jiggle: 0.12, seed: seed);
        // A triclinic cell when sheared.
        var cell0 = s.Cell.Strained([0, 0, 0, shear, 0.5 * shear, 0]);
        var fractional0 = Enumerable.Range(0, s.Count).Select(i => s.Cell.ToFractional(s.Position(i))).ToArray();
        s.Cell = cell0;
        for (var i = 0; i < s.Count; i++)
            s.SetPosition(i, cell0.ToCartesian(fractional0[i]));
        var calculator = Calculator();
        var stress = calculator.GetStress(s);
        for (var k = 0; k < 6; k++)
        {
            double Energy(double e)
            {
                var voigt = new double[6];
                voigt[k] = e;
                return calculator.GetPotentialEnergy(s.Strained(voigt));
            }
            // A shear Voigt strain moves two symmetric entries, hence the half.
            var difference = (Energy(Step) - Energy(-Step)) / (2 * Step) / cell0.Volume * (k >= 3 ? 0.5 : 1);
            Assert.True(Math.Abs(stress[k] - difference) <= 1e-8 + 1e-6 * Math.Abs(difference), $"component {k}: {stress[k]:R} vs {difference:R}");
        }
    }

    [Fact]
    public void Stress_of_a_cluster_is_refused_by_name()
    {
        var e = Assert.Throws<PropertyNotAvailableException>(() => Calculator().GetStress(NaClStructures.Dimer(2.4)));
        Assert.Equal("stress", e.Property);
    }
}
