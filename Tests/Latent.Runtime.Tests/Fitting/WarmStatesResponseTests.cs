using Latent.Runtime.Engine;
using Latent.Runtime.Engine.Solver;
using Latent.Runtime.Fitting.Response;
using Latent.Runtime.Structures;
using Latent.Runtime.Tests.Engine;
using Xunit;

namespace Latent.Runtime.Tests.Fitting;

/// <summary>
/// Parameter derivatives where the weights' response matters (Fitting/Data/WarmStates.toml: NaCl's states at
/// θ = 0.5 eV; fitted a pair prefactor, a shift inside the Cl anion's energy and a scale of a Slater exponent
/// that enters through a definition): a dimer on either side of its ionic–covalent crossing (between 4.5 and
/// 4.6 Å here) and a five-atom cluster with mixed charges, at a fixed total charge and at a fixed λ. Each test
/// also shows that the derivatives taken at fixed weights miss the differences by far more than the tolerance,
/// so the response term is what makes them pass.
/// </summary>
public sealed class WarmStatesResponseTests(WarmStatesResponseTests.Kernels kernels) : IClassFixture<WarmStatesResponseTests.Kernels>
{
    /// <summary>WarmStates compiled at its values and at each fitted parameter ± h.</summary>
    public sealed class Kernels() : ParameterDifferences(TestPotential("WarmStates"));

    private static Structure Dimer(double r)
    {
        // Along a general direction, so every force component is in play.
        var axis = new Vec3(0.48, -0.6, 0.64) * (1 / new Vec3(0.48, -0.6, 0.64).Length);
        return new Structure(["Na", "Cl"], [new Vec3(0.2, 0.1, -0.3), new Vec3(0.2, 0.1, -0.3) + axis * r],
            [NaClStructures.Mass("Na"), NaClStructures.Mass("Cl")], Cell.None);
    }

    private static Structure Cluster() => NaClStructures.RandomCluster(4, 5, box: 5, minDistance: 2.3);

    [Theory]
    [InlineData(4.5)]
    [InlineData(4.65)]
    public void Derivatives_of_a_dimer_near_its_crossing_match_central_differences(double r)
    {
        var structure = Dimer(r);
        var response = ParameterResponse.Evaluate(kernels.Calculator(), structure);
        var differences = kernels.Of(structure);
        Agreement.All(response, differences, kernels);
        WithoutResponseWouldFail(response, differences);
    }

    [Fact]
    public void Derivatives_of_a_cluster_with_mixed_charges_match_central_differences()
    {
        var structure = Cluster();
        var response = ParameterResponse.Evaluate(kernels.Calculator(), structure);
        var differences = kernels.Of(structure);
        Agreement.All(response, differences, kernels);
        WithoutResponseWouldFail(response, differences);
        Resummed.SameAsEngine(response, structure);
        // k_Cl reaches the kernels only through the definition z_Cl_ip2 = k_Cl·slater_exponent(ip2_Cl): the chain rule must carry it.
        var scale = response.Parameters.ToList().IndexOf("k_Cl");
        Assert.True(differences.Forces[scale].Max(Math.Abs) > 0.1, "the forces should depend on k_Cl");
    }

    [Fact]
    public void Derivatives_at_a_fixed_chemical_potential_match_central_differences()
    {
        // λ a little above the neutral cluster's: the total charge is free and moves with the parameters.
        var structure = Cluster();
        var lambda = kernels.Calculator().Calculate(structure).Lambda + 0.3;
        var options = ParameterDifferences.Options with { Charge = ChargeCondition.ChemicalPotential(lambda) };
        var response = ParameterResponse.Evaluate(kernels.Calculator(options), structure);
        var differences = kernels.Of(structure, options);
        Agreement.All(response, differences, kernels);
        Assert.True(Math.Abs(response.Charges.Select(q => q.Sum()).Max(Math.Abs)) > 1e-3, "at a fixed λ the total charge should move");
    }

    [Fact]
    public void The_free_energys_derivative_in_a_state_energy_is_that_states_total_weight()
    {
        // A is stationary in the weights, so dA/d(shift of the Cl anion's energy) = Σ over Cl atoms of their anion weight.
        var structure = Cluster();
        var response = ParameterResponse.Evaluate(kernels.Calculator(), structure);
        var shift = response.Parameters.ToList().IndexOf("shift_Cl");
        var anion = kernels.Kernels.Elements[kernels.Kernels.ElementIndex("Cl")].States.ToList().FindIndex(s => s.Name == "anion");
        var total = Enumerable.Range(0, structure.Count).Where(i => structure.Symbols[i] == "Cl").Sum(i => response.Result.Weights[i][anion]);
        Assert.Equal(total, response.FreeEnergy[shift], 12);
    }

    /// <summary>The fixed-weight derivatives (no dw/dp) fail the comparison the full ones pass, by two orders of magnitude or more.</summary>
    private void WithoutResponseWouldFail(ParameterResponse response, ParameterDifferences.Differences differences)
    {
        var worstForces = 0.0;
        var worstEnergy = 0.0;
        for (var p = 0; p < response.Parameters.Count; p++)
        {
            var unit = Math.Max(Math.Abs(kernels.File.InitialValues[p]), 1);
            worstForces = Math.Max(worstForces, Agreement.Ratio(response.ForcesAtFixedWeights[p], differences.Forces[p], unit));
            worstEnergy = Math.Max(worstEnergy, Agreement.Ratio([response.EnergyAtFixedWeights[p]], [differences.Energy[p]], unit));
        }
        Assert.True(worstForces > 100, $"forces without the weights' response are off by only {worstForces:G3} times the tolerance");
        Assert.True(worstEnergy > 100, $"E without the weights' response is off by only {worstEnergy:G3} times the tolerance");
    }
}
