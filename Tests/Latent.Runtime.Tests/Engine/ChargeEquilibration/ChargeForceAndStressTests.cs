using Latent.Runtime.Dynamics;
using Latent.Runtime.Structures;
using Latent.Runtime.Verification;
using Xunit;

namespace Latent.Runtime.Tests.Engine.ChargeEquilibration;

/// <summary>
/// Forces of continuous charges are −∂E/∂R at the solved charges and stress (1/V)∂E/∂ε (docs/model.md §8: E is
/// stationary in q on Σq = Q, so no dq/dR enters), checked against central differences of E in which every
/// displaced configuration is solved afresh; on clusters (direct sum) and cells (damped shifted-force sum), with
/// the dense and the conjugate-gradient solve. The results are the same bits on one thread and on several, and a
/// dynamics step allocates nothing.
/// </summary>
public sealed class ChargeForceAndStressTests
{
    private const double Step = 1e-5;

    private static void AssertForces(Structure s, int denseLimit, double tolerance)
    {
        var calculator = QeqPotentials.Calculator(denseLimit);
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

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Cluster_forces_are_minus_the_energy_gradient(int seed) =>
        AssertForces(NaClStructures.RandomCluster(seed, 3 + seed, box: 6), 128, 1e-6);

    [Fact]
    public void Periodic_forces_are_minus_the_energy_gradient() =>
        AssertForces(NaClStructures.RockSalt(jiggle: 0.15, seed: 7), 128, 1e-6);

    [Fact]
    public void Periodic_forces_from_the_conjugate_gradient_solve_are_minus_the_energy_gradient() =>
        AssertForces(NaClStructures.RockSalt(jiggle: 0.15, seed: 8), 0, 1e-6);

    [Fact]
    public void Stress_is_the_strain_derivative_of_the_energy()
    {
        var s = NaClStructures.RockSalt(5.5, jiggle: 0.1, seed: 3);
        var calculator = QeqPotentials.Calculator();
        var stress = calculator.Calculate(s).Stress!;
        for (var k = 0; k < 6; k++)
        {
            var difference = EnergyDifferences.Stress(calculator, s, k, Step);
            Assert.True(Math.Abs(stress[k] - difference) <= 1e-6 * (1 + Math.Abs(difference)), $"component {k}: stress {stress[k]:R} vs difference {difference:R}");
        }
    }

    public static TheoryData<int, int> Sizes => new() { { 1, 128 }, { 2, 0 } };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void One_thread_and_several_give_the_same_bits(int repeat, int denseLimit)
    {
        var s = NaClStructures.RockSalt(5.64, repeat, jiggle: 0.1, seed: 5);
        var one = QeqPotentials.Calculator(denseLimit, threads: 1).Calculate(s);
        var many = QeqPotentials.Calculator(denseLimit, threads: Environment.ProcessorCount * 2).Calculate(s);
        Assert.Equal(one.FreeEnergy, many.FreeEnergy);
        Assert.Equal(one.Charges, many.Charges);
        Assert.Equal(one.Forces, many.Forces);
        Assert.Equal(one.Stress, many.Stress);
    }

    [Theory]
    [InlineData(128)]
    [InlineData(0)]
    public void A_velocity_Verlet_step_allocates_nothing(int denseLimit)
    {
        var s = NaClStructures.RockSalt(jiggle: 0.05, seed: 2);
        var system = new MdSystem(s, QeqPotentials.Calculator(denseLimit), Velocities.MaxwellBoltzmann(s, 300, seed: 1));
        var verlet = new VelocityVerlet();
        Assert.Equal(0, AllocationTests.WorstStep(() => verlet.Step(system, 1.0), system));
    }
}
