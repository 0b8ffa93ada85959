using FsCheck;
using FsCheck.Xunit;
using Latent.Runtime.Calculators;
using Latent.Runtime.Engine;
using Latent.Runtime.Structures;
using Latent.Runtime.Verification;
using Xunit;
using Latent.Runtime.Engine.Solver;

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
            for (var c = 0; c < 3; c++)
            {
                var difference = EnergyDifferences.Force(calculator, s, i, c, Step);
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
        var difference = EnergyDifferences.Force(calculator, s, 2, 0, Step);
        Assert.True(Math.Abs(difference - f[2].X) < 1e-7, $"{f[2].X:R} vs {difference:R}");
    }

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(3, 0.0)]
    [InlineData(5, 0.12)]
    public void Stress_is_the_strain_derivative_of_the_energy(int seed, double shear)
    {
        // A triclinic cell when sheared.
        var s = NaClStructures.RockSalt(jiggle: 0.12, seed: seed).Strained([0, 0, 0, shear, 0.5 * shear, 0]);
        var calculator = Calculator();
        var stress = calculator.GetStress(s);
        for (var k = 0; k < 6; k++)
        {
            var difference = EnergyDifferences.Stress(calculator, s, k, Step);
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
