using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Latent.Runtime.Kernels;
using PairLayout = Latent.Symbolic.Kernels.PairLayout;

namespace Latent.Runtime.Engine.ShortRange;

/// <summary>
/// The fused pair kernels at every short-range pair of one configuration, evaluated once per
/// configuration and read many times by the weight solver (docs/model.md §7: everything short-range
/// comes from these kernels). Each pair is oriented so that its atom A has the kernel's first element;
/// its outputs (values, then r-derivatives) are one stretch of a flat array, and only its kernel's
/// layout says which output is which; <see cref="Pair"/> hands out all of that for one pair. Per atom,
/// the incident pairs are listed in pair order, so per-atom sums have a fixed order on any number of threads.
/// The kernels run four distances at a time (the Vector256 kernel) over pairs of the same element pair,
/// gathered within fixed blocks of pairs, so every pair gets the same bits on any number of threads. While
/// a pair's outputs are at hand, its electrostatics block C_αβ and its φ, with their r-derivatives, are also
/// copied (through the layout) into compact arrays for the sums the solver repeats (<see cref="StateCouplings"/>)
/// and the forces, and whether any of its host densities is non-zero is noted. A potential whose states give
/// no density (NaCl) needs nothing else, so the full outputs are kept only when some pair has a density.
/// </summary>
internal sealed class PairKernelCache
{
    private readonly PotentialKernels potential;
    private readonly AtomStates atoms;
    private readonly ParallelOptions parallel;
    private const int PairsPerBlock = 256;
    private const int PairsPerOrientation = 4096;
    private readonly Action<int> orientBody;
    // Outputs and C_αβ values per pair when every kernel has the same numbers of them, else −1.
    private readonly int uniformOutputs;
    private readonly int uniformElectrostatics;
    private const int Lanes = 4;
    private readonly Action<int> kernelBody;
    private readonly int[] incidenceFill;
    // Per kernel of the potential (its index in PotentialKernels.Pairs): where its C_αβ (α·n_B + β order) and its
    // host densities (values and r-derivatives) are among its outputs, from its layout.
    private readonly int[][] electrostaticOutputs;
    private readonly int[][] electrostaticSlopeOutputs;
    private readonly int[] pairPotentialOutput;
    private readonly int[] pairPotentialSlopeOutput;
    private readonly int[][] densityOutputs;
    private readonly int maxOutputCount;
    private readonly PairLayout[] layouts;
    private readonly int[] outputCount;
    // Per element pair (row-major over the potential's elements): its kernel's index, and whether the pair's
    // first atom plays B.
    private readonly int[] elementKernel;
    private readonly bool[] elementSwap;
    private int[] kernelIndex = [];
    private bool[] blockHasDensity = [];
    private int[] electrostaticStart = [0];
    private double[] electrostatics = [];
    private double[] electrostaticSlopes = [];
    private double[] pairPotential = [];
    private double[] pairPotentialSlope = [];
    // Whether every output is kept per pair (only the host densities need them; see HasDensities).
    private bool keepOutputs = true;
    private int[] atomA = [];
    private int[] atomB = [];
    private PairLayout[] layout = [];
    private int[] outputStart = [0];
    private double[] outputs = [];
    private int[] incidence = [];

    /// <summary>Evaluates the kernels at <paramref name="pairs"/>.</summary>
    /// <param name="potential">The potential's kernels.</param>
    /// <param name="atoms">The atoms' states (for their elements).</param>
    /// <param name="pairs">Short-range pairs (within the potential's cutoff).</param>
    /// <param name="parallel">Degree of parallelism; results do not depend on it.</param>
    public PairKernelCache(PotentialKernels potential, AtomStates atoms, PairSet pairs, ParallelOptions parallel)
    {
        this.potential = potential;
        this.atoms = atoms;
        this.parallel = parallel;
        IncidenceStart = new int[atoms.AtomCount + 1];
        incidenceFill = new int[atoms.AtomCount + 1];
        kernelBody = KernelBlock;
        var kernels = potential.Pairs;
        var elements = potential.Elements.Count;
        elementKernel = new int[elements * elements];
        elementSwap = new bool[elements * elements];
        for (var a = 0; a < elements; a++)
        {
            for (var b = 0; b < elements; b++)
            {
                var k = potential.Pair(a, b);
                elementKernel[a * elements + b] = KernelIndex(k);
                elementSwap[a * elements + b] = a != b && k.A != a;
            }
        }
        layouts = kernels.Select(k => k.Layout).ToArray();
        outputCount = kernels.Select(k => k.Layout.OutputCount).ToArray();
        electrostaticOutputs = new int[kernels.Count][];
        electrostaticSlopeOutputs = new int[kernels.Count][];
        pairPotentialOutput = kernels.Select(k => k.Layout.PairPotential).ToArray();
        pairPotentialSlopeOutput = kernels.Select(k => k.Layout.Derivative(k.Layout.PairPotential)).ToArray();
        densityOutputs = new int[kernels.Count][];
        for (var k = 0; k < kernels.Count; k++)
        {
            var l = kernels[k].Layout;
            electrostaticOutputs[k] = new int[l.StateCountA * l.StateCountB];
            for (var a = 0; a < l.StateCountA; a++)
                for (var b = 0; b < l.StateCountB; b++)
                    electrostaticOutputs[k][a * l.StateCountB + b] = l.Electrostatics(a, b);
            electrostaticSlopeOutputs[k] = electrostaticOutputs[k].Select(l.Derivative).ToArray();
            var density = new List<int>();
            for (var b = 0; b < l.StateCountB; b++)
                density.AddRange([l.DensityAtA(b), l.Derivative(l.DensityAtA(b))]);
            for (var a = 0; a < l.StateCountA; a++)
                density.AddRange([l.DensityAtB(a), l.Derivative(l.DensityAtB(a))]);
            densityOutputs[k] = [.. density];
            maxOutputCount = Math.Max(maxOutputCount, l.OutputCount);
        }
        orientBody = OrientBlock;
        var uniform = outputCount.All(c => c == outputCount[0]) && electrostaticOutputs.All(e => e.Length == electrostaticOutputs[0].Length);
        uniformOutputs = uniform ? outputCount[0] : -1;
        uniformElectrostatics = uniform ? electrostaticOutputs[0].Length : -1;
        Pairs = pairs;
        Bind(pairs);
    }

    /// <summary>The pairs the kernels were evaluated at.</summary>
    public PairSet Pairs { get; private set; }

    /// <summary>Number of pairs.</summary>
    public int Count => Pairs.Count;

    /// <summary>
    /// Atom i's incident pairs are <see cref="Incidence"/>[IncidenceStart[i] … IncidenceStart[i + 1]); kept up
    /// to date only while some pair gives a host density (<see cref="HasDensities"/>), the sums that read them.
    /// </summary>
    public int[] IncidenceStart { get; }

    /// <summary>Whether any pair's host density (value or r-derivative) is non-zero: when none is, every ρ̄ is zero at any weights.</summary>
    public bool HasDensities { get; private set; }

    /// <summary>Pair p's C_αβ (α of A, β of B) are <see cref="Electrostatics"/>[ElectrostaticStart[p] + α·n_B + β].</summary>
    public int[] ElectrostaticStart => electrostaticStart;

    /// <summary>Every pair's C_αβ values, row by row (see <see cref="ElectrostaticStart"/>).</summary>
    public double[] Electrostatics => electrostatics;

    /// <summary>dC_αβ/dr of every pair, laid out as <see cref="Electrostatics"/>.</summary>
    public double[] ElectrostaticSlopes => electrostaticSlopes;

    /// <summary>φ of each pair.</summary>
    public double[] PairPotential => pairPotential;

    /// <summary>dφ/dr of each pair.</summary>
    public double[] PairPotentialSlope => pairPotentialSlope;

    /// <summary>Atom A of each pair (the one with the kernel's first element).</summary>
    public int[] AtomA => atomA;

    /// <summary>Atom B of each pair.</summary>
    public int[] AtomB => atomB;

    /// <summary>Pair indices incident on each atom, in pair order (a self-image pair once).</summary>
    public int[] Incidence => incidence;

    /// <summary>
    /// Pair p: its atoms, where their weights start, its layout and its outputs. The outputs are kept only
    /// while some pair gives a host density (<see cref="HasDensities"/>), the only terms the compact arrays
    /// leave out; without densities, read those arrays instead.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public CachedPair Pair(int p)
    {
        var (a, b) = (atomA[p], atomB[p]);
        return new CachedPair(a, b, atoms.Offset[a], atoms.Offset[b], layout[p], outputs, outputStart[p]);
    }

    /// <summary>
    /// Re-evaluates the kernels and the incidence lists for the same atoms at new pairs. Arrays grow
    /// only when there are more pairs (or outputs) than ever before, so a dynamics step allocates nothing.
    /// </summary>
    public void Bind(PairSet pairs)
    {
        Pairs = pairs;
        var count = pairs.Count;
        BufferCapacity.Ensure(ref atomA, count);
        BufferCapacity.Ensure(ref atomB, count);
        BufferCapacity.Ensure(ref layout, count);
        BufferCapacity.Ensure(ref outputStart, count + 1);
        BufferCapacity.Ensure(ref kernelIndex, count);
        BufferCapacity.Ensure(ref electrostaticStart, count + 1);
        BufferCapacity.Ensure(ref pairPotential, count);
        BufferCapacity.Ensure(ref pairPotentialSlope, count);

        // Orient every pair so that its first atom has the kernel's first element, in blocks; where every
        // kernel has as many outputs and states as every other (NaCl: 3 × 3 states), where each pair's
        // outputs start is p times that, else a running sum after.
        ParallelLoop.ForBlocks(parallel, count, PairsPerOrientation, orientBody);
        if (uniformOutputs < 0)
        {
            outputStart[0] = 0;
            electrostaticStart[0] = 0;
            for (var p = 0; p < count; p++)
            {
                var k = kernelIndex[p];
                outputStart[p + 1] = outputStart[p] + outputCount[k];
                electrostaticStart[p + 1] = electrostaticStart[p] + electrostaticOutputs[k].Length;
            }
        }
        else
        {
            outputStart[count] = count * uniformOutputs;
            electrostaticStart[count] = count * uniformElectrostatics;
        }

        BufferCapacity.Ensure(ref electrostatics, electrostaticStart[count]);
        BufferCapacity.Ensure(ref electrostaticSlopes, electrostaticStart[count]);
        // The full outputs are kept when the last configuration had densities (at first, too); should
        // densities appear where there were none, the kernels run again keeping them.
        EvaluateKernels(count);
        if (HasDensities && !keepOutputs)
        {
            keepOutputs = true;
            EvaluateKernels(count);
        }
        keepOutputs = HasDensities;
        // Without densities the full outputs are not read; let their memory go (about 70 MB at 1 728 atoms of NaCl).
        if (!keepOutputs)
            outputs = [];

        // Incidence lists in pair order, so per-atom sums have a fixed order whatever the threads; only the
        // density sums read them.
        if (HasDensities)
            BuildIncidence(count);
    }

    /// <summary>Orientation, kernel and layout of one block of pairs (and their output starts when all kernels are alike).</summary>
    private void OrientBlock(int block)
    {
        var (element, elements) = (atoms.Element, potential.Elements.Count);
        var (pi, pj) = (Pairs.I, Pairs.J);
        var end = Math.Min(Pairs.Count, (block + 1) * PairsPerOrientation);
        for (var p = block * PairsPerOrientation; p < end; p++)
        {
            var (i, j) = (pi[p], pj[p]);
            var e = element[i] * elements + element[j];
            var swap = elementSwap[e];
            atomA[p] = swap ? j : i;
            atomB[p] = swap ? i : j;
            var k = elementKernel[e];
            layout[p] = layouts[k];
            kernelIndex[p] = k;
            if (uniformOutputs >= 0)
            {
                outputStart[p] = p * uniformOutputs;
                electrostaticStart[p] = p * uniformElectrostatics;
            }
        }
    }

    /// <summary>Each atom's incident pairs, in pair order (a self-image pair once).</summary>
    private void BuildIncidence(int count)
    {
        var n = atoms.AtomCount;
        var start = IncidenceStart;
        Array.Clear(start);
        for (var p = 0; p < count; p++)
        {
            start[atomA[p] + 1]++;
            if (atomB[p] != atomA[p])
                start[atomB[p] + 1]++;
        }
        for (var i = 0; i < n; i++)
            start[i + 1] += start[i];
        BufferCapacity.Ensure(ref incidence, start[n]);
        Array.Copy(start, incidenceFill, n + 1);
        for (var p = 0; p < count; p++)
        {
            incidence[incidenceFill[atomA[p]]++] = p;
            if (atomB[p] != atomA[p])
                incidence[incidenceFill[atomB[p]]++] = p;
        }
    }

    /// <summary>Every kernel at the pairs, in fixed blocks; sets <see cref="HasDensities"/>.</summary>
    private void EvaluateKernels(int count)
    {
        if (keepOutputs)
            BufferCapacity.Ensure(ref outputs, outputStart[count]);
        var blocks = ParallelLoop.BlockCount(count, PairsPerBlock);
        BufferCapacity.Ensure(ref blockHasDensity, blocks);
        ParallelLoop.ForBlocks(parallel, count, PairsPerBlock, kernelBody);
        var hasDensities = false;
        for (var b = 0; b < blocks; b++)
            hasDensities |= blockHasDensity[b];
        HasDensities = hasDensities;
    }

    /// <summary>Index of a kernel in the potential's list.</summary>
    private int KernelIndex(PairKernel k)
    {
        var list = potential.Pairs;
        for (var i = 0; i < list.Count; i++)
        {
            if (ReferenceEquals(list[i], k))
                return i;
        }
        throw new InvalidOperationException("a pair kernel that is not the potential's");
    }

    /// <summary>
    /// The kernels of one block of pairs: pairs of the same kernel are gathered in fours (in pair order) and
    /// evaluated by the Vector256 kernel; a kernel's last, incomplete four repeats its first distance in the
    /// unused lanes. Which pairs share a call depends only on the block, not on the threads.
    /// </summary>
    private void KernelBlock(int block)
    {
        var begin = block * PairsPerBlock;
        var end = Math.Min(Pairs.Count, begin + PairsPerBlock);
        var kinds = potential.Pairs.Count;
        Span<int> pending = stackalloc int[Lanes * kinds];
        Span<int> pendingCount = stackalloc int[kinds];
        pendingCount.Clear();
        Span<Vector256<double>> values = stackalloc Vector256<double>[maxOutputCount];
        var hasDensity = false;
        for (var p = begin; p < end; p++)
        {
            var k = kernelIndex[p];
            pending[k * Lanes + pendingCount[k]++] = p;
            if (pendingCount[k] == Lanes)
            {
                hasDensity |= Evaluate(k, pending.Slice(k * Lanes, Lanes), values);
                pendingCount[k] = 0;
            }
        }
        for (var k = 0; k < kinds; k++)
        {
            if (pendingCount[k] > 0)
                hasDensity |= Evaluate(k, pending.Slice(k * Lanes, pendingCount[k]), values);
        }
        blockHasDensity[block] = hasDensity;
    }

    /// <summary>
    /// Kernel k at up to four pairs: every output into the pairs' stretches, C_αβ and φ into the compact
    /// arrays. True when any of their host densities is non-zero.
    /// </summary>
    private bool Evaluate(int k, ReadOnlySpan<int> pairs, Span<Vector256<double>> values)
    {
        var r = Pairs.R;
        var first = r[pairs[0]];
        var x = Vector256.Create(first, pairs.Length > 1 ? r[pairs[1]] : first, pairs.Length > 2 ? r[pairs[2]] : first, pairs.Length > 3 ? r[pairs[3]] : first);
        var pairKernel = potential.Pairs[k];
        var kernelOutputs = outputCount[k];
        pairKernel.Vector(x, values[..kernelOutputs]);
        var (electrostatic, electrostaticSlope) = (electrostaticOutputs[k], electrostaticSlopeOutputs[k]);
        var (phi, phiSlope) = (pairPotentialOutput[k] * Lanes, pairPotentialSlopeOutput[k] * Lanes);
        // Lane l of output m is flat[m·4 + l]: plain loads, where GetElement(lane) is not.
        var flat = MemoryMarshal.Cast<Vector256<double>, double>(values);
        for (var lane = 0; lane < pairs.Length; lane++)
        {
            var p = pairs[lane];
            if (keepOutputs)
            {
                var o = outputStart[p];
                for (var m = 0; m < kernelOutputs; m++)
                    outputs[o + m] = flat[m * Lanes + lane];
            }
            var e = electrostaticStart[p];
            for (var m = 0; m < electrostatic.Length; m++)
            {
                electrostatics[e + m] = flat[electrostatic[m] * Lanes + lane];
                electrostaticSlopes[e + m] = flat[electrostaticSlope[m] * Lanes + lane];
            }
            pairPotential[p] = flat[phi + lane];
            pairPotentialSlope[p] = flat[phiSlope + lane];
        }
        // Unused lanes repeat the first distance, so they hold no density a used lane does not.
        var any = Vector256<double>.Zero;
        foreach (var m in densityOutputs[k])
            any |= Vector256.Abs(values[m]);
        return any != Vector256<double>.Zero;
    }
}
