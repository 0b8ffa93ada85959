using FsCheck.Xunit;
using Latent.Runtime.Neighbours;
using Latent.Runtime.Structures;
using Xunit;

namespace Latent.Runtime.Tests.Neighbours;

/// <summary>The linked-cell list against the brute force on random cells, flags, atom counts and cutoffs.</summary>
[Properties(Arbitrary = new[] { typeof(NeighbourArbitraries) }, MaxTest = 150)]
public sealed class NeighbourListPropertyTests
{
    [Property]
    public void Full_list_within_the_cutoff_is_the_brute_force_list(AnyCase c)
    {
        var s = c.Case.Structure();
        var list = new NeighbourList(c.Case.Cutoff, c.Case.Skin);
        list.Build(s);
        ListAssert.Consistent(list, s);
        ListAssert.MatchesBruteForce(list, s, c.Case.Cutoff);
    }

    [Property]
    public void Half_list_within_the_cutoff_is_the_brute_force_half_list(AnyCase c)
    {
        var s = c.Case.Structure();
        var list = new NeighbourList(c.Case.Cutoff, c.Case.Skin, NeighbourListKind.Half);
        list.Build(s);
        ListAssert.Consistent(list, s);
        ListAssert.MatchesBruteForce(list, s, c.Case.Cutoff);
    }

    [Property]
    public void List_holds_every_pair_within_cutoff_plus_skin_and_nothing_beyond(AnyCase c)
    {
        var s = c.Case.Structure();
        var list = new NeighbourList(c.Case.Cutoff, c.Case.Skin);
        list.Build(s);
        var listed = list.Pairs().ToHashSet();
        Assert.Subset(listed, AllPairsNeighbours.Find(s, list.Radius).ToHashSet());
        // The list may reach a relative 1e-9 beyond the radius, so rounding never drops a pair at it.
        for (var i = 0; i < s.Count; i++)
            for (var k = list.Start[i]; k < list.Start[i + 1]; k++)
                Assert.True(ListAssert.Distance(list, s, i, k) <= list.Radius * (1 + 2e-9));
    }

    [Property]
    public void Half_list_is_the_full_list_with_each_pair_once(AnyCase c)
    {
        var s = c.Case.Structure();
        var full = new NeighbourList(c.Case.Cutoff, c.Case.Skin);
        var half = new NeighbourList(c.Case.Cutoff, c.Case.Skin, NeighbourListKind.Half);
        full.Build(s);
        half.Build(s);
        var fullPairs = full.Pairs();
        var halfPairs = half.Pairs();
        Assert.Equal(fullPairs.Length, 2 * halfPairs.Length);
        // Every full entry is in the half list exactly once, as itself or reversed, never both.
        var halfSet = halfPairs.ToHashSet();
        Assert.Equal(halfPairs.Length, halfSet.Count);
        foreach (var p in fullPairs)
            if (halfSet.Contains(p) == halfSet.Contains(p.Reversed()))
                Assert.Fail($"{p} must appear exactly once in the half list, as itself or reversed");
        foreach (var p in halfPairs)
            if (!(p.I < p.J || (p.I == p.J && (p.ImageA, p.ImageB, p.ImageC).CompareTo((0, 0, 0)) > 0)))
                Assert.Fail($"{p} breaks the half-list rule");
    }

    [Property(Arbitrary = new[] { typeof(NeighbourArbitraries) }, MaxTest = 150)]
    public void Below_half_the_width_each_pair_has_one_image_at_the_minimum_image_distance(SmallCutoffCase c)
    {
        var s = c.Case.Structure();
        var cutoff = c.Case.Cutoff;
        var list = new NeighbourList(cutoff, c.Case.Skin);
        list.Build(s);
        var cell = s.Cell;
        for (var i = 0; i < s.Count; i++)
        {
            for (var j = 0; j < s.Count; j++)
            {
                // Within half a width the image is fixed by rounding each fractional difference.
                var delta = s.Position(j) - s.Position(i);
                var shift = Vec3.Zero;
                for (var d = 0; d < 3; d++)
                    if (cell.Periodic[d])
                        shift -= Math.Round(Vec3.Dot(delta, cell.Reciprocal[d])) * cell[d];
                var minimum = (delta + shift).Length;
                var found = Enumerable.Range(list.Start[i], list.Start[i + 1] - list.Start[i])
                    .Where(k => list.J[k] == j && ListAssert.Distance(list, s, i, k) <= cutoff)
                    .ToArray();
                if (i == j || minimum > cutoff)
                {
                    Assert.Empty(found);
                }
                else
                {
                    var k = Assert.Single(found);
                    Assert.Equal(minimum, ListAssert.Distance(list, s, i, k), 1e-9);
                }
            }
        }
    }

    [Property]
    public void Small_moves_keep_the_list_and_it_stays_complete(AnyCase c)
    {
        var (s, list, random) = BuiltForMoves(c);
        for (var i = 0; i < s.Count; i++)
            s.SetPosition(i, s.Position(i) + RandomVector(random, 0.49 * list.Skin));
        Assert.False(list.Update(s));
        Assert.Equal(1, list.Builds);
        ListAssert.MatchesBruteForce(list, s, c.Case.Cutoff);
    }

    [Property]
    public void Wrapping_atoms_by_lattice_vectors_keeps_the_list_and_its_distances(AnyCase c)
    {
        var (s, list, random) = BuiltForMoves(c);
        var cell = s.Cell;
        for (var i = 0; i < s.Count; i++)
        {
            var move = RandomVector(random, 0.49 * list.Skin);
            for (var d = 0; d < 3; d++)
                if (cell.Periodic[d])
                    move += random.Next(-2, 3) * cell[d];
            s.SetPosition(i, s.Position(i) + move);
        }

        Assert.False(list.Update(s));
        ListAssert.Consistent(list, s);
        ListAssert.MatchesBruteForce(list, s, c.Case.Cutoff);
    }

    [Property]
    public void A_move_beyond_half_the_skin_rebuilds(AnyCase c)
    {
        var (s, list, random) = BuiltForMoves(c);
        var moved = random.Next(s.Count);
        // 0.51 of the skin along a direction far shorter than any lattice vector: not a whole-cell move.
        s.SetPosition(moved, s.Position(moved) + 0.51 * list.Skin * Unit(random));
        Assert.True(list.Update(s));
        Assert.Equal(2, list.Builds);
        ListAssert.MatchesBruteForce(list, s, c.Case.Cutoff);
    }

    [Property]
    public void Building_twice_gives_the_same_list_in_the_same_order(AnyCase c)
    {
        var first = new NeighbourList(c.Case.Cutoff, c.Case.Skin);
        var second = new NeighbourList(c.Case.Cutoff, c.Case.Skin);
        first.Build(c.Case.Structure());
        second.Build(c.Case.Structure());
        Assert.Equal(first.Start.ToArray(), second.Start.ToArray());
        Assert.Equal(first.Pairs(), second.Pairs());
        Assert.Equal(first.ShiftX.ToArray(), second.ShiftX.ToArray());
        Assert.Equal(first.ShiftY.ToArray(), second.ShiftY.ToArray());
        Assert.Equal(first.ShiftZ.ToArray(), second.ShiftZ.ToArray());
        var pairs = first.Pairs();
        Assert.Equal(pairs.Order(), pairs);
    }

    /// <summary>
    /// The case's structure with a list built on it, and the case's random numbers to move atoms with. The
    /// skin is at least 0.1 Å: the moves are fractions of it, and a case may have no skin.
    /// </summary>
    private static (Structure S, NeighbourList List, Random Random) BuiltForMoves(AnyCase c)
    {
        var s = c.Case.Structure();
        var list = new NeighbourList(c.Case.Cutoff, Math.Max(c.Case.Skin, 0.1));
        list.Build(s);
        return (s, list, new Random(c.Case.Seed));
    }

    private static Vec3 Unit(Random random)
    {
        Vec3 v;
        do v = new Vec3(random.NextDouble() * 2 - 1, random.NextDouble() * 2 - 1, random.NextDouble() * 2 - 1);
        while (v.Length < 0.1 || v.Length > 1);
        return v * (1 / v.Length);
    }

    private static Vec3 RandomVector(Random random, double maxLength) => random.NextDouble() * maxLength * Unit(random);
}
