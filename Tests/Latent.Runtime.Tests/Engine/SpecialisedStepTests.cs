using Latent.Runtime.Engine;
using Latent.Runtime.Kernels;
using Latent.Runtime.Neighbours;
using Latent.Runtime.Potentials;
using Latent.Runtime.Structures;
using Latent.Runtime.Tests.Compilation;
using Xunit;

namespace Latent.Runtime.Tests.Engine;

/// <summary>
/// The step specialised to the potential (<see cref="StepPlan"/>) against the general step
/// (<see cref="CalculatorOptions.Specialised"/> false) on every shipped potential and on three files written
/// for these tests (Engine/Data), each at the boundary of a shortcut: fixed charged ions (one state per
/// element, charged: fixed weights but the long-range sum kept), two neutral states beside a one-state
/// element (weights solved, no long-range sum), and a charged state that is never occupied (no shortcut at
/// all). Energies, forces, stress, charges and weights agree to round-off, for periodic cells and clusters.
/// </summary>
public sealed class SpecialisedStepTests : IClassFixture<SpecialisedStepTests.Potentials>
{
    private readonly Potentials potentials;

    public SpecialisedStepTests(Potentials potentials) => this.potentials = potentials;

    /// <summary>The test potentials, compiled once into a temporary cache.</summary>
    public sealed class Potentials : IDisposable
    {
        private readonly TempCache cache = new();
        private readonly Dictionary<string, PotentialKernels> loaded = [];

        public PotentialKernels this[string name]
        {
            get
            {
                lock (loaded)
                {
                    if (!loaded.TryGetValue(name, out var kernels))
                    {
                        var loader = new PotentialLoader(cache.Loader());
                        var path = Path.Combine(AppContext.BaseDirectory, "Engine", "Data", name + ".toml");
                        kernels = loader.Load(File.Exists(path) ? path : name);
                        loaded[name] = kernels;
                    }
                    return kernels;
                }
            }
        }

        public void Dispose() => cache.Dispose();
    }

    public static TheoryData<string, bool, bool> Plans => new()
    {
        { "Cu", false, false },
        { "NaCl", true, true },
        { "FixedIons", false, true },
        { "NeutralStates", true, false },
        { "UnoccupiedCation", true, true },
    };

    [Theory]
    [MemberData(nameof(Plans))]
    public void The_plan_is_decided_from_the_states(string potential, bool solvesWeights, bool hasCharges)
    {
        var plan = StepPlan.For(potentials[potential]);
        Assert.Equal(solvesWeights, plan.SolvesWeights);
        Assert.Equal(hasCharges, plan.HasCharges);
        Assert.Equal(StepPlan.General, new EnsembleCalculator(potentials[potential], new CalculatorOptions { Specialised = false }).Plan);
    }

    public static TheoryData<string, bool> Cases => new()
    {
        { "Cu", true },
        { "Cu", false },
        { "NaCl", true },
        { "FixedIons", true },
        { "FixedIons", false },
        { "NeutralStates", true },
        { "NeutralStates", false },
        { "UnoccupiedCation", true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Specialised_and_general_steps_agree(string potential, bool periodic)
    {
        var kernels = potentials[potential];
        var structure = Structure(potential, periodic);
        var specialised = new EnsembleCalculator(kernels).Calculate(structure);
        var general = new EnsembleCalculator(kernels, new CalculatorOptions { Specialised = false }).Calculate(structure);

        var scale = Math.Max(1, Math.Abs(general.FreeEnergy));
        Assert.Equal(general.FreeEnergy, specialised.FreeEnergy, 1e-11 * scale);
        Assert.Equal(general.InternalEnergy, specialised.InternalEnergy, 1e-11 * scale);
        for (var i = 0; i < structure.Count; i++)
        {
            Assert.Equal(general.Forces[i].X, specialised.Forces[i].X, 1e-9);
            Assert.Equal(general.Forces[i].Y, specialised.Forces[i].Y, 1e-9);
            Assert.Equal(general.Forces[i].Z, specialised.Forces[i].Z, 1e-9);
            Assert.Equal(general.Charges[i], specialised.Charges[i], 1e-9);
            Assert.Equal(general.Weights[i].Length, specialised.Weights[i].Length);
            for (var a = 0; a < general.Weights[i].Length; a++)
                Assert.Equal(general.Weights[i][a], specialised.Weights[i][a], 1e-9);
            Assert.Equal(general.Terms.AtomFreeEnergy(i), specialised.Terms.AtomFreeEnergy(i), 1e-10);
            Assert.Equal(general.Terms.Embedding[i], specialised.Terms.Embedding[i], 1e-10);
            Assert.Equal(general.Terms.Pair[i], specialised.Terms.Pair[i], 1e-10);
            Assert.Equal(general.Terms.Electrostatic[i], specialised.Terms.Electrostatic[i], 1e-10);
        }
        Assert.Equal(general.Stress is null, specialised.Stress is null);
        if (general.Stress is not null)
        {
            for (var k = 0; k < 6; k++)
                Assert.Equal(general.Stress[k], specialised.Stress![k], 1e-12);
        }
        // The shortcut is taken exactly where the plan says, and the test structures exercise what it keeps.
        Assert.Equal(!StepPlan.For(kernels).SolvesWeights, specialised.Report.WeightsFixed);
        Assert.True(structure.Count > 1 && Math.Abs(general.FreeEnergy - specialised.Terms.Atomic.Sum() - specialised.Terms.Entropy.Sum()) > 1e-3);
    }

    [Fact]
    public void The_fixed_charges_long_range_sum_is_kept()
    {
        // Without the long-range sum, FixedIons' rock salt would lose its Madelung energy, several eV per ion pair.
        var structure = Structure("FixedIons", periodic: true);
        var result = new EnsembleCalculator(potentials["FixedIons"]).Calculate(structure);
        Assert.True(result.Terms.Electrostatic.Sum() / structure.Count < -3, $"electrostatic energy per atom {result.Terms.Electrostatic.Sum() / structure.Count} eV");
    }

    [Theory]
    [InlineData("Cu")]
    [InlineData("FixedIons")]
    public void The_fixed_weight_step_does_not_depend_on_the_thread_count(string potential)
    {
        // 500 and 512 atoms: two blocks of the step's loops, so two threads really share the work. Cu has one
        // element pair (consecutive entries per SIMD batch), FixedIons three (entries gathered per pair).
        var structure = (potential == "Cu"
            ? CubicCrystal.Build("Cu", 63.546, "fcc", 3.615, 5)
            : RockSaltCrystal.Build("Na", Mass("Na"), "Cl", Mass("Cl"), 5.64, 4)).Jiggled(0.1, seed: 4);
        var oneThread = new EnsembleCalculator(potentials[potential], new CalculatorOptions { Threads = 1 });
        Assert.False(oneThread.Plan.SolvesWeights);
        var one = oneThread.Calculate(structure);
        var two = new EnsembleCalculator(potentials[potential], new CalculatorOptions { Threads = 2 }).Calculate(structure);
        Assert.Equal(one.FreeEnergy, two.FreeEnergy);
        Assert.Equal(one.Stress, two.Stress);
        Assert.Equal(one.Forces, two.Forces);
        Assert.Equal(one.Terms.Embedding, two.Terms.Embedding);
    }

    [Fact]
    public void Atoms_in_any_order_give_the_same_answer()
    {
        // The fixed-weight step's blocks, entries and sums follow the structure's atom order: listing the atoms
        // shuffled changes every loop but must give each atom the same energy and force.
        var kernels = potentials["FixedIons"];
        var structure = Structure("FixedIons", periodic: true);
        var permutation = Enumerable.Range(0, structure.Count).OrderBy(i => (i * 7919) % structure.Count).ToArray();
        var shuffled = new Structure(permutation.Select(i => structure.Symbols[i]).ToArray(), permutation.Select(structure.Position).ToArray(),
            permutation.Select(i => structure.Masses[i]).ToArray(), structure.Cell);
        var a = new EnsembleCalculator(kernels).Calculate(structure);
        var b = new EnsembleCalculator(kernels).Calculate(shuffled);
        Assert.Equal(a.FreeEnergy, b.FreeEnergy, 1e-10 * Math.Abs(a.FreeEnergy));
        for (var k = 0; k < structure.Count; k++)
        {
            var i = permutation[k];
            Assert.Equal(a.Forces[i].X, b.Forces[k].X, 1e-10);
            Assert.Equal(a.Forces[i].Z, b.Forces[k].Z, 1e-10);
            Assert.Equal(a.Terms.Embedding[i], b.Terms.Embedding[k], 1e-12);
        }
    }

    [Fact]
    public void A_lattice_ordered_crystal_is_read_in_place_and_a_shuffled_one_in_spatial_order()
    {
        var kernels = potentials["Cu"];
        var crystal = CubicCrystal.Build("Cu", 63.546, "fcc", 3.615, 8).Jiggled(0.05, seed: 9);
        var n = crystal.Count;
        var random = new Random(3);
        var permutation = Enumerable.Range(0, n).OrderBy(_ => random.Next()).ToArray();
        var shuffled = new Structure(permutation.Select(i => crystal.Symbols[i]).ToArray(), permutation.Select(crystal.Position).ToArray(),
            permutation.Select(i => crystal.Masses[i]).ToArray(), crystal.Cell);
        var results = new List<Evaluation>();
        foreach (var (structure, inputOrder) in new[] { (crystal, true), (shuffled, false) })
        {
            var list = new NeighbourList(kernels.Cutoff, 0.5, NeighbourListKind.Half);
            list.Build(structure);
            var step = new Latent.Runtime.Engine.FixedWeights.FixedWeightStep(kernels, structure, null, null, new ParallelOptions { MaxDegreeOfParallelism = 2 });
            var evaluation = new Evaluation(n, n);
            step.Evaluate(list, null, kernels.Temperature, evaluation, new double[6]);
            Assert.Equal(inputOrder, step.WorksInInputOrder);
            results.Add(evaluation);
        }
        Assert.Equal(results[0].Terms.FreeEnergy, results[1].Terms.FreeEnergy, 1e-10 * Math.Abs(results[0].Terms.FreeEnergy));
        for (var k = 0; k < n; k++)
        {
            Assert.Equal(results[0].Fx[permutation[k]], results[1].Fx[k], 1e-10);
            Assert.Equal(results[0].Terms.Embedding[permutation[k]], results[1].Terms.Embedding[k], 1e-12);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_atom_wrapped_by_a_lattice_vector_keeps_its_energy_and_forces(bool shuffled)
    {
        // Wrapping re-expresses the list's images without a rebuild; the step reads them in place, or (for
        // atoms listed in no spatial order) from its copy in spatial order, which must follow.
        var kernels = potentials["Cu"];
        var structure = CubicCrystal.Build("Cu", 63.546, "fcc", 3.615, 8).Jiggled(0.05, seed: 9);
        if (shuffled)
        {
            var random = new Random(3);
            var permutation = Enumerable.Range(0, structure.Count).OrderBy(_ => random.Next()).ToArray();
            structure = new Structure(permutation.Select(i => structure.Symbols[i]).ToArray(), permutation.Select(structure.Position).ToArray(),
                permutation.Select(i => structure.Masses[i]).ToArray(), structure.Cell);
        }
        var calculator = new EnsembleCalculator(kernels);
        var before = calculator.Calculate(structure);
        var a = structure.Cell.A;
        structure.X[5] += a.X;
        structure.Y[5] += a.Y;
        structure.Z[5] += a.Z;
        var after = calculator.Calculate(structure);
        Assert.Equal(before.FreeEnergy, after.FreeEnergy, 1e-10 * Math.Abs(before.FreeEnergy));
        for (var i = 0; i < structure.Count; i++)
            Assert.Equal(before.Forces[i].X, after.Forces[i].X, 1e-10);
    }

    [Fact]
    public void Moving_atoms_within_half_the_skin_keeps_the_list_and_the_answer()
    {
        // The step reuses its per-entry buffers and transposed list until the neighbour list is rebuilt; a
        // small move then a larger one (forcing a rebuild) must both give what a fresh calculator gives.
        var kernels = potentials["FixedIons"];
        var structure = Structure("FixedIons", periodic: true);
        var calculator = new EnsembleCalculator(kernels);
        calculator.Calculate(structure);
        foreach (var move in new[] { 0.05, 0.4 })
        {
            structure.X[3] += move;
            var reused = calculator.Calculate(structure);
            var fresh = new EnsembleCalculator(kernels).Calculate(structure.Clone());
            Assert.Equal(fresh.FreeEnergy, reused.FreeEnergy, 1e-10 * Math.Abs(fresh.FreeEnergy));
            for (var i = 0; i < structure.Count; i++)
                Assert.Equal(fresh.Forces[i].X, reused.Forces[i].X, 1e-10);
        }
    }

    private static Structure Structure(string potential, bool periodic)
    {
        Structure crystal = potential switch
        {
            "Cu" or "UnoccupiedCation" => CubicCrystal.Build("Cu", 63.546, "fcc", 3.615, 2),
            "NaCl" or "FixedIons" => RockSaltCrystal.Build("Na", Mass("Na"), "Cl", Mass("Cl"), 5.64, 2),
            "NeutralStates" => Alloy(CubicCrystal.Build("Cu", 63.546, "fcc", 3.7, 2)),
            _ => throw new ArgumentException(potential),
        };
        crystal = crystal.Jiggled(0.12, seed: 7);
        if (periodic)
            return crystal;
        // A cluster: the first atoms of the crystal, without the cell.
        var count = Math.Min(crystal.Count, 14);
        return new Structure(crystal.Symbols[..count], Enumerable.Range(0, count).Select(crystal.Position).ToArray(), crystal.Masses[..count], Cell.None);
    }

    // Every third atom silver: both element pairs in both orientations.
    private static Structure Alloy(Structure copper)
    {
        var symbols = copper.Symbols.Select((s, i) => i % 3 == 1 ? "Ag" : s).ToArray();
        var masses = symbols.Select(s => s == "Ag" ? 107.868 : 63.546).ToArray();
        return new Structure(symbols, Enumerable.Range(0, copper.Count).Select(copper.Position).ToArray(), masses, copper.Cell);
    }

    private static double Mass(string symbol) => NaClStructures.Mass(symbol);
}
