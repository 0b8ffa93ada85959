using Latent.Runtime.Engine;
using Latent.Runtime.Engine.ChargeEquilibration;
using Latent.Runtime.Engine.Solver;
using Latent.Runtime.Structures;
using Xunit;

namespace Latent.Runtime.Tests.Engine.ChargeEquilibration;

/// <summary>
/// The charge solve of continuous charges (docs/model.md §8): Σq = Q holds, the charges minimise E (every change that
/// keeps the total raises it), the dense and the conjugate-gradient solves agree, a fixed μ gives every ∂E/∂q_i = μ,
/// the dimer has its closed form at every distance (fractional far apart, QEq's known failure, reported as it is),
/// and a geometry without a minimum is refused with where, not answered with a saddle point.
/// </summary>
public sealed class ChargeSolverTests
{
    private const double KeV = 14.3996454784;

    public static TheoryData<int, double, int> Cases => new()
    {
        { 2, 0.0, 128 }, { 5, 1.0, 128 }, { 6, -1.0, 128 }, { 7, 0.5, 128 },
        { 5, 1.0, 0 }, { 6, -1.0, 0 }, { 7, 0.0, 0 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_charges_sum_to_Q_and_every_change_that_keeps_it_raises_E(int atoms, double total, int denseLimit)
    {
        var s = NaClStructures.RandomCluster(atoms, atoms, box: 7);
        var result = QeqPotentials.Calculator(denseLimit, charge: ChargeCondition.TotalCharge(total)).Calculate(s);
        Assert.Equal(denseLimit == 0 ? ChargeSolveReport.ConjugateGradients : ChargeSolveReport.Dense, result.Report.Method);
        Assert.True(Math.Abs(result.Charges.Sum() - total) <= 1e-12, $"Σq = {result.Charges.Sum():R}, Q = {total}");

        var system = QeqPotentials.Cluster(s);
        var minimum = QeqPotentials.Energy(system, result.Charges);
        Assert.Equal(result.FreeEnergy, minimum, 10);
        var rng = new Random(atoms);
        for (var trial = 0; trial < 50; trial++)
        {
            // A random change of the charges with zero sum, from 0.1 e down to 10⁻⁴ e: E is quadratic, so a minimum
            // rises by the curvature times the square at every scale, and a saddle would fall along some of them.
            var delta = new double[atoms];
            for (var i = 0; i < atoms; i++)
                delta[i] = rng.NextDouble() - 0.5;
            var mean = delta.Average();
            var size = Math.Pow(10, -1 - 3 * rng.NextDouble());
            var moved = result.Charges.Select((q, i) => q + size * (delta[i] - mean)).ToArray();
            var energy = QeqPotentials.Energy(system, moved);
            Assert.True(energy > minimum, $"trial {trial}: E = {energy:R} at a change of {size:G3} e, below the solution's {minimum:R}");
        }
    }

    [Fact]
    public void The_dense_and_the_conjugate_gradient_solves_agree_in_a_periodic_cell()
    {
        var s = NaClStructures.RockSalt(5.64, repeat: 2, jiggle: 0.1, seed: 4);
        var dense = QeqPotentials.Calculator(denseLimit: 128).Calculate(s);
        var iterative = QeqPotentials.Calculator(denseLimit: 0).Calculate(s);
        Assert.Equal(ChargeSolveReport.Dense, dense.Report.Method);
        Assert.Equal(ChargeSolveReport.ConjugateGradients, iterative.Report.Method);
        for (var i = 0; i < s.Count; i++)
            Assert.True(Math.Abs(dense.Charges[i] - iterative.Charges[i]) <= 1e-11, $"atom {i}: {dense.Charges[i]:R} vs {iterative.Charges[i]:R}");
        Assert.Equal(dense.FreeEnergy, iterative.FreeEnergy, 9);
        Assert.Equal(dense.Lambda, iterative.Lambda, 9);
    }

    [Fact]
    public void A_warm_started_solve_after_a_move_agrees_with_a_cold_one()
    {
        var s = NaClStructures.RockSalt(5.64, repeat: 2, jiggle: 0.1, seed: 4);
        var warm = QeqPotentials.Calculator(denseLimit: 0);
        var first = warm.Calculate(s);
        s.X[3] += 0.05;
        var moved = warm.Calculate(s);
        var cold = QeqPotentials.Calculator(denseLimit: 0).Calculate(s);
        Assert.True(moved.Report.Iterations < first.Report.Iterations, $"warm {moved.Report.Iterations} iterations, cold {first.Report.Iterations}");
        for (var i = 0; i < s.Count; i++)
            Assert.True(Math.Abs(moved.Charges[i] - cold.Charges[i]) <= 1e-11);
    }

    [Theory]
    [InlineData(128)]
    [InlineData(0)]
    public void At_a_fixed_chemical_potential_every_gradient_is_mu_and_the_total_follows(int denseLimit)
    {
        var s = NaClStructures.RandomCluster(3, 6, box: 7);
        var mu = -4.0;
        var result = QeqPotentials.Calculator(denseLimit, charge: ChargeCondition.ChemicalPotential(mu)).Calculate(s);
        Assert.Equal(mu, result.Lambda);
        var system = QeqPotentials.Cluster(s);
        var gradient = new double[s.Count];
        system.Multiply(result.Charges, gradient);
        for (var i = 0; i < s.Count; i++)
            Assert.Equal(mu, gradient[i] + system.Electronegativity[i], 9);
        // Na gives electrons to the reservoir at this μ: the total is not zero.
        Assert.True(Math.Abs(result.Charges.Sum()) > 0.1);
    }

    /// <summary>q = (χ_Cl − χ_Na)/(J_Na + J_Cl − 2 k_e J_NaCl(r)) and E = −q(χ_Cl − χ_Na)/2 + φ.</summary>
    public static TheoryData<double> Distances => [2.36, 5.0, 10.0, 15.0, 20.0];

    [Theory]
    [MemberData(nameof(Distances))]
    public void The_dimer_has_its_closed_form_and_keeps_fractional_charges_far_apart(double r)
    {
        var result = QeqPotentials.Calculator().Calculate(NaClStructures.Dimer(r));
        // The file's χ = (IP₁ + EA)/2, J = IP₁ − EA and ζ = slater_exponent(EA), from the shipped atomic data.
        var (na, cl) = (Latent.Symbolic.PotentialFile.AtomicData.tryFind("Na").Value, Latent.Symbolic.PotentialFile.AtomicData.tryFind("Cl").Value);
        var (ipNa, eaNa, ipCl, eaCl) = (na.Ip1.Value, na.ElectronAffinity.Value, cl.Ip1.Value, cl.ElectronAffinity.Value);
        var (chiNa, jNa, chiCl, jCl) = ((ipNa + eaNa) / 2, ipNa - eaNa, (ipCl + eaCl) / 2, ipCl - eaCl);
        var zeta = (double ea) => Math.Sqrt(2 * ea / 27.211386246) / 0.529177210903;
        var coupling = KeV * SlaterIntegral(zeta(eaNa), zeta(eaCl), r);
        var switched = r <= 18 ? 1.0 : Switch(r);
        // Beyond r_on the switch blends the short-range part out: k_e J − k_e/r is what it multiplies.
        coupling = KeV / r + switched * (coupling - KeV / r);
        var q = (chiCl - chiNa) / (jNa + jCl - 2 * coupling);
        Assert.Equal(q, result.Charges[0], 12);
        Assert.Equal(-q, result.Charges[1], 12);
        if (r >= 10)
        {
            // Far past the crossing R_c = 9.43 Å, where atoms of integer charge are neutral, these stay fractional.
            Assert.InRange(result.Charges[0], 0.39, 0.5);
        }
    }

    private static double SlaterIntegral(double a, double b, double r)
    {
        var d = a * a - b * b;
        return 1 / r - Math.Exp(-2 * a * r) * (a * Math.Pow(b, 4) / (d * d) - Math.Pow(b, 4) * (b * b - 3 * a * a) / (d * d * d * r))
            - Math.Exp(-2 * b * r) * (b * Math.Pow(a, 4) / (d * d) + Math.Pow(a, 4) * (a * a - 3 * b * b) / (d * d * d * r));
    }

    private static double Switch(double r)
    {
        var t = (r - 18) / 2;
        return r >= 20 ? 0 : 1 - 10 * t * t * t + 15 * t * t * t * t - 6 * t * t * t * t * t;
    }

    [Fact]
    public void Rock_salt_charges_overshoot_the_formal_ones()
    {
        // The Madelung field of the perfect crystal at a = 5.64 Å drives the parabolas past ±1: docs/potentials.md.
        var crystal = NaClStructures.RockSalt(5.64);
        var result = new ChargeEquilibrationCalculator(QeqPotentials.Potential).Calculate(crystal);
        for (var i = 0; i < crystal.Count; i++)
            Assert.Equal(crystal.Symbols[i] == "Na" ? 2.075 : -2.075, result.Charges[i], 3);
    }

    [Fact]
    public void Without_a_minimum_the_dense_solve_refuses_and_names_the_pair()
    {
        var calculator = QeqPotentials.Calculator(potential: QeqPotentials.WithoutMinimumAtShortRange);
        var error = Assert.Throws<ChargeEquilibrationException>(() => calculator.Calculate(NaClStructures.Dimer(1.0)));
        Assert.True(error.NoMinimum);
        Assert.Contains("no minimum", error.Message);
        Assert.Contains("atoms 0 (Na) and 1 (Cl), 1 Å apart", error.Message);
        // Out of the catastrophe, the same potential solves.
        Assert.True(calculator.Calculate(NaClStructures.Dimer(2.36)).Charges[0] > 0);
    }

    [Fact]
    public void Without_a_minimum_the_iterative_solve_refuses_too()
    {
        // Lanczos on the cold solve finds the negative curvature before the conjugate gradients start.
        var calculator = QeqPotentials.Calculator(denseLimit: 0, potential: QeqPotentials.WithoutMinimumAtShortRange);
        var error = Assert.Throws<ChargeEquilibrationException>(() => calculator.Calculate(NaClStructures.Dimer(1.0)));
        Assert.True(error.NoMinimum);
        Assert.Contains("Lanczos", error.Message);

        // The conjugate gradients alone meet it as a direction of negative curvature.
        var system = QeqPotentials.Cluster(NaClStructures.Dimer(1.0), QeqPotentials.WithoutMinimumAtShortRange);
        var charges = new double[2];
        error = Assert.Throws<ChargeEquilibrationException>(() => new ConjugateGradientChargeSolve().Solve(system, ChargeCondition.TotalCharge(0), 1e-12, 100, charges));
        Assert.Contains("conjugate-gradient solve", error.Message);
    }

    [Fact]
    public void Lanczos_finds_the_lowest_curvature_of_a_crystal_whose_spectrum_runs_out_early()
    {
        // A perfect crystal's H has few distinct eigenvalues: the Krylov space ends after a handful of steps, where
        // Lanczos without reorthogonalisation turned round-off into values far below the spectrum (−2.3 eV/e² here).
        var s = NaClStructures.RockSalt(5.64, repeat: 2);
        var k = QeqPotentials.Potential;
        var list = new Latent.Runtime.Neighbours.NeighbourList(30, 0.5, Latent.Runtime.Neighbours.NeighbourListKind.Half);
        list.Update(s);
        var shortList = new Latent.Runtime.Neighbours.NeighbourList(k.Cutoff, 0.5, Latent.Runtime.Neighbours.NeighbourListKind.Half);
        shortList.Update(s);
        var system = new ChargeEquilibrationSystem(k, s, PairSet.FromNeighbourList(shortList, s, k.Cutoff), LongRangeCoulomb.DampedShiftedForce(0.1, 30),
            PairSet.FromNeighbourList(list, s, 30), new ParallelOptions { MaxDegreeOfParallelism = 1 });
        var n = s.Count;
        var h = new double[n * n];
        system.AssembleMatrix(h);
        // The lowest eigenvalue of H on Σq = 0 by MathNet: P H P without its zero along (1, …, 1).
        var matrix = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(n, n, (i, j) => h[i * n + j]);
        var projector = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseIdentity(n) - MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(n, n, 1.0 / n);
        var lowest = (projector * matrix * projector).Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric).EigenValues
            .Select(v => v.Real).OrderBy(v => v).Skip(1).First();
        foreach (var steps in new[] { 20, 60 })
            Assert.Equal(lowest, new LanczosCurvature().Lowest(system, project: true, steps), 8);
    }

    [Fact]
    public void Dynamics_that_reach_the_charge_catastrophe_stop_at_the_last_good_step()
    {
        // Na and Cl fly at each other from 2.2 Å; below 1.65 Å this potential's E(q) has no minimum.
        var s = NaClStructures.Dimer(2.2);
        var velocities = new Latent.Runtime.Dynamics.Velocities([new Vec3(0.1, 0, 0), new Vec3(-0.1, 0, 0)]);
        var run = Latent.Runtime.Dynamics.MolecularDynamics.Run(s, QeqPotentials.Calculator(potential: QeqPotentials.WithoutMinimumAtShortRange),
            new Latent.Runtime.Dynamics.VelocityVerlet(), 100, 1.0, new Latent.Runtime.Dynamics.MdOptions
            {
                Velocities = velocities,
                Watchdog = new() { MaxDriftPerAtom = double.PositiveInfinity },
            });
        Assert.NotNull(run.Stop);
        Assert.Equal(Latent.Runtime.Dynamics.Watchdog.StopReason.ChargeSolve, run.Stop!.Reason);
        Assert.Contains("E(q) has no minimum", run.Stop.Message);
        Assert.True(run.Steps < 100);
    }

    [Fact]
    public void Each_engine_refuses_the_other_kind_of_potential_and_continuous_charges_take_no_temperature()
    {
        Assert.Throws<ArgumentException>(() => new EnsembleCalculator(QeqPotentials.Potential));
        Assert.Throws<ArgumentException>(() => new ChargeEquilibrationCalculator(NaClStructures.Potential));
        Assert.Throws<ArgumentException>(() => new ChargeEquilibrationCalculator(QeqPotentials.Potential, new CalculatorOptions { Temperature = 0.1 }));
        Assert.IsType<ChargeEquilibrationCalculator>(EngineSelection.For(QeqPotentials.Potential));
        Assert.IsType<EnsembleCalculator>(EngineSelection.For(NaClStructures.Potential));
    }
}
