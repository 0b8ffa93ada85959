using Latent.Runtime.Dynamics;
using Latent.Runtime.Engine;
using Latent.Runtime.Kernels;
using Latent.Runtime.Potentials;
using Latent.Runtime.Structures;
using Latent.Symbolic.Components;
using Xunit;

namespace Latent.Runtime.Tests.Engine;

/// <summary>
/// The shipped Cu potential, measured by the engine: what potentials/Cu.toml was fitted to (a₀, E_c, B, C11,
/// C12, C44 and the unrelaxed vacancy of experiment, within issue 12's goals, and Rose's curve) and what it
/// then predicts (the relaxed vacancy, the intrinsic stacking fault, the Cu₂ dimer). The fitted numbers are
/// pinned to what `latent fit` left in the file, so a change to the file, the kernels or the engine that moves
/// one fails here; docs/potentials.md shows the same numbers.
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

    /// <summary>Energy per atom relative to the isolated atom (eV).</summary>
    private static double Binding(Structure s) => Calculator().Calculate(s).FreeEnergy / s.Count - IsolatedAtom();

    /// <summary>Rose's curve for the file's a₀ = 3.615 Å, E_c = 3.49 eV and B = 140 GPa.</summary>
    private static double Rose(double a)
    {
        var l = Math.Sqrt(3.49 / (9 * 140 * PhysicalConstants.Gigapascal * A0 * A0 * A0 / 4));
        var s = (a / A0 - 1) / l;
        return -3.49 * (1 + s + 0.05 * s * s * s) * Math.Exp(-s);
    }

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

    private static void WithinGoal(double experiment, double value, double fraction, string what) =>
        Assert.True(Math.Abs(value / experiment - 1) <= fraction, $"{what}: {value} against {experiment}, goal ±{fraction:P0}");

    private static Structure WithoutAtom(Structure perfect, int removed)
    {
        var keep = Enumerable.Range(0, perfect.Count).Where(i => i != removed).ToArray();
        return new Structure(keep.Select(i => perfect.Symbols[i]).ToArray(), keep.Select(perfect.Position).ToArray(), keep.Select(i => perfect.Masses[i]).ToArray(), perfect.Cell);
    }

    [Fact]
    public void The_crystal_at_the_measured_lattice_constant_has_the_cohesive_energy_and_no_stress()
    {
        // Both by construction: F(rho_e) closes E(a₀) = −E_c, and eta is the density's own slope there.
        var crystal = Crystal();
        Assert.Equal(-3.49, Binding(crystal), 12);
        foreach (var s in Calculator().GetStress(crystal))
            Assert.True(Math.Abs(s) < 1e-12, $"stress {s} eV/Å³ at a₀");
        // Four neighbour shells reach across the 3.615 Å cell into its images; a 3×3×3 supercell agrees.
        Assert.Equal(Binding(crystal), Binding(Crystal(repeat: 3)), 12);
    }

    [Fact]
    public void The_crystal_follows_Roses_curve_within_a_fraction_of_the_conditions_tolerance()
    {
        // The rose condition allows 1 meV/atom on [0.95, 1.1]·a₀; the fit put the file a tenth of that inside.
        foreach (var f in new[] { 0.95, 0.98, 1.02, 1.05, 1.08, 1.1 })
        {
            var a = f * A0;
            Assert.True(Math.Abs(Binding(Crystal(a)) - Rose(a)) < 1e-4, $"a = {a} Å: E = {Binding(Crystal(a))}, Rose {Rose(a)}");
        }
    }

    [Fact]
    public void Elastic_constants_are_the_fitted_ones_within_the_goals_and_anisotropic_as_copper()
    {
        var c = ElasticConstants();
        var (c11, c12, c44) = (c[0, 0], c[0, 1], c[3, 3]);
        // Cubic symmetry of the measured tensor.
        Assert.Equal(c11, c[1, 1], 6);
        Assert.Equal(c12, c[1, 2], 6);
        Assert.Equal(c44, c[5, 5], 6);
        Assert.True(Math.Abs(c[0, 3]) < 1e-6, $"C14 = {c[0, 3]}");

        // What the fit left (latent fit measures with ±1e-3 strains, to within 0.01 GPa of these).
        Assert.Equal(171.00, c11, 1);
        Assert.Equal(124.13, c12, 1);
        Assert.Equal(75.40, c44, 1);
        Assert.Equal(139.75, (c11 + 2 * c12) / 3, 1);
        // Issue 12's goals against experiment (room temperature: 168.4, 121.4, 75.4 GPa; B 140 GPa).
        WithinGoal(168.4, c11, 0.05, "C11");
        WithinGoal(121.4, c12, 0.05, "C12");
        WithinGoal(75.4, c44, 0.05, "C44");
        WithinGoal(140, (c11 + 2 * c12) / 3, 0.05, "B");
        // The shear anisotropy C44/C′ that a nearest-neighbour form fixes at 2: copper's 3.2.
        Assert.Equal(3.2, c44 / ((c11 - c12) / 2), 1);
    }

    [Fact]
    public void The_unrelaxed_vacancy_costs_the_measured_energy_and_relaxing_lowers_it_a_little()
    {
        var perfect = Crystal(repeat: 3);
        var n = perfect.Count;
        var energy = Calculator().Calculate(perfect).FreeEnergy;
        var vacancy = WithoutAtom(perfect, 0);
        var formation = Calculator().Calculate(vacancy).FreeEnergy - (n - 1.0) / n * energy;
        Assert.Equal(1.2799, formation, 4);
        WithinGoal(1.28, formation, 0.10, "unrelaxed vacancy formation energy");

        // Relaxing the atoms at fixed volume (predicted; experiment measures this one): 0.035 eV lower.
        var relaxed = Fire.Relax(vacancy, Calculator(), new RelaxOptions { Fmax = 1e-4, MaxSteps = 2000 });
        Assert.True(relaxed.Converged);
        Assert.Equal(0.0347, formation - (relaxed.Energy - (n - 1.0) / n * energy), 4);
    }

    [Fact]
    public void An_intrinsic_stacking_fault_costs_energy_which_needs_neighbours_past_the_second()
    {
        // Twelve (111) layers of 3×3 atoms, ABC-stacked; shifting the cell's third vector by the Shockley
        // partial a/6⟨112⟩ puts one intrinsic fault in each period. Only third and farther neighbours see it,
        // so the nearest-neighbour form gave 0; copper's is 41 ± 9 mJ/m² (weak-beam microscopy).
        var b = A0 / Math.Sqrt(2);
        var d = A0 / Math.Sqrt(3);
        var u = new Vec3(b, 0, 0);
        var v = new Vec3(b / 2, b * Math.Sqrt(3) / 2, 0);
        var partial = new Vec3(b / 2, b / (2 * Math.Sqrt(3)), 0);
        Structure Stack(Vec3 shiftOfC)
        {
            var positions = new List<Vec3>();
            for (var layer = 0; layer < 12; layer++)
                for (var i = 0; i < 3; i++)
                    for (var j = 0; j < 3; j++)
                        positions.Add(i * u + j * v + (layer % 3) * partial + new Vec3(0, 0, layer * d));
            var cell = new Cell(3 * u, 3 * v, shiftOfC + new Vec3(0, 0, 12 * d), true, true, true);
            return new Structure(positions.Select(_ => "Cu").ToArray(), positions.ToArray(), positions.Select(_ => Mass).ToArray(), cell);
        }

        var perfect = Stack(Vec3.Zero);
        Assert.Equal(-3.49, Binding(perfect), 12);
        var area = 9 * b * b * Math.Sqrt(3) / 2;
        var fault = (Calculator().Calculate(Stack(partial)).FreeEnergy - Calculator().Calculate(perfect).FreeEnergy) / area;
        Assert.Equal(42.8, fault * 16021.766, 1);   // mJ/m², unrelaxed
    }

    [Fact]
    public void The_dimer_is_the_forms_prediction()
    {
        var atom = IsolatedAtom();
        double Bond(double r) => 2 * atom - Calculator().Calculate(
            new Structure(["Cu", "Cu"], [Vec3.Zero, new Vec3(r, 0, 0)], [Mass, Mass], Cell.None)).FreeEnergy;
        // Golden-section search for the bond on [1.8, 2.6] Å.
        var (lo, hi) = (1.8, 2.6);
        var g = (Math.Sqrt(5) - 1) / 2;
        while (hi - lo > 1e-7)
        {
            var (x1, x2) = (hi - g * (hi - lo), lo + g * (hi - lo));
            if (Bond(x1) > Bond(x2)) hi = x2;
            else lo = x1;
        }

        var re = (lo + hi) / 2;
        // Predicted, not fitted (experiment: D_e 2.03 eV at 2.2197 Å): an embedding built on the crystal's
        // curve binds an atom with one neighbour too strongly (docs/potentials.md).
        Assert.Equal(3.2023, Bond(re), 3);
        Assert.Equal(2.1562, re, 3);
    }
}
