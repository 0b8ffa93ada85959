using Latent.Runtime.Engine;
using Latent.Runtime.Potentials;
using Latent.Runtime.Structures;
using Latent.Runtime.Verification;
using Xunit;

namespace Latent.Runtime.Tests.Verification;

/// <summary>
/// The verification checks OpenKIM runs on every model it publishes, over every shipped potential: forces
/// against numerical derivatives; the dimer's energy continuous over the whole range and its first derivative
/// continuous except where the ground state changes branch; periodicity; translation, rotation, inversion and
/// permutation invariance (of all atoms and of a subset); thread safety (and, in <see cref="KernelUnloadGrowthTests"/>, no
/// memory growth over repeated run-time compilation and unloading). Structures come from the potential alone
/// (<see cref="ShippedPotentialStructures"/>).
/// </summary>
public sealed class ShippedPotentialKimChecksTests
{
    public static TheoryData<string> Shipped() => new(PotentialSource.ShippedNames);

    private static void AssertClose(double expected, double actual, double tolerance, string what) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance * (1 + Math.Abs(expected)), $"{what}: expected {expected:R}, got {actual:R}");

    private static void AssertSameResult(EngineResult expected, EngineResult actual, Func<int, int> atomOf, Func<Vec3, Vec3> forceMap, string what, double tolerance = 1e-9)
    {
        AssertClose(expected.FreeEnergy, actual.FreeEnergy, 1e-11, $"{what}: free energy");
        for (var i = 0; i < expected.Forces.Length; i++)
        {
            var f = forceMap(expected.Forces[atomOf(i)]);
            for (var c = 0; c < 3; c++)
                AssertClose(f[c], actual.Forces[i][c], tolerance, $"{what}: force on atom {i}, component {c}");
            AssertClose(expected.Charges[atomOf(i)], actual.Charges[i], tolerance, $"{what}: charge of atom {i}");
        }
    }

    [Theory]
    [MemberData(nameof(Shipped))]
    public void Forces_and_stress_are_minus_the_derivatives_of_the_energy(string name)
    {
        var s = ShippedPotentialStructures.Of(name);
        var calculator = s.Calculator();
        foreach (var (structure, kind) in new[] { (s.Cluster(6, seed: 5), "cluster"), (s.PeriodicCell(2, seed: 6), "cell") })
        {
            var result = calculator.Calculate(structure);
            // Every atom of the cluster; four atoms of the cell, each component (a full scan adds nothing new).
            foreach (var atom in kind == "cluster" ? Enumerable.Range(0, structure.Count) : [0, 3, 5, 6])
                for (var axis = 0; axis < 3; axis++)
                {
                    var difference = EnergyDifferences.Force(calculator, structure, atom, axis, 1e-5);
                    Assert.True(Math.Abs(result.Forces[atom][axis] - difference) <= 1e-6 * (1 + Math.Abs(difference)),
                        $"{name} {kind}: force on atom {atom} along {axis} is {result.Forces[atom][axis]:R}, the energy's slope {difference:R}");
                }
        }
        var cell = s.PeriodicCell(2, seed: 7);
        var stress = calculator.Calculate(cell).Stress!;
        for (var k = 0; k < 6; k++)
        {
            var difference = EnergyDifferences.Stress(calculator, cell, k, 1e-5);
            Assert.True(Math.Abs(stress[k] - difference) <= 1e-6 * (1 + Math.Abs(difference)), $"{name}: stress {k} is {stress[k]:R}, the strain derivative {difference:R}");
        }
    }

    /// <summary>
    /// From half the bond length to past the cutoff in steps of 2 mÅ, each point solved afresh (a warm start could
    /// follow a wrong branch smoothly): the energy has no jump (the change over a step
    /// is the trapezoid of the forces, to the step's cube), and the force has none either, except where the charges
    /// change branch (the ionic–covalent crossing is first order, docs/model.md §3: the lowest free energy is
    /// continuous there, its slope is not).
    /// </summary>
    [Theory]
    [MemberData(nameof(Shipped))]
    public void Dimer_energy_is_continuous_and_its_slope_too_except_at_a_change_of_branch(string name)
    {
        var s = ShippedPotentialStructures.Of(name);
        const double h = 0.002;
        foreach (var (a, b) in s.Pairs)
        {
            var calculator = s.Calculator(tolerance: 1e-12);
            var rs = new List<double>();
            var energy = new List<double>();
            var slope = new List<double>();
            var charge = new List<double>();
            for (var r = 0.5 * s.BondLength; r <= s.Potential.Cutoff + 0.3; r += h)
            {
                calculator.Reset();
                var result = calculator.Calculate(s.Dimer(a, b, r));
                rs.Add(r);
                energy.Add(result.FreeEnergy);
                slope.Add(-result.Forces[1].X);
                charge.Add(result.Charges[0]);
            }
            for (var k = 0; k + 1 < rs.Count; k++)
            {
                var residual = energy[k + 1] - energy[k] - (rs[k + 1] - rs[k]) * (slope[k] + slope[k + 1]) / 2;
                Assert.True(Math.Abs(residual) < 1e-3,
                    $"{name} {a}–{b}: the free energy jumps between {rs[k]:F3} and {rs[k + 1]:F3} Å: {energy[k]:R} to {energy[k + 1]:R} eV (charges of {a} {charge[k]:F3} to {charge[k + 1]:F3}), {residual:G3} eV more than the forces allow");
            }
            for (var k = 1; k + 2 < rs.Count; k++)
            {
                // The spike below reads four points: a change of branch among them excuses it.
                if (Enumerable.Range(k - 1, 3).Any(j => Math.Abs(charge[j + 1] - charge[j]) > 0.05))
                    continue;
                // A kink shows as one step's change of slope far from the mean of its neighbours'.
                var spike = slope[k + 1] - slope[k] - (slope[k] - slope[k - 1] + slope[k + 2] - slope[k + 1]) / 2;
                Assert.True(Math.Abs(spike) < 0.05 + 1e-3 * Math.Abs(slope[k]),
                    $"{name} {a}–{b}: the slope of the free energy jumps between {rs[k]:F3} and {rs[k + 1]:F3} Å: {slope[k]:R} to {slope[k + 1]:R} eV/Å at unchanged charge {charge[k]:F3}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Shipped))]
    public void A_cell_is_periodic_an_atom_moved_by_lattice_vectors_and_a_doubled_cell_alike(string name)
    {
        var s = ShippedPotentialStructures.Of(name);
        var cell = s.PeriodicCell(2, seed: 8);
        var reference = s.Calculator().Calculate(cell);

        var moved = cell.Clone();
        moved.SetPosition(1, cell.Position(1) + cell.Cell.A - 2 * cell.Cell.B);
        moved.SetPosition(4, cell.Position(4) + cell.Cell.C);
        AssertSameResult(reference, s.Calculator().Calculate(moved), i => i, f => f, "atoms moved by lattice vectors");

        var n = cell.Count;
        var doubled = new Structure(
            cell.Symbols.Concat(cell.Symbols).ToArray(),
            Enumerable.Range(0, 2 * n).Select(i => i < n ? cell.Position(i) : cell.Position(i - n) + cell.Cell.A).ToArray(),
            cell.Masses.Concat(cell.Masses).ToArray(),
            new Cell(2 * cell.Cell.A, cell.Cell.B, cell.Cell.C, true, true, true));
        var twice = s.Calculator().Calculate(doubled);
        AssertClose(2 * reference.FreeEnergy, twice.FreeEnergy, 1e-11, "doubled cell: free energy");
        for (var i = 0; i < 2 * n; i++)
            for (var c = 0; c < 3; c++)
                AssertClose(reference.Forces[i % n][c], twice.Forces[i][c], 1e-9, $"doubled cell: force on atom {i}, component {c}");
        for (var k = 0; k < 6; k++)
            AssertClose(reference.Stress![k], twice.Stress![k], 1e-9, $"doubled cell: stress {k}");
    }

    [Theory]
    [MemberData(nameof(Shipped))]
    public void Energy_is_invariant_under_translation_rotation_and_inversion(string name)
    {
        var s = ShippedPotentialStructures.Of(name);
        var axis = new Vec3(1, 2, 2) * (1.0 / 3);
        var (cos, sin) = (Math.Cos(0.7), Math.Sin(0.7));
        Vec3 Rotate(Vec3 v) => cos * v + sin * Vec3.Cross(axis, v) + (1 - cos) * Vec3.Dot(axis, v) * axis;
        foreach (var structure in new[] { s.Cluster(6, seed: 9), s.PeriodicCell(2, seed: 10) })
        {
            var kind = structure.Cell.IsPeriodic ? "cell" : "cluster";
            var reference = s.Calculator().Calculate(structure);

            var translated = Map(structure, r => r + new Vec3(3.1, -7.2, 0.4), c => c);
            AssertSameResult(reference, s.Calculator().Calculate(translated), i => i, f => f, $"{kind} translated");

            var rotated = Map(structure, Rotate, Rotate);
            var turned = s.Calculator().Calculate(rotated);
            AssertSameResult(reference, turned, i => i, Rotate, $"{kind} rotated");
            if (reference.Stress is { } stress)
            {
                var expected = RotateVoigt(stress, Rotate);
                for (var k = 0; k < 6; k++)
                    AssertClose(expected[k], turned.Stress![k], 1e-9, $"{kind} rotated: stress {k}");
            }

            // Inversion through the origin; a cell's lattice is its own inverse, so only the atoms move.
            var inverted = Map(structure, r => -1 * r, c => c);
            var mirrored = s.Calculator().Calculate(inverted);
            AssertSameResult(reference, mirrored, i => i, f => -1 * f, $"{kind} inverted");
            if (reference.Stress is { } unmirrored)
                for (var k = 0; k < 6; k++)
                    AssertClose(unmirrored[k], mirrored.Stress![k], 1e-9, $"{kind} inverted: stress {k}");
        }
    }

    [Theory]
    [MemberData(nameof(Shipped))]
    public void Energy_is_invariant_under_permutation_of_all_atoms_or_a_subset(string name)
    {
        var s = ShippedPotentialStructures.Of(name);
        foreach (var structure in new[] { s.Cluster(7, seed: 11), s.PeriodicCell(2, seed: 12) })
        {
            var kind = structure.Cell.IsPeriodic ? "cell" : "cluster";
            var reference = s.Calculator().Calculate(structure);
            var all = Enumerable.Range(0, structure.Count).OrderBy(i => (i * 7 + 3) % structure.Count).ToArray();
            var subset = Enumerable.Range(0, structure.Count).ToArray();
            (subset[1], subset[4], subset[5]) = (subset[5], subset[1], subset[4]);
            foreach (var (order, what) in new[] { (all, "all atoms permuted"), (subset, "atoms 1, 4, 5 permuted") })
            {
                var permuted = new Structure(order.Select(i => structure.Symbols[i]).ToArray(), order.Select(structure.Position).ToArray(), order.Select(i => structure.Masses[i]).ToArray(), structure.Cell);
                AssertSameResult(reference, s.Calculator().Calculate(permuted), k => order[k], f => f, $"{kind} {what}");
            }
        }
    }

    /// <summary>Different structures evaluated at once on several threads, sharing the potential's kernels, give the serial bits.</summary>
    [Theory]
    [MemberData(nameof(Shipped))]
    public void Parallel_evaluations_of_different_structures_equal_serial_ones(string name)
    {
        var s = ShippedPotentialStructures.Of(name);
        var structures = Enumerable.Range(0, 8).Select(k => k % 2 == 0 ? s.Cluster(4 + k, seed: 20 + k) : s.PeriodicCell(2, seed: 20 + k)).ToArray();
        var serial = structures.Select(x => s.Calculator(threads: 1).Calculate(x)).ToArray();
        var parallel = new EngineResult[structures.Length];
        Parallel.For(0, structures.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, k => parallel[k] = s.Calculator(threads: 1).Calculate(structures[k]));
        for (var k = 0; k < structures.Length; k++)
        {
            Assert.Equal(serial[k].FreeEnergy, parallel[k].FreeEnergy);
            Assert.Equal(serial[k].Forces, parallel[k].Forces);
            Assert.Equal(serial[k].Charges, parallel[k].Charges);
        }
    }

    private static Structure Map(Structure s, Func<Vec3, Vec3> position, Func<Vec3, Vec3> cellVector)
    {
        var cell = s.Cell.IsPeriodic ? new Cell(cellVector(s.Cell.A), cellVector(s.Cell.B), cellVector(s.Cell.C), true, true, true) : Cell.None;
        return new Structure(s.Symbols, Enumerable.Range(0, s.Count).Select(i => position(s.Position(i))).ToArray(), s.Masses, cell);
    }

    /// <summary>R σ Rᵀ in Voigt order (xx yy zz yz xz xy), R given by its action on vectors.</summary>
    private static double[] RotateVoigt(double[] v, Func<Vec3, Vec3> rotate)
    {
        var sigma = new double[3, 3] { { v[0], v[5], v[4] }, { v[5], v[1], v[3] }, { v[4], v[3], v[2] } };
        var columns = new[] { rotate(new Vec3(1, 0, 0)), rotate(new Vec3(0, 1, 0)), rotate(new Vec3(0, 0, 1)) };
        var r = new double[3, 3];
        for (var i = 0; i < 3; i++)
            for (var j = 0; j < 3; j++)
                r[i, j] = columns[j][i];
        var t = new double[3, 3];
        for (var i = 0; i < 3; i++)
            for (var j = 0; j < 3; j++)
                for (var k = 0; k < 3; k++)
                    for (var l = 0; l < 3; l++)
                        t[i, j] += r[i, k] * sigma[k, l] * r[j, l];
        return [t[0, 0], t[1, 1], t[2, 2], t[1, 2], t[0, 2], t[0, 1]];
    }
}
