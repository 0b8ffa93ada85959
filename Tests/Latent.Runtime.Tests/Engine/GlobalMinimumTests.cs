using Latent.Runtime.Engine;
using Latent.Runtime.Engine.Solver;
using Latent.Runtime.Potentials;
using Latent.Runtime.Structures;
using Xunit;

namespace Latent.Runtime.Tests.Engine;

/// <summary>
/// The solver returns the global minimum of A over the weights: the compressed NaCl dimer is
/// ionic where the ionic configuration is lower (it was neutral up to 1.2 Å, 4.3 eV too high); crystals,
/// strongly compressed ones included, reach the lowest of every start; warm-started solves keep that
/// while staying cheap, and say when they switch branch. Each test that guards a start also shows that
/// the solver without pattern starts fails it, so it cannot pass for another reason.
/// </summary>
public sealed class GlobalMinimumTests
{
    private static double Theta => NaClStructures.Potential.Temperature;

    private static readonly ChargeCondition Neutral = ChargeCondition.TotalCharge(0);

    /// <summary>Weights with every atom in one state, named per element (Na cation, Cl anion, …).</summary>
    private static double[] Fixed(EnsembleSystem system, string naState, string clState)
    {
        var weights = new double[system.WeightCount];
        for (var i = 0; i < system.AtomCount; i++)
        {
            var element = system.Potential.Elements[system.ElementOf(i)];
            var state = element.Symbol == "Na" ? naState : clState;
            weights[system.StateOffset(i) + element.States.Select(s => s.Name).ToList().IndexOf(state)] = 1;
        }
        return weights;
    }

    [Fact]
    public void The_compressed_NaCl_dimer_is_ionic_where_the_ionic_configuration_is_lower()
    {
        var weak = new List<double>();
        for (var r = 0.9; r <= 2.0 + 1e-9; r += 0.05)
        {
            var system = LatentSolverTests.SystemOf(NaClStructures.Dimer(r));
            // The two configurations at their own fixed weights, independent of any minimisation.
            var ionic = system.FreeEnergy(Fixed(system, "cation", "anion"), Theta).FreeEnergy;
            var neutral = system.FreeEnergy(Fixed(system, "neutral", "neutral"), Theta).FreeEnergy;
            Assert.True(ionic < neutral - 2, $"r = {r:F2} Å: ionic {ionic}, neutral {neutral}");

            var solution = new LatentSolver().Solve(system, Theta, Neutral);
            Assert.True(solution.FreeEnergy <= ionic + 1e-9, $"r = {r:F2} Å: A = {solution.FreeEnergy} eV above the ionic configuration's {ionic} eV ({solution.Report.Start})");
            Assert.True(ionic - solution.FreeEnergy < 0.01, $"r = {r:F2} Å: A = {solution.FreeEnergy} eV, ionic {ionic} eV");
            var charges = new double[2];
            system.Charges(solution.Weights, charges);
            Assert.Equal(1, charges[0], 3);

            weak.Add(new LatentSolver(new SolverOptions { PatternStarts = false }).Solve(system, Theta, Neutral).FreeEnergy - ionic);
        }
        // Without the pattern starts (the solver as it was before them) the points up to 1.2 Å stayed neutral, 2.7 to 4.3 eV too high.
        Assert.True(weak.Count(excess => excess > 2.5) >= 7, string.Join(", ", weak));
    }

    [Fact]
    public void At_1_2_angstrom_the_NaCl_dimer_has_the_ionic_free_energy()
    {
        var system = LatentSolverTests.SystemOf(NaClStructures.Dimer(1.2));
        var ionic = system.FreeEnergy(Fixed(system, "cation", "anion"), Theta).FreeEnergy;
        var solution = new LatentSolver().Solve(system, Theta, Neutral);
        // About 21.23 eV with the fitted repulsion (with the hand-set one it was 19.55 eV, the number,
        // against 23.85 eV for the neutral atoms the solver reported then).
        Assert.InRange(ionic, 21.2, 21.3);
        Assert.Equal(ionic, solution.FreeEnergy, 3);
    }

    public static TheoryData<double> LatticeConstants => [5.64, 5.0, 4.5, 4.0, 3.5];

    /// <summary>
    /// The 8-atom rock-salt cell, jiggled, from equilibrium to strongly compressed: the default cold solve
    /// (per-element patterns; 1107 integer patterns are above the default limit) reaches the lowest of
    /// every integer charge pattern of the cell, a brute force over all 1107.
    /// </summary>
    [Theory]
    [MemberData(nameof(LatticeConstants))]
    public void A_rock_salt_cell_reaches_the_lowest_of_every_integer_pattern(double a)
    {
        var structure = NaClStructures.RockSalt(a, jiggle: 0.05, seed: 3);
        var system = EnsembleSystemTests.SystemFor(structure);
        var solved = new LatentSolver().Solve(system, Theta, Neutral);
        var brute = new LatentSolver(new SolverOptions { ExhaustiveLimit = 2000 }).Solve(system, Theta, Neutral);
        Assert.Equal(1107 + 3, brute.Report.Starts);
        Assert.True(solved.FreeEnergy <= brute.FreeEnergy + 1e-9 * Math.Abs(brute.FreeEnergy), $"a = {a} Å: {solved.FreeEnergy} eV ({solved.Report.Start}) against {brute.FreeEnergy} eV ({brute.Report.Start})");
    }

    /// <summary>At 3.5 Å the anneal and the other old starts end 0.48 eV per atom above the ionic minimum the patterns find.</summary>
    [Fact]
    public void Without_pattern_starts_the_compressed_rock_salt_cell_misses_its_minimum()
    {
        var structure = NaClStructures.RockSalt(3.5);
        var system = EnsembleSystemTests.SystemFor(structure);
        var solved = new LatentSolver().Solve(system, Theta, Neutral);
        var weak = new LatentSolver(new SolverOptions { PatternStarts = false }).Solve(system, Theta, Neutral);
        Assert.True(weak.FreeEnergy - solved.FreeEnergy > 0.3 * structure.Count, $"{weak.FreeEnergy} against {solved.FreeEnergy}");
    }

    /// <summary>Cu has one state per element: nothing to search, and the general solver (one pattern) agrees with the fixed-weight step.</summary>
    [Fact]
    public void Copper_fcc_has_its_only_configuration()
    {
        var cu = new PotentialLoader().Load("Cu");
        var crystal = CubicCrystal.Build("Cu", 63.546, "fcc", 3.615, 2).Jiggled(0.05, seed: 1);
        var fixedStep = new EnsembleCalculator(cu).Calculate(crystal);
        var general = new EnsembleCalculator(cu, new CalculatorOptions { Specialised = false }).Calculate(crystal);
        Assert.True(fixedStep.Report.WeightsFixed);
        Assert.Equal(fixedStep.FreeEnergy, general.FreeEnergy, 9);
    }

    /// <summary>
    /// Walking the dimer inward from 12 Å warm-started (as relaxation does), every point equals a cold full
    /// search, and the one branch switch, neutral to ionic inside the crossing, is reported once.
    /// </summary>
    [Fact]
    public void A_warm_walk_switches_branch_once_and_says_so()
    {
        var warm = new EnsembleCalculator(NaClStructures.Potential, new CalculatorOptions { Threads = 1 });
        var cold = new EnsembleCalculator(NaClStructures.Potential, new CalculatorOptions { Threads = 1, Solver = new SolverOptions { Anneal = Annealing.Always } });
        var switches = new List<double>();
        for (var r = 12.0; r >= 1.0 - 1e-9; r -= 0.1)
        {
            var walked = warm.Calculate(NaClStructures.Dimer(r));
            var full = cold.Calculate(NaClStructures.Dimer(r));
            Assert.True(Math.Abs(walked.FreeEnergy - full.FreeEnergy) < 1e-9, $"r = {r:F1} Å: warm {walked.FreeEnergy}, cold {full.FreeEnergy}");
            if (walked.Report.BranchSwitch)
                switches.Add(r);
            Assert.Equal(r < 11.95, !walked.Report.FullSearch);
        }
        var only = Assert.Single(switches);
        Assert.InRange(only, 8.5, 9.5);
    }

    /// <summary>
    /// The probe: a cell warm-started from its neutral minimum (a local one) sees the ionic pattern far below
    /// it, runs the full search and switches; without the probe (and no recheck due) it stays neutral.
    /// </summary>
    [Fact]
    public void The_probe_catches_a_warm_start_on_a_higher_branch()
    {
        var system = EnsembleSystemTests.SystemFor(NaClStructures.RockSalt(jiggle: 0.05, seed: 3));
        var options = new SolverOptions();
        var work = new SolverWorkspace(system.WeightCount, system.AtomCount, options.History);
        var neutralMinimum = OptimalDamping.Minimise(system, Theta, Neutral, Fixed(system, "neutral", "neutral"), 0, options.Tolerance, options.MaxIterations, work, work.StartResult);
        var previous = new LatentSolution((double[])work.StartResult.Clone(), neutralMinimum.Lambda, neutralMinimum.FreeEnergy, neutralMinimum.ToReport());

        var probed = new LatentSolver().Solve(system, Theta, Neutral, previous);
        Assert.True(probed.Report.FullSearch);
        Assert.True(probed.Report.BranchSwitch);
        Assert.True(probed.FreeEnergy < neutralMinimum.FreeEnergy - 10, $"{probed.FreeEnergy} against {neutralMinimum.FreeEnergy}");

        var blind = new LatentSolver(new SolverOptions { ProbeMargin = -1, RecheckInterval = 0 }).Solve(system, Theta, Neutral, previous);
        Assert.False(blind.Report.FullSearch);
        Assert.False(blind.Report.BranchSwitch);
        Assert.Equal(neutralMinimum.FreeEnergy, blind.FreeEnergy, 9);
    }

    /// <summary>With the probe off, every third warm solve is a full search: RecheckInterval counts warm solves since the last.</summary>
    [Fact]
    public void A_full_search_recurs_every_recheck_interval()
    {
        var structure = NaClStructures.RockSalt(jiggle: 0.05, seed: 3);
        var calculator = new EnsembleCalculator(NaClStructures.Potential, new CalculatorOptions { Threads = 1, Solver = new SolverOptions { ProbeMargin = -1, RecheckInterval = 3 } });
        var full = new List<bool>();
        for (var step = 0; step < 7; step++)
        {
            structure.X[0] += 0.002;
            full.Add(calculator.Calculate(structure).Report.FullSearch);
        }
        Assert.Equal([true, false, false, true, false, false, true], full);
    }

    /// <summary>The integer patterns against a brute force over every assignment: the same set, each once, in any charge condition.</summary>
    [Theory]
    [InlineData(2, 0.0)]
    [InlineData(6, 0.0)]
    [InlineData(6, 1.0)]
    [InlineData(6, -2.0)]
    [InlineData(5, 3.0)]
    public void The_integer_patterns_are_every_assignment_with_the_total_charge(int atoms, double q)
    {
        var system = LatentSolverTests.SystemOf(atoms == 2 ? NaClStructures.Dimer(2.4) : NaClStructures.RandomCluster(1, atoms));
        var expected = new HashSet<string>();
        var states = Enumerable.Range(0, atoms).Select(system.StateCount).ToArray();
        var total = states.Aggregate(1, (p, s) => p * s);
        var charges = system.StateCharges.ToArray();
        for (var code = 0; code < total; code++)
        {
            var (rest, sum, key) = (code, 0.0, "");
            for (var i = 0; i < atoms; i++)
            {
                var a = rest % states[i];
                rest /= states[i];
                sum += charges[system.StateOffset(i) + a];
                key += a;
            }
            if (sum == q)
                expected.Add(key);
        }

        var patterns = new IntegerPatterns();
        Assert.Equal(expected.Count, patterns.Prepare(system, ChargeCondition.TotalCharge(q), 10_000));
        var found = new List<string>();
        var weights = new double[system.WeightCount];
        while (patterns.Next(system, weights))
            found.Add(string.Concat(Enumerable.Range(0, atoms).Select(i => Enumerable.Range(0, states[i]).Single(a => weights[system.StateOffset(i) + a] == 1))));
        Assert.Equal(expected.OrderBy(k => k, StringComparer.Ordinal), found.OrderBy(k => k, StringComparer.Ordinal));
        Assert.Equal(atoms * 1.0, weights.Sum());
        if (atoms == 6 && q == 0)
            Assert.Equal(141, found.Count);
    }

    [Fact]
    public void Too_many_patterns_or_a_fractional_charge_give_no_enumeration()
    {
        var system = LatentSolverTests.SystemOf(NaClStructures.RandomCluster(1, 6));
        var patterns = new IntegerPatterns();
        Assert.Equal(-1, patterns.Prepare(system, Neutral, 140));
        Assert.Equal(141, patterns.Prepare(system, Neutral, 141));
        Assert.Equal(-1, patterns.Prepare(system, ChargeCondition.TotalCharge(0.5), 10_000));
        Assert.Equal(729, patterns.Prepare(system, ChargeCondition.ChemicalPotential(-3), 10_000));
    }

    /// <summary>The rock-salt cell's per-element patterns at Q = 0: neutral, Na⁺Cl⁻ and the inverted Na⁻Cl⁺; none at Q = 1; all nine at a fixed λ.</summary>
    [Fact]
    public void The_per_element_patterns_of_rock_salt_are_its_three_homogeneous_branches()
    {
        var system = EnsembleSystemTests.SystemFor(NaClStructures.RockSalt());
        static int Count(EnsembleSystem system, ChargeCondition condition, List<double[]>? into = null)
        {
            var patterns = new ElementPatterns();
            patterns.Prepare(system, condition);
            var weights = new double[system.WeightCount];
            var n = 0;
            while (patterns.Next(system, weights))
            {
                into?.Add((double[])weights.Clone());
                n++;
            }
            return n;
        }
        var found = new List<double[]>();
        Assert.Equal(3, Count(system, Neutral, found));
        Assert.Equal(Fixed(system, "neutral", "neutral"), found[0]);
        Assert.Contains(found, w => w.SequenceEqual(Fixed(system, "cation", "anion")));
        Assert.Contains(found, w => w.SequenceEqual(Fixed(system, "anion", "cation")));
        Assert.Equal(0, Count(system, ChargeCondition.TotalCharge(1)));
        Assert.Equal(9, Count(system, ChargeCondition.ChemicalPotential(-3)));
    }
}
