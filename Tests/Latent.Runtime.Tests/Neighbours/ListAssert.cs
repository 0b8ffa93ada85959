using Latent.Runtime.Neighbours;
using Latent.Runtime.Structures;
using Xunit;

namespace Latent.Runtime.Tests.Neighbours;

/// <summary>Reading a list the way a consumer does, and comparing it with the brute force.</summary>
internal static class ListAssert
{
    /// <summary>|r_j + shift − r_i| of entry k of atom i, from the list's stored shift and current positions.</summary>
    public static double Distance(NeighbourList list, Structure s, int i, int k)
    {
        var dx = s.X[list.J[k]] + list.ShiftX[k] - s.X[i];
        var dy = s.Y[list.J[k]] + list.ShiftY[k] - s.Y[i];
        var dz = s.Z[list.J[k]] + list.ShiftZ[k] - s.Z[i];
        return Math.Sqrt(dx * dx + dy * dy + dz * dz);
    }

    /// <summary>The list's entries within <paramref name="cutoff"/>, in list order.</summary>
    public static List<NeighbourPair> Within(NeighbourList list, Structure s, double cutoff)
    {
        var result = new List<NeighbourPair>();
        var pairs = list.Pairs();
        for (var i = 0; i < list.AtomCount; i++)
            for (var k = list.Start[i]; k < list.Start[i + 1]; k++)
                if (Distance(list, s, i, k) <= cutoff)
                    result.Add(pairs[k]);
        return result;
    }

    /// <summary>The list within the cutoff is the brute force's list, entry for entry and in the same order.</summary>
    public static void MatchesBruteForce(NeighbourList list, Structure s, double cutoff)
    {
        var expected = AllPairsNeighbours.Find(s, cutoff, list.Kind);
        var actual = Within(list, s, cutoff);
        if (expected.SequenceEqual(actual)) return;
        var missing = expected.Except(actual).Take(5);
        var extra = actual.Except(expected).Take(5);
        Assert.Fail($"{expected.Length} brute-force entries, {actual.Count} listed within {cutoff:R} Å; "
                    + $"missing {string.Join(", ", missing)}; extra {string.Join(", ", extra)}"
                    + (expected.Order().SequenceEqual(actual.Order()) ? "; same set in another order" : ""));
    }

    /// <summary>The stored shift of every entry is na·a + nb·b + nc·c, and the CSR ranges are consistent.</summary>
    public static void Consistent(NeighbourList list, Structure s)
    {
        Assert.Equal(s.Count, list.AtomCount);
        Assert.Equal(0, list.Start[0]);
        Assert.Equal(list.EntryCount, list.Start[s.Count]);
        for (var i = 0; i < s.Count; i++)
            Assert.True(list.Start[i] <= list.Start[i + 1]);
        for (var k = 0; k < list.EntryCount; k++)
        {
            var shift = s.Cell.A * list.ImageA[k] + s.Cell.B * list.ImageB[k] + s.Cell.C * list.ImageC[k];
            Assert.Equal(shift.X, list.ShiftX[k], 1e-9);
            Assert.Equal(shift.Y, list.ShiftY[k], 1e-9);
            Assert.Equal(shift.Z, list.ShiftZ[k], 1e-9);
        }
    }
}
