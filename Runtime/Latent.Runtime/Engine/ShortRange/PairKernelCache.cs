using System.Runtime.CompilerServices;
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
/// </summary>
internal sealed class PairKernelCache
{
    private readonly PotentialKernels potential;
    private readonly AtomStates atoms;
    private readonly ParallelOptions parallel;
    private readonly Action<int> kernelBody;
    private readonly int[] incidenceFill;
    private PairKernel[] kernel = [];
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
        kernelBody = KernelAt;
        Pairs = pairs;
        Bind(pairs);
    }

    /// <summary>The pairs the kernels were evaluated at.</summary>
    public PairSet Pairs { get; private set; }

    /// <summary>Number of pairs.</summary>
    public int Count => Pairs.Count;

    /// <summary>Atom i's incident pairs are <see cref="Incidence"/>[IncidenceStart[i] … IncidenceStart[i + 1]).</summary>
    public int[] IncidenceStart { get; }

    /// <summary>Atom A of each pair (the one with the kernel's first element).</summary>
    public int[] AtomA => atomA;

    /// <summary>Atom B of each pair.</summary>
    public int[] AtomB => atomB;

    /// <summary>Pair indices incident on each atom, in pair order (a self-image pair once).</summary>
    public int[] Incidence => incidence;

    /// <summary>Pair p: its atoms, where their weights start, its layout and its outputs.</summary>
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
        var n = atoms.AtomCount;
        var count = pairs.Count;
        BufferCapacity.Ensure(ref atomA, count);
        BufferCapacity.Ensure(ref atomB, count);
        BufferCapacity.Ensure(ref kernel, count);
        BufferCapacity.Ensure(ref layout, count);
        BufferCapacity.Ensure(ref outputStart, count + 1);

        // Orient every pair so that its first atom has the kernel's first element.
        var element = atoms.Element;
        outputStart[0] = 0;
        for (var p = 0; p < count; p++)
        {
            var (i, j) = (pairs.I[p], pairs.J[p]);
            var k = potential.Pair(element[i], element[j]);
            var swap = element[i] != element[j] && k.A != element[i];
            atomA[p] = swap ? j : i;
            atomB[p] = swap ? i : j;
            kernel[p] = k;
            layout[p] = k.Layout;
            outputStart[p + 1] = outputStart[p] + k.Layout.OutputCount;
        }

        BufferCapacity.Ensure(ref outputs, outputStart[count]);
        ParallelLoop.For(parallel, count, kernelBody);

        // Incidence lists in pair order, so per-atom sums have a fixed order whatever the threads.
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

    private void KernelAt(int p) =>
        kernel[p].Scalar(Pairs.R[p], outputs.AsSpan(outputStart[p], layout[p].OutputCount));
}
