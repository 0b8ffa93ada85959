using System.Globalization;
using Latent.Runtime.Engine;
using Latent.Runtime.Structures;
using Xunit;
using Latent.Runtime.Engine.Solver;

namespace Latent.Runtime.Tests.Engine;

/// <summary>
/// The solver on small NaCl systems under the shipped potential: what it returns is a minimum's
/// stationarity condition (the weights are the Boltzmann weights of their own ε at the returned λ) under
/// the charge condition asked for; with several starts the lowest result is kept; a warm start from a
/// solution needs almost no work; and a charge no weights can reach is a clear error.
/// </summary>
public sealed class LatentSolverTests
{
    private static double Theta => NaClStructures.Potential.Temperature;

    /// <summary>The system of a cluster: every pair within the cutoff, the Coulomb tail summed directly.</summary>
    internal static EnsembleSystem SystemOf(Structure structure)
    {
        var potential = NaClStructures.Potential;
        return new EnsembleSystem(potential, structure, PairSet.AllPairs(structure, potential.Cutoff), LongRangeCoulomb.Direct(), null);
    }

    /// <summary>Dimers inside and beyond the ionic–covalent crossing, and random clusters.</summary>
    public static TheoryData<string> Systems => ["dimer 2.4", "dimer 6", "cluster 1", "cluster 2", "cluster 3"];

    private static Structure Named(string name) => name.Split(' ') switch
    {
        ["dimer", var r] => NaClStructures.Dimer(double.Parse(r, CultureInfo.InvariantCulture)),
        ["cluster", var seed] => NaClStructures.RandomCluster(int.Parse(seed, CultureInfo.InvariantCulture), 6),
        _ => throw new ArgumentException(name),
    };

    private static double TotalCharge(EnsembleSystem system, double[] weights)
    {
        var s = 0.0;
        for (var k = 0; k < weights.Length; k++)
            s += weights[k] * system.StateCharges[k];
        return s;
    }

    /// <summary>Largest difference between the weights and the Boltzmann weights of their own ε at λ.</summary>
    private static double Stationarity(EnsembleSystem system, double[] weights, double lambda)
    {
        var epsilon = new double[system.WeightCount];
        system.Epsilon(weights, epsilon);
        var boltzmann = new double[system.WeightCount];
        BoltzmannWeights.AtLambda(system, epsilon, Theta, lambda, boltzmann);
        return weights.Select((w, k) => Math.Abs(w - boltzmann[k])).Max();
    }

    [Theory]
    [MemberData(nameof(Systems))]
    public void The_solution_is_the_Boltzmann_distribution_of_its_own_epsilon(string name)
    {
        var system = SystemOf(Named(name));
        var solution = new LatentSolver().Solve(system, Theta, ChargeCondition.TotalCharge(0));
        Assert.True(Stationarity(system, solution.Weights, solution.Lambda) <= 1e-9, $"{name}: off by {Stationarity(system, solution.Weights, solution.Lambda):E2}");
        Assert.True(solution.Report.Residual <= new SolverOptions().Tolerance);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-1.0)]
    [InlineData(0.5)]
    [InlineData(-2.75)]
    public void The_total_charge_meets_the_condition(double q)
    {
        foreach (var seed in new[] { 1, 2 })
        {
            var system = SystemOf(NaClStructures.RandomCluster(seed, 6));
            var solution = new LatentSolver().Solve(system, Theta, ChargeCondition.TotalCharge(q));
            Assert.True(Math.Abs(TotalCharge(system, solution.Weights) - q) <= 1e-12, $"Σq = {TotalCharge(system, solution.Weights):R} for Q = {q}");
            Assert.True(Stationarity(system, solution.Weights, solution.Lambda) <= 1e-9);
        }
    }

    [Theory]
    [InlineData(-6.0)]
    [InlineData(-3.0)]
    [InlineData(1.0)]
    [InlineData(6.0)]
    public void At_a_fixed_chemical_potential_the_weights_are_stationary_at_that_lambda(double lambda)
    {
        var system = SystemOf(NaClStructures.RandomCluster(2, 6));
        var solution = new LatentSolver().Solve(system, Theta, ChargeCondition.ChemicalPotential(lambda));
        Assert.Equal(lambda, solution.Lambda);
        Assert.True(Stationarity(system, solution.Weights, lambda) <= 1e-9);
    }

    [Fact]
    public void A_higher_chemical_potential_draws_more_electrons_out()
    {
        var system = SystemOf(NaClStructures.RandomCluster(2, 6));
        var charges = new[] { -6.0, -3.0, 1.0, 6.0 }.Select(l => TotalCharge(system, new LatentSolver().Solve(system, Theta, ChargeCondition.ChemicalPotential(l)).Weights)).ToArray();
        for (var k = 1; k < charges.Length; k++)
            Assert.True(charges[k] > charges[k - 1], $"Σq = {string.Join(", ", charges)}");
    }

    /// <summary>
    /// Each start of a cold solve minimised alone, in the solver's order (anneal, neutral atoms, charge
    /// equalisation, every integer charge pattern), against the solver: it returns the first of the lowest,
    /// bit for bit, and names it. In the 6 Å dimer the anneal and neutral atoms stay neutral while charge
    /// equalisation finds the ionic minimum, almost 1 eV lower; in the cluster the anneal wins.
    /// </summary>
    [Theory]
    [InlineData("dimer 6", "charge equalisation")]
    [InlineData("cluster 2", "annealing")]
    public void A_cold_solve_keeps_the_lowest_start(string name, string winner)
    {
        var system = SystemOf(Named(name));
        var condition = ChargeCondition.TotalCharge(0);
        var compared = new LatentSolver().Solve(system, Theta, condition);

        var options = new SolverOptions();
        var work = new SolverWorkspace(system.WeightCount, system.AtomCount, options.History);
        var alone = new List<(string Start, double FreeEnergy, double[] Weights)>();
        void Keep(SolveOutcome outcome, string start) => alone.Add((start, outcome.FreeEnergy, (double[])work.StartResult.Clone()));
        Keep(WeightStarts.Annealed(system, Theta, condition, options, work), "annealing");
        SolveOutcome From(double[] start) => OptimalDamping.Minimise(system, Theta, condition, start, 0, options.Tolerance, options.MaxIterations, work, work.StartResult);
        Keep(From(WeightStarts.IsolatedAtoms(system, new double[system.WeightCount])), "neutral atoms");
        Keep(From(ChargeEqualisationStart.Weights(system, condition)!), "charge equalisation");
        var patterns = new IntegerPatterns();
        Assert.True(patterns.Prepare(system, condition, options.ExhaustiveLimit) > 0);
        var vertex = new double[system.WeightCount];
        while (patterns.Next(system, vertex))
            Keep(From(vertex), "integer charge pattern");
        Assert.True(alone.Max(s => s.FreeEnergy) - alone.Min(s => s.FreeEnergy) > 0.5, "the starts should end in different minima here");

        var lowest = alone.Min(s => s.FreeEnergy);
        var first = alone.First(s => s.FreeEnergy <= lowest + 1e-12 * Math.Max(1, Math.Abs(lowest)));
        Assert.Equal(winner, compared.Report.Start);
        Assert.Equal(first.Start, compared.Report.Start);
        Assert.Equal(first.FreeEnergy, compared.FreeEnergy);
        Assert.Equal(first.Weights, compared.Weights);
        Assert.Equal(alone.Count, compared.Report.Starts);
        Assert.True(compared.Report.FullSearch);
    }

    /// <summary>
    /// The previous solution alone (no patterns, no probe) converges in an iteration or two; with the
    /// default policy it still wins (no branch switch), a dimer adds its 3 integer patterns and a cluster
    /// only the probe, so neither is a full search.
    /// </summary>
    [Theory]
    [MemberData(nameof(Systems))]
    public void A_warm_start_from_the_solution_converges_at_once(string name)
    {
        var system = SystemOf(Named(name));
        var alone = new LatentSolver(new SolverOptions { WarmExhaustiveLimit = 0, ProbeMargin = -1 });
        var cold = alone.Solve(system, Theta, ChargeCondition.TotalCharge(0));
        var warm = alone.Solve(system, Theta, ChargeCondition.TotalCharge(0), cold);
        Assert.Equal("previous solution", warm.Report.Start);
        Assert.Equal(1, warm.Report.Starts);
        Assert.True(warm.Report.Iterations <= 2, $"{warm.Report.Iterations} iterations");
        Assert.Equal(cold.FreeEnergy, warm.FreeEnergy, 12);
        Assert.True(cold.Report.Iterations > 10 * warm.Report.Iterations, $"cold {cold.Report.Iterations}, warm {warm.Report.Iterations}");

        var solver = new LatentSolver();
        var policy = solver.Solve(system, Theta, ChargeCondition.TotalCharge(0), solver.Solve(system, Theta, ChargeCondition.TotalCharge(0)));
        Assert.Equal("previous solution", policy.Report.Start);
        Assert.False(policy.Report.BranchSwitch);
        Assert.False(policy.Report.FullSearch);
        Assert.Equal(name.StartsWith("dimer", StringComparison.Ordinal) ? 4 : 1, policy.Report.Starts);
        Assert.Equal(cold.FreeEnergy, policy.FreeEnergy, 12);
    }

    [Fact]
    public void An_unreachable_total_charge_throws_and_says_what_is_reachable()
    {
        var system = SystemOf(NaClStructures.Dimer(2.4));
        var e = Assert.Throws<LatentSolverException>(() => new LatentSolver().Solve(system, Theta, ChargeCondition.TotalCharge(2.5)));
        Assert.Contains("a total charge of 2.5 e cannot be reached", e.Message);
        Assert.Contains("between -2 and 2 e", e.Message);
        Assert.Throws<LatentSolverException>(() => new LatentSolver().Solve(system, Theta, ChargeCondition.TotalCharge(-2.001)));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.01)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NaN)]
    public void A_temperature_that_is_not_positive_and_finite_is_refused(double theta)
    {
        var system = SystemOf(NaClStructures.Dimer(2.4));
        Assert.Throws<ArgumentException>(() => new LatentSolver().Solve(system, theta, ChargeCondition.TotalCharge(0)));
    }
}
