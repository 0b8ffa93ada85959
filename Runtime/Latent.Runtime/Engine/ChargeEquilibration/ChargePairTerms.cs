using Latent.Runtime.Kernels;
using Latent.Runtime.Structures;
using PairLayout = Latent.Symbolic.Kernels.PairLayout;

namespace Latent.Runtime.Engine.ChargeEquilibration;

/// <summary>
/// The continuous-charge pair kernels (<see cref="PairLayout.HasContinuousCharges"/>) at every short-range pair of one
/// configuration, evaluated once per configuration (docs/model.md §8): per pair the switched charge coupling
/// c = S·k_e(J_AB − 1/r) and φ with their r-derivatives, and the host density each atom gives the other with its slope.
/// The outputs are read through each kernel's layout; a pair whose first atom plays the kernel's B reads its two
/// densities the other way round. Per atom the incident pairs are listed with the coupling to the other atom (twice
/// the coupling for a pair of an atom with its own periodic image, whose q_i² c counts once in E), so the charge
/// solver's products run per atom in a fixed order: the same bits on any number of threads.
/// </summary>
internal sealed class ChargePairTerms
{
    private const int PairsPerBlock = 256;
    private readonly PotentialKernels potential;
    private readonly int[] element;
    private readonly ParallelOptions parallel;
    private readonly Action<int> kernelBody;
    private readonly int elementCount;
    // Per kernel of the potential: where its outputs are.
    private readonly int[] coupling, couplingSlope, phi, phiSlope, densityAtA, densityAtASlope, densityAtB, densityAtBSlope;
    private readonly int maxOutputs;
    // Per ordered element pair (e_I·E + e_J): the kernel's index, and whether atom I plays the kernel's B.
    private readonly int[] kernelOf;
    private readonly bool[] swapOf;
    private bool[] blockHasDensity = [];
    private readonly int[] incidenceFill;

    /// <summary>The kernels of <paramref name="potential"/> for atoms of these elements (indices into its element list).</summary>
    public ChargePairTerms(PotentialKernels potential, int[] element, ParallelOptions parallel)
    {
        if (!potential.HasContinuousCharges)
            throw new ArgumentException("the charge-equilibration pair terms need a continuous-charge potential", nameof(potential));
        this.potential = potential;
        this.element = element;
        this.parallel = parallel;
        elementCount = potential.Elements.Count;
        var kernels = potential.Pairs;
        int[] Output(Func<PairLayout, int> pick) => kernels.Select(k => pick(k.Layout)).ToArray();
        coupling = Output(l => l.ChargeCoupling);
        couplingSlope = Output(l => l.Derivative(l.ChargeCoupling));
        phi = Output(l => l.PairPotential);
        phiSlope = Output(l => l.Derivative(l.PairPotential));
        densityAtA = Output(l => l.DensityAtA(0));
        densityAtASlope = Output(l => l.Derivative(l.DensityAtA(0)));
        densityAtB = Output(l => l.DensityAtB(0));
        densityAtBSlope = Output(l => l.Derivative(l.DensityAtB(0)));
        maxOutputs = kernels.Max(k => k.OutputCount);
        kernelOf = new int[elementCount * elementCount];
        swapOf = new bool[elementCount * elementCount];
        for (var k = 0; k < kernels.Count; k++)
        {
            var (a, b) = (kernels[k].A, kernels[k].B);
            kernelOf[a * elementCount + b] = kernelOf[b * elementCount + a] = k;
            swapOf[b * elementCount + a] = a != b;
        }
        IncidenceStart = new int[element.Length + 1];
        incidenceFill = new int[element.Length + 1];
        kernelBody = KernelBlock;
        Pairs = PairSet.Reusable();
    }

    /// <summary>The pairs the terms are for.</summary>
    public PairSet Pairs { get; private set; }

    /// <summary>Number of pairs.</summary>
    public int Count => Pairs.Count;

    /// <summary>c = S·k_e(J_AB − 1/r) of each pair (eV per e²).</summary>
    public double[] Coupling { get; private set; } = [];

    /// <summary>dc/dr of each pair.</summary>
    public double[] CouplingSlope { get; private set; } = [];

    /// <summary>S·φ of each pair (eV).</summary>
    public double[] PairPotential { get; private set; } = [];

    /// <summary>d(S·φ)/dr of each pair.</summary>
    public double[] PairPotentialSlope { get; private set; } = [];

    /// <summary>The host density atom J gives at atom I, and its r-derivative.</summary>
    public double[] DensityAtI { get; private set; } = [];

    /// <inheritdoc cref="DensityAtI"/>
    public double[] DensityAtISlope { get; private set; } = [];

    /// <summary>The host density atom I gives at atom J, and its r-derivative.</summary>
    public double[] DensityAtJ { get; private set; } = [];

    /// <inheritdoc cref="DensityAtJ"/>
    public double[] DensityAtJSlope { get; private set; } = [];

    /// <summary>Whether any pair gives a non-zero host density (else ρ̄ = 0 everywhere and its slopes are skipped).</summary>
    public bool HasDensities { get; private set; }

    /// <summary>Atom i's incident pairs are entries IncidenceStart[i] … IncidenceStart[i + 1] − 1, in pair order.</summary>
    public int[] IncidenceStart { get; }

    /// <summary>The other atom of each incidence entry.</summary>
    public int[] IncidenceOther { get; private set; } = [];

    /// <summary>∂²E/∂q_i∂q_other of each incidence entry from the short range (2c for a self-image pair).</summary>
    public double[] IncidenceCoupling { get; private set; } = [];

    /// <summary>The pair of each incidence entry.</summary>
    public int[] IncidencePair { get; private set; } = [];

    /// <summary>Evaluates every kernel at the pairs and lists them per atom; buffers grow only with the number of pairs.</summary>
    public void Bind(PairSet pairs)
    {
        Pairs = pairs;
        var n = pairs.Count;
        Grow(n);
        var blocks = ParallelLoop.BlockCount(n, PairsPerBlock);
        BufferCapacity.Ensure(ref blockHasDensity, blocks);
        ParallelLoop.ForBlocks(parallel, n, PairsPerBlock, kernelBody);
        HasDensities = false;
        for (var b = 0; b < blocks; b++)
            HasDensities |= blockHasDensity[b];

        // Incidence: per atom its pairs in pair order (a self-image pair once).
        var atoms = element.Length;
        Array.Clear(IncidenceStart);
        for (var p = 0; p < n; p++)
        {
            IncidenceStart[pairs.I[p] + 1]++;
            if (pairs.J[p] != pairs.I[p])
                IncidenceStart[pairs.J[p] + 1]++;
        }
        for (var i = 0; i < atoms; i++)
            IncidenceStart[i + 1] += IncidenceStart[i];
        var entries = IncidenceStart[atoms];
        var other = IncidenceOther;
        var weight = IncidenceCoupling;
        var pairOf = IncidencePair;
        BufferCapacity.Ensure(ref other, entries);
        BufferCapacity.Ensure(ref weight, entries);
        BufferCapacity.Ensure(ref pairOf, entries);
        (IncidenceOther, IncidenceCoupling, IncidencePair) = (other, weight, pairOf);
        Array.Copy(IncidenceStart, incidenceFill, atoms + 1);
        for (var p = 0; p < n; p++)
        {
            var (i, j) = (pairs.I[p], pairs.J[p]);
            if (i == j)
            {
                // q_i² c counts once in E: ∂²/∂q_i² of it is 2c.
                (other[incidenceFill[i]], weight[incidenceFill[i]], pairOf[incidenceFill[i]]) = (i, 2 * Coupling[p], p);
                incidenceFill[i]++;
                continue;
            }
            (other[incidenceFill[i]], weight[incidenceFill[i]], pairOf[incidenceFill[i]]) = (j, Coupling[p], p);
            incidenceFill[i]++;
            (other[incidenceFill[j]], weight[incidenceFill[j]], pairOf[incidenceFill[j]]) = (i, Coupling[p], p);
            incidenceFill[j]++;
        }
    }

    private void Grow(int n)
    {
        if (Coupling.Length >= n)
            return;
        var size = Math.Max(n, 2 * Coupling.Length);
        Coupling = new double[size];
        CouplingSlope = new double[size];
        PairPotential = new double[size];
        PairPotentialSlope = new double[size];
        DensityAtI = new double[size];
        DensityAtISlope = new double[size];
        DensityAtJ = new double[size];
        DensityAtJSlope = new double[size];
    }

    /// <summary>One block of pairs, each on its own (the same bits on any number of threads).</summary>
    private void KernelBlock(int block)
    {
        Span<double> values = stackalloc double[maxOutputs];
        var pairs = Pairs;
        var end = Math.Min(pairs.Count, (block + 1) * PairsPerBlock);
        var density = false;
        for (var p = block * PairsPerBlock; p < end; p++)
        {
            var ordered = element[pairs.I[p]] * elementCount + element[pairs.J[p]];
            var k = kernelOf[ordered];
            potential.Pairs[k].Scalar(pairs.R[p], values);
            Coupling[p] = values[coupling[k]];
            CouplingSlope[p] = values[couplingSlope[k]];
            PairPotential[p] = values[phi[k]];
            PairPotentialSlope[p] = values[phiSlope[k]];
            // The kernel's A is its first element; when atom I is of its B, the densities swap sides.
            var (atI, atISlope, atJ, atJSlope) = swapOf[ordered]
                ? (values[densityAtB[k]], values[densityAtBSlope[k]], values[densityAtA[k]], values[densityAtASlope[k]])
                : (values[densityAtA[k]], values[densityAtASlope[k]], values[densityAtB[k]], values[densityAtBSlope[k]]);
            (DensityAtI[p], DensityAtISlope[p], DensityAtJ[p], DensityAtJSlope[p]) = (atI, atISlope, atJ, atJSlope);
            density |= atI != 0 || atJ != 0 || atISlope != 0 || atJSlope != 0;
        }
        blockHasDensity[block] = density;
    }
}
