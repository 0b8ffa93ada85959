namespace Latent.Runtime.Engine.Solver;

/// <summary>
/// The integer charge patterns of a system: one state per atom (weight 1 on it), with total charge Q,
/// or every such assignment at a fixed chemical potential. Each is a vertex of the feasible set and
/// lies in the basin of the branch it names (ionic, neutral, inverted, mixed), so minimising from each
/// reaches every branch a descent can reach from a vertex; <see cref="LatentSolver"/> does that when
/// there are few enough of them. Counted by a table of completions: ways(i, c) = number of state
/// choices for atoms i…n−1 whose charges sum to c; the enumeration follows the table, so it visits
/// no dead end, and keeps its buffers from call to call (a warm solve of a small cluster allocates nothing).
/// </summary>
internal sealed class IntegerPatterns
{
    /// <summary>Most table entries (atoms × charge range) counted: beyond, the system is far too large to enumerate.</summary>
    public const int MaxTableEntries = 1 << 21;

    private int[] ways = [];
    private int[] choice = [];
    private int[] prefix = [];
    private int[] suffixMin = [];
    private int width;
    private int atoms;
    private int target;
    private bool anyCharge;
    private bool started;
    // What the table was built for: a calculator re-binds one system from step to step.
    private EnsembleSystem? preparedFor;
    private ChargeCondition preparedCondition;
    private int preparedLimit;
    private long count;

    /// <summary>
    /// The number of patterns of <paramref name="system"/> under <paramref name="condition"/>, or −1 when
    /// there are more than <paramref name="limit"/>, the total charge is not an integer (no pattern meets
    /// it), or the table would exceed <see cref="MaxTableEntries"/>. Rewinds the enumeration.
    /// </summary>
    public long Prepare(EnsembleSystem system, ChargeCondition condition, int limit)
    {
        started = false;
        if (ReferenceEquals(system, preparedFor) && condition == preparedCondition && limit == preparedLimit)
            return count;
        preparedFor = system;
        preparedCondition = condition;
        preparedLimit = limit;
        count = Count(system, condition, limit);
        return count;
    }

    private long Count(EnsembleSystem system, ChargeCondition condition, int limit)
    {
        var n = system.AtomCount;
        atoms = n;
        if (n == 0 || limit <= 0)
            return -1;
        anyCharge = condition.FixedPotential;
        var q = system.StateCharges;
        BufferCapacity.Ensure(ref suffixMin, n + 1);
        BufferCapacity.Ensure(ref choice, n);
        BufferCapacity.Ensure(ref prefix, n + 1);
        if (anyCharge)
        {
            // Every assignment: the product of the state counts.
            long product = 1;
            for (var i = 0; i < n && product <= limit; i++)
                product *= system.StateCount(i);
            return product <= limit ? product : -1;
        }

        var rounded = Math.Round(condition.Value);
        if (Math.Abs(condition.Value - rounded) > 1e-9)
            return -1;
        target = (int)rounded;
        // Suffix ranges of the charge: ways(i, c) lives on [suffixMin[i], suffixMin[i] + width).
        var suffixMax = 0;
        suffixMin[n] = 0;
        for (var i = n - 1; i >= 0; i--)
        {
            int lo = int.MaxValue, hi = int.MinValue;
            for (var a = system.StateOffset(i); a < system.StateOffset(i) + system.StateCount(i); a++)
            {
                lo = Math.Min(lo, (int)q[a]);
                hi = Math.Max(hi, (int)q[a]);
            }
            suffixMin[i] = suffixMin[i + 1] + lo;
            suffixMax += hi;
        }
        if (target < suffixMin[0] || target > suffixMax)
            return -1;
        width = suffixMax - suffixMin[0] + 1;
        // Each suffix's range is no wider than the whole's.
        if ((long)(n + 1) * width > MaxTableEntries)
            return -1;
        BufferCapacity.Ensure(ref ways, (n + 1) * width);
        Array.Clear(ways, 0, (n + 1) * width);
        ways[n * width] = 1;
        var cap = limit + 1;
        for (var i = n - 1; i >= 0; i--)
        {
            var row = i * width;
            for (var a = system.StateOffset(i); a < system.StateOffset(i) + system.StateCount(i); a++)
            {
                var qa = (int)q[a];
                for (var c = 0; c < width; c++)
                {
                    var rest = Ways(i + 1, suffixMin[i] + c - qa);
                    if (rest > 0)
                        ways[row + c] = Math.Min(cap, ways[row + c] + rest);
                }
            }
        }
        var total = Ways(0, target);
        return total > 0 && total <= limit ? total : -1;
    }

    /// <summary>ways(i, c), 0 outside the table.</summary>
    private int Ways(int i, int c)
    {
        var k = c - suffixMin[i];
        return k < 0 || k >= width ? 0 : ways[i * width + k];
    }

    /// <summary>
    /// Writes the next pattern (in lexicographic order of the atoms' state indices) into
    /// <paramref name="weights"/> as 0/1 weights; false when every pattern has been written. Call
    /// <see cref="Prepare"/> first, and only when it returned a count.
    /// </summary>
    public bool Next(EnsembleSystem system, double[] weights)
    {
        var q = system.StateCharges;
        int i;
        if (!started)
        {
            started = true;
            i = 0;
            choice[0] = -1;
            prefix[0] = 0;
        }
        else
        {
            i = atoms - 1;
        }
        while (i >= 0)
        {
            var s0 = system.StateOffset(i);
            var states = system.StateCount(i);
            var a = choice[i] + 1;
            // The next state of atom i from which the remaining atoms can still reach the target.
            while (a < states && !(anyCharge || Ways(i + 1, target - prefix[i] - (int)q[s0 + a]) > 0))
                a++;
            if (a == states)
            {
                i--;
                continue;
            }
            choice[i] = a;
            prefix[i + 1] = prefix[i] + (int)q[s0 + a];
            if (i == atoms - 1)
            {
                Array.Clear(weights);
                for (var k = 0; k < atoms; k++)
                    weights[system.StateOffset(k) + choice[k]] = 1;
                return true;
            }
            i++;
            choice[i] = -1;
        }
        return false;
    }
}
