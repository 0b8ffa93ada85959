using Latent.Runtime.Engine;
using Latent.Runtime.Kernels;
using Latent.Runtime.Potentials;
using Latent.Runtime.Structures;
using Latent.Symbolic.Components;
using Xunit;

namespace Latent.Runtime.Tests.Engine;

/// <summary>
/// The shipped Cu potential, measured by the engine: what potentials/Cu.toml says it was fitted to
/// (Rose's a₀, E_c and B; the Voigt shear modulus, the unrelaxed vacancy energy and the Cu₂ binding
/// energy) and what its nearest-neighbour form then predicts (C11, C12, C44 and the dimer's bond).
/// The predicted numbers are the model's closed forms, derived independently of this code
/// (docs/potentials.md), so the engine, the kernels and the file are checked together.
/// </summary>
public sealed class CopperTests
{
    private const double A0 = 3.615;
    private const double Mass = 63.546;
    private static readonly Lazy<PotentialKernels> Kernels = new(() => new PotentialLoader().Load("Cu"));

    private static EnsembleCalculator Calculator() => new(Kernels.Value);

    private static Structure Crystal(double a = A0, int repeat = 1) => CubicCrystal.Build("Cu", Mass, "fcc", a, repeat);

    private static double IsolatedAtom() =>
        Calculator().Calculate(new Structure(["Cu"], [Vec3.Zero], [Mass], Cell.None)).FreeEnergy;

    /// <summary>C_ij = ∂σ_i/∂ε_j (GPa) by central differences of the stress; shear strains are tensor components.</summary>
    private static double[,] ElasticConstants()
    {
        const double h = 1e-5;
        var c = new double[6, 6];
        for (var j = 0; j < 6; j++)
        {
            var strain = new double[6];
            strain[j] = h;
            var plus = Calculator().GetStress(Crystal().Strained(strain));
            strain[j] = -h;
            var minus = Calculator().GetStress(Crystal().Strained(strain));
            // A tensor shear ε_yz = h is an engineering shear of 2h.
            var engineering = j < 3 ? 2 * h : 4 * h;
            for (var i = 0; i < 6; i++)
                c[i, j] = (plus[i] - minus[i]) / engineering / PhysicalConstants.Gigapascal;
        }

        return c;
    }

    [Fact]
    public void The_crystal_at_the_measured_lattice_constant_has_the_cohesive_energy_and_no_stress()
    {
        var crystal = Crystal();
        var result = Calculator().Calculate(crystal);
        Assert.Equal(-3.49, result.FreeEnergy / crystal.Count - IsolatedAtom(), 12);
        foreach (var s in Calculator().GetStress(crystal))
            Assert.True(Math.Abs(s) < 1e-12, $"stress {s} eV/Å³ at a₀");
        // Only nearest neighbours act: a 3×3×3 supercell has the same energy per atom.
        var big = Crystal(repeat: 3);
        Assert.Equal(result.FreeEnergy / crystal.Count, Calculator().Calculate(big).FreeEnergy / big.Count, 12);
    }

    [Fact]
    public void Elastic_constants_are_the_fitted_moduli_and_the_models_predictions()
    {
        var c = ElasticConstants();
        var (c11, c12, c44) = (c[0, 0], c[0, 1], c[3, 3]);
        // Cubic symmetry of the measured tensor.
        Assert.Equal(c11, c[1, 1], 6);
        Assert.Equal(c12, c[1, 2], 6);
        Assert.Equal(c44, c[5, 5], 6);
        Assert.True(Math.Abs(c[0, 3]) < 1e-6, $"C14 = {c[0, 3]}");

        // Fitted: B = 140 GPa through Rose's curve, (2C′ + 3C44)/5 = (2·23.5 + 3·75.4)/5 GPa through phi_e, gamma, beta.
        Assert.Equal(140.0, (c11 + 2 * c12) / 3, 3);
        Assert.Equal((2 * 23.5 + 3 * 75.4) / 5, (c11 - c12 + 3 * c44) / 5, 2);
        // Predicted by the nearest-neighbour form (experiment: 168.4, 121.4, 75.4 GPa).
        Assert.Equal(185.53, c11, 1);
        Assert.Equal(117.23, c12, 1);
        Assert.Equal(68.30, c44, 1);
    }

    [Fact]
    public void The_unrelaxed_vacancy_costs_the_measured_energy()
    {
        var perfect = Crystal(repeat: 3);
        var n = perfect.Count;
        var energy = Calculator().Calculate(perfect).FreeEnergy;
        var keep = Enumerable.Range(1, n - 1).ToArray();
        var vacancy = new Structure(keep.Select(i => perfect.Symbols[i]).ToArray(), keep.Select(perfect.Position).ToArray(), keep.Select(i => perfect.Masses[i]).ToArray(), perfect.Cell);
        var formation = Calculator().Calculate(vacancy).FreeEnergy - (n - 1.0) / n * energy;
        Assert.Equal(1.28, formation, 3);
    }

    [Fact]
    public void The_dimer_binds_by_the_measured_energy_at_the_models_bond_length()
    {
        var atom = IsolatedAtom();
        double Binding(double r) => 2 * atom - Calculator().Calculate(
            new Structure(["Cu", "Cu"], [Vec3.Zero, new Vec3(r, 0, 0)], [Mass, Mass], Cell.None)).FreeEnergy;
        // Golden-section search for the bond on [1.8, 2.6] Å.
        var (lo, hi) = (1.8, 2.6);
        var g = (Math.Sqrt(5) - 1) / 2;
        while (hi - lo > 1e-7)
        {
            var (x1, x2) = (hi - g * (hi - lo), lo + g * (hi - lo));
            if (Binding(x1) > Binding(x2)) hi = x2;
            else lo = x1;
        }

        var re = (lo + hi) / 2;
        Assert.Equal(2.03, Binding(re), 4);     // fitted: D_e of Cu₂
        Assert.Equal(2.1826, re, 3);            // predicted (experiment 2.2197 Å)
    }
}
