using Latent.Runtime.Neighbours;
using Latent.Runtime.Structures;
using Xunit;

namespace Latent.Runtime.Tests.Neighbours;

/// <summary>Worked examples, the rebuild rule, clusters and the no-allocation promise.</summary>
public sealed class NeighbourListTests
{
    private static Structure Atoms(Cell cell, params Vec3[] positions) =>
        new(positions.Select(_ => "Cu").ToArray(), positions, positions.Select(_ => 63.546).ToArray(), cell);

    [Theory]
    [InlineData(NeighbourListKind.Full, 56)]
    [InlineData(NeighbourListKind.Half, 28)]
    public void A_single_atom_in_a_small_cell_sees_every_own_image_within_the_cutoff(NeighbourListKind kind, int expected)
    {
        // Simple cubic, a = 2 Å, cutoff 4.5 Å (over two cell widths): images n with 0 < |n| ≤ 2.25, i.e.
        // |n|² = 1, 2, 3, 4, 5 with 6 + 12 + 8 + 6 + 24 = 56 lattice points.
        var s = Atoms(Cell.Orthorhombic(2, 2, 2), new Vec3(0.3, 1.9, -0.4));
        var list = new NeighbourList(4.5, 0.5, kind);
        list.Build(s);
        var within = ListAssert.Within(list, s, 4.5);
        Assert.Equal(expected, within.Count);
        Assert.All(within, p => Assert.Equal((0, 0), (p.I, p.J)));
        Assert.Equal(within.Count, within.Distinct().Count());
        // The skin adds the shell 4.5 < |n|·2 ≤ 5: |n|² = 6 (24 points).
        Assert.Equal(kind == NeighbourListKind.Full ? 80 : 40, list.EntryCount);
    }

    [Fact]
    public void A_cluster_lists_its_pairs_in_order_with_zero_shifts()
    {
        var s = Atoms(Cell.None, new Vec3(0, 0, 0), new Vec3(5, 0, 0), new Vec3(1, 1, 0), new Vec3(-40, 3, 2));
        var list = new NeighbourList(2.0, 0.3);
        list.Build(s);
        Assert.Equal(new[] { new NeighbourPair(0, 2, 0, 0, 0), new NeighbourPair(2, 0, 0, 0, 0) }, list.Pairs());
        Assert.Equal(new[] { 0, 1, 1, 2, 2 }, list.Start.ToArray());
        Assert.All(list.ShiftX.ToArray().Concat(list.ShiftY.ToArray()).Concat(list.ShiftZ.ToArray()), v => Assert.Equal(0.0, v));
    }

    [Fact]
    public void An_open_cell_lists_a_cluster_as_no_cell_does()
    {
        var random = new Random(7);
        var positions = Enumerable.Range(0, 40).Select(_ => new Vec3(random.NextDouble() * 9, random.NextDouble() * 9, random.NextDouble() * 9)).ToArray();
        var zeros = new Cell(Vec3.Zero, Vec3.Zero, Vec3.Zero, false, false, false);
        var open = new Cell(new Vec3(3, 0, 0), new Vec3(1, 3, 0), new Vec3(0.5, 0.5, 3), false, false, false);
        var lists = new[] { Cell.None, zeros, open }.Select(cell =>
        {
            var list = new NeighbourList(2.5, 0.5);
            list.Build(Atoms(cell, positions));
            return list.Pairs();
        }).ToArray();
        Assert.Equal(AllPairsNeighbours.Find(Atoms(Cell.None, positions), 3.0), lists[0]);
        Assert.Equal(lists[0], lists[1]);
        Assert.Equal(lists[0], lists[2]);
    }

    [Fact]
    public void A_sparse_cluster_far_larger_than_the_cutoff_is_binned_without_a_huge_grid()
    {
        var s = Atoms(Cell.None, new Vec3(0, 0, 0), new Vec3(1, 0, 0), new Vec3(1e6, -1e6, 1e6), new Vec3(1e6, -1e6, 1e6 + 0.5));
        var list = new NeighbourList(1.2, 0.1, NeighbourListKind.Half);
        list.Build(s);
        Assert.Equal(new[] { new NeighbourPair(0, 1, 0, 0, 0), new NeighbourPair(2, 3, 0, 0, 0) }, list.Pairs());
    }

    [Fact]
    public void Empty_structures_give_an_empty_list()
    {
        var list = new NeighbourList(3.0);
        list.Build(Atoms(Cell.Orthorhombic(5, 5, 5)));
        Assert.Equal(0, list.AtomCount);
        Assert.Equal(0, list.EntryCount);
        Assert.Equal(new[] { 0 }, list.Start.ToArray());
    }

    [Fact]
    public void Update_builds_first_then_rebuilds_only_when_needed()
    {
        var s = Atoms(Cell.Orthorhombic(6, 6, 6), new Vec3(1, 1, 1), new Vec3(2.5, 1, 1), new Vec3(4, 4, 4));
        var list = new NeighbourList(2.0, 0.4);
        Assert.True(list.Update(s));
        Assert.Equal(1, list.Builds);

        s.SetPosition(0, new Vec3(1.19, 1, 1));
        Assert.False(list.Update(s));
        s.SetPosition(0, new Vec3(1.21, 1, 1));
        Assert.True(list.Update(s));
        Assert.Equal(2, list.Builds);

        // Wrapping an atom by a lattice vector keeps the list: only its images change.
        s.SetPosition(2, new Vec3(4 - 6, 4 + 6, 4));
        Assert.False(list.Update(s));
        Assert.Equal(1, list.Reimagings);
        Assert.Equal(4, list.Updates);
        Assert.Equal(2, list.Builds);
    }

    [Fact]
    public void A_changed_cell_or_atom_count_rebuilds_and_an_equal_cell_does_not()
    {
        var s = Atoms(Cell.Orthorhombic(6, 6, 6), new Vec3(1, 1, 1), new Vec3(2.5, 1, 1));
        var list = new NeighbourList(2.0, 0.4);
        list.Build(s);

        s.Cell = Cell.Orthorhombic(6, 6, 6);
        Assert.False(list.Update(s));
        s.Cell = s.Cell.Strained([0.001, 0, 0, 0, 0, 0]);
        Assert.True(list.Update(s));
        s.Cell = new Cell(s.Cell.A, s.Cell.B, s.Cell.C, true, true, false);
        Assert.True(list.Update(s));
        Assert.True(list.Update(Atoms(s.Cell, new Vec3(1, 1, 1))));
        Assert.Equal(1, list.AtomCount);
        Assert.Equal(4, list.Builds);
    }

    [Fact]
    public void A_dynamics_like_run_with_wrapping_stays_exact_and_rebuilds_rarely()
    {
        var random = new Random(11);
        var cell = new Cell(new Vec3(9, 0, 0), new Vec3(3, 8, 0), new Vec3(-2, 1.5, 7), true, true, true);
        var s = Atoms(cell, Enumerable.Range(0, 50).Select(_ => cell.ToCartesian(new Vec3(random.NextDouble(), random.NextDouble(), random.NextDouble()))).ToArray());
        var list = new NeighbourList(4.0, 0.6, NeighbourListKind.Half);
        const int steps = 60;
        for (var step = 0; step < steps; step++)
        {
            for (var i = 0; i < s.Count; i++)
            {
                // Small random steps, then wrap back into the cell as a dynamics code writing frames might.
                var f = cell.ToFractional(s.Position(i) + new Vec3(random.NextDouble() - 0.5, random.NextDouble() - 0.5, random.NextDouble() - 0.5) * 0.1);
                s.SetPosition(i, cell.ToCartesian(new Vec3(f.X - Math.Floor(f.X), f.Y - Math.Floor(f.Y), f.Z - Math.Floor(f.Z))));
            }

            list.Update(s);
            ListAssert.MatchesBruteForce(list, s, 4.0);
        }

        Assert.InRange(list.Builds, 2, steps / 3);
        Assert.True(list.Reimagings > 0);
    }

    [Fact]
    public void Update_without_a_rebuild_and_a_rebuild_of_the_same_size_allocate_nothing()
    {
        var random = new Random(3);
        var cell = Cell.Orthorhombic(12, 12, 12);
        var s = Atoms(cell, Enumerable.Range(0, 200).Select(_ => new Vec3(random.NextDouble() * 12, random.NextDouble() * 12, random.NextDouble() * 12)).ToArray());
        var list = new NeighbourList(3.0, 0.5);
        list.Build(s);
        list.Build(s);
        list.Update(s);
        s.SetPosition(5, s.Position(5) + new Vec3(12, 0, 0));
        list.Update(s);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var step = 0; step < 10; step++)
        {
            s.SetPosition(step, s.Position(step) + new Vec3(0.01, 0, 0));
            Assert.False(list.Update(s));
        }

        s.SetPosition(7, s.Position(7) - new Vec3(0, 12, 0));
        Assert.False(list.Update(s));
        list.Build(s);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(-1.0, 0.5)]
    [InlineData(double.NaN, 0.5)]
    [InlineData(double.PositiveInfinity, 0.5)]
    [InlineData(3.0, -0.1)]
    [InlineData(3.0, double.NaN)]
    public void Bad_cutoffs_and_skins_are_rejected(double cutoff, double skin) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new NeighbourList(cutoff, skin));

    [Fact]
    public void A_non_finite_position_is_reported()
    {
        var list = new NeighbourList(3.0);
        var error = Assert.Throws<ArgumentException>(() => list.Build(Atoms(Cell.None, new Vec3(0, 0, 0), new Vec3(double.NaN, 0, 0))));
        Assert.Contains("atom 1", error.Message);
    }

    [Fact]
    public void The_spatial_order_is_a_permutation_whose_neighbours_in_order_are_near_in_space()
    {
        // Atoms listed in a scrambled order: the list's spatial order puts them back bin by bin.
        var crystal = CubicCrystal.Build("Cu", 63.546, "fcc", 3.615, 6);
        var n = crystal.Count;
        var scramble = Enumerable.Range(0, n).OrderBy(i => (i * 7919L) % n).ToArray();
        var s = new Structure(scramble.Select(i => crystal.Symbols[i]).ToArray(), scramble.Select(crystal.Position).ToArray(),
            scramble.Select(i => crystal.Masses[i]).ToArray(), crystal.Cell);
        var list = new NeighbourList(3.4, 0.5, NeighbourListKind.Half);
        list.Build(s);
        var order = list.SpatialOrder.ToArray();
        Assert.Equal(Enumerable.Range(0, n), order.Order());
        double Mean(IReadOnlyList<int> atoms) =>
            Enumerable.Range(1, atoms.Count - 1).Average(k => (s.Position(atoms[k]) - s.Position(atoms[k - 1])).Length);
        // Consecutive atoms in the spatial order are much closer than in the scrambled one (bins of the list radius).
        Assert.True(Mean(order) * 1.5 < Mean(Enumerable.Range(0, n).ToArray()), $"{Mean(order)} against {Mean(Enumerable.Range(0, n).ToArray())}");
    }
}
