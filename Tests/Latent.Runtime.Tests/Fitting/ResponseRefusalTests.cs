using Latent.Runtime.Engine;
using Latent.Runtime.Fitting.Response;
using Latent.Runtime.Potentials;
using Latent.Runtime.Structures;
using Latent.Runtime.Tests.Engine;
using Latent.Symbolic.PotentialFile;
using Xunit;

namespace Latent.Runtime.Tests.Fitting;

/// <summary>The parameter response refuses, with a message naming the structure (and atom or parameter), what it cannot differentiate.</summary>
public sealed class ResponseRefusalTests
{
    private static string Data(string name) => Path.Combine(AppContext.BaseDirectory, "Fitting", "Data", name + ".toml");

    [Fact]
    public void Kernels_without_fitted_parameters_are_refused()
    {
        var kernels = new PotentialLoader().Load(Path.Combine(AppContext.BaseDirectory, "Engine", "Data", "NeutralStates.toml"));
        var dimer = new Structure(["Cu", "Cu"], [Vec3.Zero, new Vec3(2.5, 0, 0)], [63.5, 63.5], Cell.None);
        var e = Assert.Throws<ParameterResponseException>(() => ParameterResponse.Evaluate(new EnsembleCalculator(kernels), dimer));
        Assert.Contains("the cluster Cu2 (2 atoms)", e.Message);
        Assert.Contains("NeutralStates has no fitted parameters", e.Message);
        Assert.Contains("[fitting]", e.Message);
    }

    [Fact]
    public void A_derivative_that_is_not_finite_is_refused_naming_the_atom_and_parameter()
    {
        var kernels = new PotentialLoader().Load(Data("NonFiniteGradient"));
        var mass = AtomicData.tryFind("Cu").Value.Mass;
        var trimer = new Structure(["Cu", "Cu", "Cu"], [Vec3.Zero, new Vec3(2.5, 0, 0), new Vec3(1.1, 2.2, 0.3)], [mass, mass, mass], Cell.None);
        var calculator = new EnsembleCalculator(kernels);
        // The engine's own numbers are finite: only the derivative in c0 is not.
        Assert.True(double.IsFinite(calculator.Calculate(trimer).FreeEnergy));
        var e = Assert.Throws<ParameterResponseException>(() => ParameterResponse.Evaluate(calculator, trimer));
        Assert.Equal("c0", e.Parameter);
        Assert.Equal(0, e.Atom);
        Assert.Equal("the cluster Cu3 (3 atoms): the derivative of the force of atom 0 (Cu) in c0 is not finite: the potential's gradient in c0 is not defined at this configuration", e.Message);
    }

    [Fact]
    public void A_singular_response_is_refused()
    {
        // One Na atom with weights ½, ½, 0 and a curvature −4θ on its first state: θ I + P K has the null vector
        // (1, −1, 0), the spinodal where the minimum along that direction flattens out.
        var kernels = NaClStructures.Potential;
        var atom = new Structure(["Na"], [Vec3.Zero], [NaClStructures.Mass("Na")], Cell.None);
        var atoms = new AtomStates(kernels, atom);
        const double theta = 0.025;
        var hessian = new double[3, 3];
        hessian[0, 0] = -4 * theta;
        var e = Assert.Throws<ParameterResponseException>(() =>
            WeightResponse.Solve(hessian, atoms, [0.5, 0.5, 0], theta, fixedCharge: false, [new double[] { 1, 0, 0 }], "the cluster Na (1 atom)"));
        Assert.StartsWith("the cluster Na (1 atom): the weights' response to the parameters is singular", e.Message);
        // Off the spinodal the same system solves: δw moves weight between the two occupied states only.
        hessian[0, 0] = -2 * theta;
        var dw = WeightResponse.Solve(hessian, atoms, [0.5, 0.5, 0], theta, fixedCharge: false, [new double[] { 1, 0, 0 }], "the cluster Na (1 atom)")[0];
        Assert.Equal(0, dw.Sum(), 14);
        Assert.Equal(0, dw[2], 14);
        Assert.True(dw[0] < 0, "raising the first state's ε moves weight off it");
    }
}
