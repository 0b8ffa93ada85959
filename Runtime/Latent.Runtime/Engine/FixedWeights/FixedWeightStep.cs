using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Latent.Runtime.Engine.LongRange;
using Latent.Runtime.Kernels;
using Latent.Runtime.Neighbours;
using Latent.Runtime.Structures;
using EmbeddingLayout = Latent.Symbolic.Kernels.EmbeddingLayout;

namespace Latent.Runtime.Engine.FixedWeights;

/// <summary>
/// The step of a potential whose every element has one state (<see cref="StepPlan.SolvesWeights"/> false):
/// every weight is 1, so the energy of docs/model.md §2 is an embedded-atom sum, E = Σ_i E_i + Σ_pairs (c + φ)
/// + Σ_i F(ρ̄_i) (+ the long-range Coulomb sum of the fixed charges, if any are charged), and there is
/// nothing to solve. Works straight on the half neighbour list's entries, which keep their indices until
/// the list is rebuilt:
/// <list type="number">
/// <item>per entry, the distance and, within the cutoff, the fused pair kernel in SIMD batches of four
/// (<see cref="PairKernel.Vector"/>), padded at the end, so there is no scalar tail: with one element pair over four
/// consecutive entries, loaded and stored as vectors (entries beyond the cutoff masked to zero); with several, over
/// four entries of the same element pair gathered as they come;</item>
/// <item>per atom, ρ̄ gathered from the entries it owns and those that list it (the transposed list, made at
/// each rebuild), then F and F′ in batches of four atoms of one element;</item>
/// <item>per entry, dE/dr = c′ + φ′ + F′(ρ̄_i) f′_j + F′(ρ̄_j) f′_i, with the virial summed per block;</item>
/// <item>per atom, the force gathered likewise.</item>
/// </list>
/// At each build the step checks whether the structure's own order keeps neighbours near in memory (crystal
/// builders and ASE list atoms that way); if so it reads the list and the positions in place, else it copies the
/// list into the list's spatial order (<see cref="NeighbourList.SpatialOrder"/>) and gathers the positions into it
/// each step, so a shuffled input stays cache-friendly too. Every loop runs over fixed blocks of consecutive
/// places in that order (<see cref="ParallelLoop.ForBlocks"/>), whose entries are one contiguous run; each block
/// writes only its own
/// atoms and entries, and every sum runs in a fixed order, so the result is the same bits on any number
/// of threads; nothing is allocated once the buffers have grown.
/// </summary>
internal sealed class FixedWeightStep
{
    // Atoms per block: enough work per delegate call, small enough to share out between two cores.
    private const int AtomBlock = 256;
    private const int Lanes = 4;

    private readonly PotentialKernels potential;
    private readonly AtomStates atoms;
    private readonly ParallelOptions parallel;
    private readonly double cutoffSquared;
    private readonly int elementCount;
    // Per ordered element pair (e_i·E + e_j): the kernel's index and whether atom i plays the kernel's B.
    private readonly int[] kernelOf;
    private readonly bool[] swapOf;
    private readonly FixedPairOutputs[] outputsOf;
    private readonly int maxOutputs;
    private readonly ILongRangeElectrostatics? longRange;

    // Per atom.
    private readonly double[] embeddingSlope;
    private readonly double[] charge;
    private readonly double[] longRangePotential;

    // Per entry of the list (valid until it is rebuilt): distance and the kernel outputs the passes read.
    private double[] r = [];
    private double[] electrostatics = [], pairTerm = [], densityAtI = [], densityAtJ = [];
    private double[] slope = [], densityAtISlope = [], densityAtJSlope = [];
    // Atom i is the neighbour of the entries incoming[incomingStart[i] … incomingStart[i + 1]), in entry order,
    // which atom incomingOwner[…] owns. Separations are recomputed from the positions where they are needed
    // rather than stored: three doubles less per entry, and the memory per atom is what limits large runs.
    private readonly int[] incomingStart;
    private int[] incoming = [];
    private int[] incomingOwner = [];
    private int[] incomingFill = [];
    private int boundBuilds = -1;
    private int boundReimagings = -1;
    // The list copied in the neighbour list's spatial order (NeighbourList.SpatialOrder) at each build: the
    // step works on places q, atom order[q], so that a block's atoms, their entries and their neighbours'
    // data are near each other in memory whatever order the structure lists its atoms in. Atom i is place
    // rank[i]; the entries of place q are [rowStart[q], rowStart[q + 1]), neighbour[k] a place.
    private readonly int[] order;
    private readonly int[] rank;
    // When the structure's own order is already local (the usual case: crystal builders, ASE), places are
    // atoms and these refer to the list's and the structure's own arrays; else to copies in spatial order.
    private int[] rowStart;
    private int[] elementInOrder;
    private double[] px, py, pz;
    private bool inputOrder;
    private int[] neighbour = [];
    private double[] shiftX = [], shiftY = [], shiftZ = [];
    private NeighbourList? boundList;

    private double[] blockVirial = [];

    // The evaluation in progress, read by the loop bodies (bound once, see ParallelLoop).
    private readonly Structure structure;
    private Evaluation result = null!;
    private readonly Action<int> geometryBody;
    private readonly Action<int> densityBody;
    private readonly Action<int> slopeBody;
    private readonly Action<int> forceBody;

    /// <summary>The step for one set of atoms under a one-state potential.</summary>
    /// <param name="potential">The potential; every element must have exactly one state.</param>
    /// <param name="structure">The atoms.</param>
    /// <param name="coulomb">The long-range form, or null when no state is charged.</param>
    /// <param name="longPairs">Pairs within the damped shifted-force cutoff (periodic form only).</param>
    /// <param name="parallel">Degree of parallelism; results do not depend on it.</param>
    public FixedWeightStep(PotentialKernels potential, Structure structure, LongRangeCoulomb? coulomb, PairSet? longPairs, ParallelOptions parallel)
    {
        this.potential = potential;
        this.structure = structure;
        this.parallel = parallel;
        atoms = new AtomStates(potential, structure);
        if (atoms.WeightCount != atoms.AtomCount)
            throw new ArgumentException("the fixed-weight step needs one state per element", nameof(potential));
        cutoffSquared = potential.Cutoff * potential.Cutoff;
        elementCount = potential.Elements.Count;
        kernelOf = new int[elementCount * elementCount];
        swapOf = new bool[elementCount * elementCount];
        outputsOf = new FixedPairOutputs[potential.Pairs.Count];
        for (var k = 0; k < potential.Pairs.Count; k++)
        {
            outputsOf[k] = FixedPairOutputs.Of(potential.Pairs[k].Layout);
            maxOutputs = Math.Max(maxOutputs, potential.Pairs[k].OutputCount);
        }
        for (var k = 0; k < potential.Pairs.Count; k++)
        {
            var (a, b) = (potential.Pairs[k].A, potential.Pairs[k].B);
            kernelOf[a * elementCount + b] = kernelOf[b * elementCount + a] = k;
            // An atom of B meeting one of A plays the kernel's B.
            swapOf[b * elementCount + a] = a != b;
        }

        var n = structure.Count;
        embeddingSlope = new double[n];
        charge = new double[n];
        longRangePotential = new double[n];
        incomingStart = new int[n + 1];
        order = new int[n];
        rank = new int[n];
        rowStart = [];
        elementInOrder = atoms.Element;
        (px, py, pz) = (structure.X, structure.Y, structure.Z);
        for (var i = 0; i < n; i++)
            charge[i] = atoms.Charge[atoms.Offset[i]];
        if (coulomb is not null)
        {
            longRange = coulomb.IsPeriodic
                ? new DampedShiftedForceCoulomb(coulomb, n, longPairs ?? throw new ArgumentException("the damped shifted-force sum needs its pair set", nameof(longPairs)))
                : new DirectCoulomb(coulomb, structure, parallel);
        }
        geometryBody = GeometryAndKernels;
        densityBody = DensityAndEmbedding;
        slopeBody = SlopesAndVirial;
        forceBody = Forces;
    }

    /// <summary>The atoms.</summary>
    public Structure Structure => structure;

    /// <summary>The long-range form summed, or null when no state is charged.</summary>
    public LongRangeCoulomb? Coulomb => longRange?.Form;

    /// <summary>Number of atoms.</summary>
    public int AtomCount => atoms.AtomCount;

    /// <summary>Whether the last evaluation worked in the structure's own order (else in the list's spatial order).</summary>
    public bool WorksInInputOrder => inputOrder;

    /// <summary>
    /// Energy terms, forces, charges, weights and virial of the configuration into <paramref name="evaluation"/>
    /// and <paramref name="virial"/> (eV, Voigt xx yy zz yz xz xy).
    /// </summary>
    /// <param name="list">A half neighbour list with radius at least the potential's cutoff, up to date for the positions.</param>
    /// <param name="longPairs">Pairs within the damped shifted-force cutoff, when the long-range sum is periodic.</param>
    /// <param name="temperature">Electronic temperature θ (eV): the entropy term of one state is −θ ln g.</param>
    /// <param name="evaluation">Buffers for this many atoms.</param>
    /// <param name="virial">Receives the virial.</param>
    public void Evaluate(NeighbourList list, PairSet? longPairs, double temperature, Evaluation evaluation, Span<double> virial)
    {
        if (list.Kind != NeighbourListKind.Half || list.Cutoff < potential.Cutoff)
            throw new ArgumentException("the fixed-weight step needs a half list at least as long as the potential's cutoff", nameof(list));
        result = evaluation;
        var n = atoms.AtomCount;
        if (!ReferenceEquals(list, boundList) || list.Builds != boundBuilds)
        {
            BindEntries(list);
        }
        else if (list.Reimagings != boundReimagings)
        {
            // Atoms wrapped: the list re-expressed their shifts in place. Read in place they are current; a
            // copy in spatial order is taken again (the order and the transposed list stay as they are).
            if (!inputOrder)
                CopyInSpatialOrder(list, list.EntryCount);
            boundReimagings = list.Reimagings;
        }
        if (!inputOrder)
        {
            var (x, y, z) = (structure.X, structure.Y, structure.Z);
            for (var q = 0; q < n; q++)
            {
                var i = order[q];
                (px[q], py[q], pz[q]) = (x[i], y[i], z[i]);
            }
        }
        var blocks = ParallelLoop.BlockCount(n, AtomBlock);
        BufferCapacity.Ensure(ref blockVirial, 6 * blocks);

        ParallelLoop.ForBlocks(parallel, n, AtomBlock, geometryBody);
        ParallelLoop.ForBlocks(parallel, n, AtomBlock, densityBody);
        ParallelLoop.ForBlocks(parallel, n, AtomBlock, slopeBody);
        ParallelLoop.ForBlocks(parallel, n, AtomBlock, forceBody);

        virial.Clear();
        for (var b = 0; b < blocks; b++)
            for (var c = 0; c < 6; c++)
                virial[c] += blockVirial[6 * b + c];

        var terms = evaluation.Terms;
        for (var i = 0; i < n; i++)
        {
            var s = atoms.Offset[i];
            evaluation.Weights[s] = 1.0;
            evaluation.Charges[i] = charge[i];
            terms.Atomic[i] = atoms.Energy[s];
            // θ w ln(w/g) at w = 1.
            terms.Entropy[i] = temperature * -atoms.LogDegeneracy[s];
        }
        if (longRange is not null)
        {
            longRange.Bind(longPairs);
            longRange.Potential(charge, longRangePotential);
            AddLongRange(evaluation, virial);
        }
    }

    /// <summary>The fixed charges' long-range energy (½ q_i V_i per atom, into the electrostatics) and forces.</summary>
    private void AddLongRange(Evaluation evaluation, Span<double> virial)
    {
        var electrostatic = evaluation.Terms.Electrostatic;
        for (var i = 0; i < atoms.AtomCount; i++)
            electrostatic[i] += 0.5 * charge[i] * longRangePotential[i];
        longRange!.AddForces(charge, evaluation.Fx, evaluation.Fy, evaluation.Fz, virial);
    }

    /// <summary>
    /// After the neighbour list was built (or its images re-expressed): the list copied in spatial order, the
    /// per-entry arrays sized, and the transposed list made.
    /// </summary>
    private void BindEntries(NeighbourList neighbours)
    {
        var n = atoms.AtomCount;
        var count = neighbours.EntryCount;
        if (r.Length < count)
        {
            // Some to spare: the number of entries wanders from one rebuild to the next, and a dynamics
            // step must not reallocate for that.
            var capacity = count + count / 16 + 64;
            r = new double[capacity];
            electrostatics = new double[capacity];
            pairTerm = new double[capacity];
            densityAtI = new double[capacity];
            densityAtJ = new double[capacity];
            slope = new double[capacity];
            densityAtISlope = new double[capacity];
            densityAtJSlope = new double[capacity];
            incoming = new int[capacity];
            incomingOwner = new int[capacity];
        }
        BufferCapacity.Ensure(ref incomingFill, n + 1);

        inputOrder = InputOrderIsLocal(neighbours);
        if (inputOrder)
        {
            // Read the list and the positions in place: no copy, no gather.
            var entries = neighbours.Entries;
            (rowStart, neighbour, shiftX, shiftY, shiftZ) = (entries.Start, entries.J, entries.ShiftX, entries.ShiftY, entries.ShiftZ);
            (px, py, pz) = (structure.X, structure.Y, structure.Z);
            elementInOrder = atoms.Element;
            for (var q = 0; q < n; q++)
                order[q] = rank[q] = q;
        }
        else
        {
            CopyInSpatialOrder(neighbours, count);
        }

        Array.Clear(incomingStart);
        for (var k = 0; k < count; k++)
            incomingStart[neighbour[k] + 1]++;
        for (var q = 0; q < n; q++)
            incomingStart[q + 1] += incomingStart[q];
        Array.Copy(incomingStart, incomingFill, n + 1);
        for (var q = 0; q < n; q++)
        {
            for (var k = rowStart[q]; k < rowStart[q + 1]; k++)
            {
                var slot = incomingFill[neighbour[k]]++;
                incoming[slot] = k;
                incomingOwner[slot] = q;
            }
        }
        boundList = neighbours;
        boundBuilds = neighbours.Builds;
        boundReimagings = neighbours.Reimagings;
    }

    /// <summary>
    /// Whether the structure's order keeps neighbours near in memory: the mean index distance |i − j| over the
    /// list's entries is within twice that of the list's spatial order. Lattice-ordered crystals pass (their
    /// rows and the bins' rows are alike); shuffled atoms do not, and are then worked on in spatial order.
    /// </summary>
    private bool InputOrderIsLocal(NeighbourList neighbours)
    {
        var (start, js) = (neighbours.Entries.Start, neighbours.Entries.J);
        var spatialOrder = neighbours.SpatialOrder;
        var n = neighbours.AtomCount;
        if (neighbours.EntryCount == 0)
            return true;
        // rank is scratch here; the caller sets it afterwards.
        var rankOf = rank;
        for (var q = 0; q < n; q++)
            rankOf[spatialOrder[q]] = q;
        double input = 0, spatial = 0;
        for (var i = 0; i < n; i++)
        {
            for (var k = start[i]; k < start[i + 1]; k++)
            {
                input += Math.Abs(i - js[k]);
                spatial += Math.Abs(rankOf[i] - rankOf[js[k]]);
            }
        }
        return input <= 2 * spatial;
    }

    /// <summary>The list, positions' order and elements copied into the list's spatial order.</summary>
    private void CopyInSpatialOrder(NeighbourList neighbours, int count)
    {
        var n = atoms.AtomCount;
        if (ReferenceEquals(neighbour, neighbours.Entries.J) || neighbour.Length < count)
        {
            var capacity = count + count / 16 + 64;
            (neighbour, shiftX, shiftY, shiftZ) = (new int[capacity], new double[capacity], new double[capacity], new double[capacity]);
        }
        if (rowStart.Length != n + 1 || ReferenceEquals(rowStart, neighbours.Entries.Start))
            rowStart = new int[n + 1];
        if (ReferenceEquals(px, structure.X))
            (px, py, pz, elementInOrder) = (new double[n], new double[n], new double[n], new int[n]);
        neighbours.SpatialOrder.CopyTo(order);
        for (var q = 0; q < n; q++)
        {
            rank[order[q]] = q;
            elementInOrder[q] = atoms.Element[order[q]];
        }
        var start = neighbours.Start;
        var js = neighbours.J;
        var sx = neighbours.ShiftX;
        var sy = neighbours.ShiftY;
        var sz = neighbours.ShiftZ;
        var fill = 0;
        for (var q = 0; q < n; q++)
        {
            rowStart[q] = fill;
            var i = order[q];
            for (var k = start[i]; k < start[i + 1]; k++)
            {
                neighbour[fill] = rank[js[k]];
                (shiftX[fill], shiftY[fill], shiftZ[fill]) = (sx[k], sy[k], sz[k]);
                fill++;
            }
        }
        rowStart[n] = fill;
    }

    /// <summary>The atoms [First, End) of a block, as places in the spatial order; their entries are one contiguous run.</summary>
    private (int First, int End) Atoms(int block) => (block * AtomBlock, Math.Min(atoms.AtomCount, (block + 1) * AtomBlock));

    /// <summary>Separations of a block's entries and, within the cutoff, their kernels in batches of four.</summary>
    private void GeometryAndKernels(int block)
    {
        var (first, end) = Atoms(block);
        var kernels = potential.Pairs.Count;
        if (kernels == 1)
        {
            OneElementPair(first, end);
            return;
        }
        var start = rowStart;
        var js = neighbour;
        var sx = shiftX;
        var sy = shiftY;
        var sz = shiftZ;
        var (x, y, z) = (px, py, pz);
        var element = elementInOrder;
        Span<int> pending = stackalloc int[kernels * Lanes];
        Span<int> pendingCount = stackalloc int[kernels];
        pendingCount.Clear();
        Span<Vector256<double>> outputs = stackalloc Vector256<double>[maxOutputs];
        for (var i = first; i < end; i++)
        {
            var (xi, yi, zi) = (x[i], y[i], z[i]);
            var row = element[i] * elementCount;
            for (var k = start[i]; k < start[i + 1]; k++)
            {
                var j = js[k];
                var ddx = x[j] + sx[k] - xi;
                var ddy = y[j] + sy[k] - yi;
                var ddz = z[j] + sz[k] - zi;
                var r2 = ddx * ddx + ddy * ddy + ddz * ddz;
                r[k] = Math.Sqrt(r2);
                if (r2 >= cutoffSquared)
                {
                    // Beyond the cutoff every term is zero; the kernel is not evaluated there.
                    electrostatics[k] = pairTerm[k] = densityAtI[k] = densityAtJ[k] = 0;
                    slope[k] = densityAtISlope[k] = densityAtJSlope[k] = 0;
                    continue;
                }
                var kernel = kernelOf[row + element[j]];
                var lane = pendingCount[kernel]++;
                // The entry, and in its lowest bit whether atom i plays the kernel's B.
                pending[kernel * Lanes + lane] = (k << 1) | (swapOf[row + element[j]] ? 1 : 0);
                if (lane == Lanes - 1)
                {
                    EvaluateLanes(kernel, pending.Slice(kernel * Lanes, Lanes), outputs);
                    pendingCount[kernel] = 0;
                }
            }
        }
        for (var kernel = 0; kernel < kernels; kernel++)
            if (pendingCount[kernel] > 0)
                EvaluateLanes(kernel, pending.Slice(kernel * Lanes, pendingCount[kernel]), outputs);
    }

    /// <summary>
    /// Distances of a block's entries, then the one kernel over them four consecutive entries at a time:
    /// a vector load, the kernel, and vector stores, with every output beyond the cutoff masked to zero (the
    /// kernel is not meant to be read there: its switch is zero, but a term times zero may not be). Every
    /// entry is evaluated, those between the cutoff and the list radius too; that costs less than gathering
    /// the ones inside and scattering their outputs.
    /// </summary>
    private void OneElementPair(int first, int end)
    {
        var start = rowStart;
        var js = neighbour;
        var sx = shiftX;
        var sy = shiftY;
        var sz = shiftZ;
        var (x, y, z) = (px, py, pz);
        var k0 = start[first];
        var k1 = start[end];
        for (var i = first; i < end; i++)
        {
            var (xi, yi, zi) = (x[i], y[i], z[i]);
            for (var k = start[i]; k < start[i + 1]; k++)
            {
                var j = js[k];
                var ddx = x[j] + sx[k] - xi;
                var ddy = y[j] + sy[k] - yi;
                var ddz = z[j] + sz[k] - zi;
                r[k] = Math.Sqrt(ddx * ddx + ddy * ddy + ddz * ddz);
            }
        }
        Span<Vector256<double>> outputs = stackalloc Vector256<double>[maxOutputs];
        var o = outputsOf[0];
        var kernel = potential.Pairs[0].Vector;
        var cutoff = Vector256.Create(potential.Cutoff);
        Span<double> padded = stackalloc double[Lanes];
        for (var k = k0; k < k1; k += Lanes)
        {
            Vector256<double> distance;
            if (k + Lanes <= k1)
                distance = Vector256.LoadUnsafe(ref r[k]);
            else
            {
                padded.Fill(r[k]);
                for (var m = k; m < k1; m++) padded[m - k] = r[m];
                distance = Vector256.Create(padded);
            }
            kernel(distance, outputs);
            var inside = Vector256.LessThan(distance, cutoff);
            var c = Vector256.ConditionalSelect(inside, outputs[o.Electrostatics], Vector256<double>.Zero);
            var phi = Vector256.ConditionalSelect(inside, outputs[o.Pair], Vector256<double>.Zero);
            var atI = Vector256.ConditionalSelect(inside, outputs[o.DensityAtA], Vector256<double>.Zero);
            var atJ = Vector256.ConditionalSelect(inside, outputs[o.DensityAtB], Vector256<double>.Zero);
            var sl = Vector256.ConditionalSelect(inside, outputs[o.ElectrostaticsSlope] + outputs[o.PairSlope], Vector256<double>.Zero);
            var dI = Vector256.ConditionalSelect(inside, outputs[o.DensityAtASlope], Vector256<double>.Zero);
            var dJ = Vector256.ConditionalSelect(inside, outputs[o.DensityAtBSlope], Vector256<double>.Zero);
            if (k + Lanes <= k1)
            {
                c.StoreUnsafe(ref electrostatics[k]);
                phi.StoreUnsafe(ref pairTerm[k]);
                atI.StoreUnsafe(ref densityAtI[k]);
                atJ.StoreUnsafe(ref densityAtJ[k]);
                sl.StoreUnsafe(ref slope[k]);
                dI.StoreUnsafe(ref densityAtISlope[k]);
                dJ.StoreUnsafe(ref densityAtJSlope[k]);
            }
            else
            {
                for (var m = k; m < k1; m++)
                {
                    electrostatics[m] = c.GetElement(m - k);
                    pairTerm[m] = phi.GetElement(m - k);
                    densityAtI[m] = atI.GetElement(m - k);
                    densityAtJ[m] = atJ.GetElement(m - k);
                    slope[m] = sl.GetElement(m - k);
                    densityAtISlope[m] = dI.GetElement(m - k);
                    densityAtJSlope[m] = dJ.GetElement(m - k);
                }
            }
        }
    }

    /// <summary>
    /// The kernel at up to four entries (each as entry·2 + 1 when atom i plays the kernel's B; unused lanes
    /// repeat the first), its outputs stored per entry and oriented to the entry's atoms.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void EvaluateLanes(int kernel, ReadOnlySpan<int> entries, Span<Vector256<double>> outputs)
    {
        var e0 = entries[0] >> 1;
        var distance = Vector256.Create(
            r[e0],
            r[entries.Length > 1 ? entries[1] >> 1 : e0],
            r[entries.Length > 2 ? entries[2] >> 1 : e0],
            r[entries.Length > 3 ? entries[3] >> 1 : e0]);
        potential.Pairs[kernel].Vector(distance, outputs);
        var values = MemoryMarshal.Cast<Vector256<double>, double>(outputs);
        var o = outputsOf[kernel];
        for (var lane = 0; lane < entries.Length; lane++)
        {
            var k = entries[lane] >> 1;
            electrostatics[k] = values[o.Electrostatics * Lanes + lane];
            pairTerm[k] = values[o.Pair * Lanes + lane];
            slope[k] = values[o.ElectrostaticsSlope * Lanes + lane] + values[o.PairSlope * Lanes + lane];
            // DensityAtA is what B gives at A: the density at the entry's atom i when i plays A.
            var (atI, atJ, atISlope, atJSlope) = (entries[lane] & 1) == 0
                ? (o.DensityAtA, o.DensityAtB, o.DensityAtASlope, o.DensityAtBSlope)
                : (o.DensityAtB, o.DensityAtA, o.DensityAtBSlope, o.DensityAtASlope);
            densityAtI[k] = values[atI * Lanes + lane];
            densityAtJ[k] = values[atJ * Lanes + lane];
            densityAtISlope[k] = values[atISlope * Lanes + lane];
            densityAtJSlope[k] = values[atJSlope * Lanes + lane];
        }
    }

    /// <summary>ρ̄, the halves of the pair energies and F, F′ of a block's atoms.</summary>
    private void DensityAndEmbedding(int block)
    {
        var (first, end) = Atoms(block);
        var start = rowStart;
        var terms = result.Terms;
        var (pairShare, electrostaticShare, embeddingEnergy) = (terms.Pair, terms.Electrostatic, terms.Embedding);
        var element = elementInOrder;
        Span<int> pending = stackalloc int[elementCount * Lanes];
        Span<int> pendingCount = stackalloc int[elementCount];
        pendingCount.Clear();
        Span<double> density = stackalloc double[AtomBlock];
        Span<Vector256<double>> f = stackalloc Vector256<double>[EmbeddingLayout.OutputCount];
        for (var i = first; i < end; i++)
        {
            double rho = 0, phi = 0, c = 0;
            for (var k = start[i]; k < start[i + 1]; k++)
            {
                rho += densityAtI[k];
                phi += pairTerm[k];
                c += electrostatics[k];
            }
            for (var m = incomingStart[i]; m < incomingStart[i + 1]; m++)
            {
                var k = incoming[m];
                rho += densityAtJ[k];
                phi += pairTerm[k];
                c += electrostatics[k];
            }
            pairShare[order[i]] = 0.5 * phi;
            electrostaticShare[order[i]] = 0.5 * c;
            density[i - first] = rho;
            var e = element[i];
            var lane = pendingCount[e]++;
            pending[e * Lanes + lane] = i;
            if (lane == Lanes - 1)
            {
                Embed(e, pending.Slice(e * Lanes, Lanes), density, first, f, embeddingEnergy);
                pendingCount[e] = 0;
            }
        }
        for (var e = 0; e < elementCount; e++)
            if (pendingCount[e] > 0)
                Embed(e, pending.Slice(e * Lanes, pendingCount[e]), density, first, f, embeddingEnergy);
    }

    /// <summary>F and F′ of up to four atoms of one element (unused lanes repeat the first).</summary>
    private void Embed(int element, ReadOnlySpan<int> atomsOfElement, ReadOnlySpan<double> density, int first, Span<Vector256<double>> f, double[] energy)
    {
        var a0 = atomsOfElement[0] - first;
        var rho = Vector256.Create(
            density[a0],
            density[atomsOfElement.Length > 1 ? atomsOfElement[1] - first : a0],
            density[atomsOfElement.Length > 2 ? atomsOfElement[2] - first : a0],
            density[atomsOfElement.Length > 3 ? atomsOfElement[3] - first : a0]);
        potential.Embeddings[element].Vector(rho, f);
        var values = MemoryMarshal.Cast<Vector256<double>, double>(f);
        for (var lane = 0; lane < atomsOfElement.Length; lane++)
        {
            var i = atomsOfElement[lane];
            energy[order[i]] = values[EmbeddingLayout.Value * Lanes + lane];
            embeddingSlope[i] = values[EmbeddingLayout.Slope * Lanes + lane];
        }
    }

    /// <summary>(dE/dr)/r of a block's entries, in place of the kernels' slopes, and the block's virial.</summary>
    private void SlopesAndVirial(int block)
    {
        var (first, end) = Atoms(block);
        var start = rowStart;
        var js = neighbour;
        var sx = shiftX;
        var sy = shiftY;
        var sz = shiftZ;
        var (x, y, z) = (px, py, pz);
        double xx = 0, yy = 0, zz = 0, yz = 0, xz = 0, xy = 0;
        for (var i = first; i < end; i++)
        {
            var slopeAtI = embeddingSlope[i];
            for (var k = start[i]; k < start[i + 1]; k++)
            {
                if (r[k] * r[k] >= cutoffSquared)
                    continue;
                var s = (slope[k] + slopeAtI * densityAtISlope[k] + embeddingSlope[js[k]] * densityAtJSlope[k]) / r[k];
                slope[k] = s;
                var j = js[k];
                var (ddx, ddy, ddz) = (x[j] + sx[k] - x[i], y[j] + sy[k] - y[i], z[j] + sz[k] - z[i]);
                xx += s * ddx * ddx;
                yy += s * ddy * ddy;
                zz += s * ddz * ddz;
                yz += s * ddy * ddz;
                xz += s * ddx * ddz;
                xy += s * ddx * ddy;
            }
        }
        var v = blockVirial.AsSpan(6 * block, 6);
        (v[0], v[1], v[2], v[3], v[4], v[5]) = (xx, yy, zz, yz, xz, xy);
    }

    /// <summary>Forces on a block's atoms: +s·d from the entries they own, −s·d from those that list them.</summary>
    private void Forces(int block)
    {
        var (first, end) = Atoms(block);
        var start = rowStart;
        var js = neighbour;
        var sx = shiftX;
        var sy = shiftY;
        var sz = shiftZ;
        var (x, y, z) = (px, py, pz);
        var (fx, fy, fz) = (result.Fx, result.Fy, result.Fz);
        for (var i = first; i < end; i++)
        {
            double ax = 0, ay = 0, az = 0;
            var (xi, yi, zi) = (x[i], y[i], z[i]);
            for (var k = start[i]; k < start[i + 1]; k++)
            {
                var s = slope[k];
                var j = js[k];
                ax += s * (x[j] + sx[k] - xi);
                ay += s * (y[j] + sy[k] - yi);
                az += s * (z[j] + sz[k] - zi);
            }
            // Entry k of owner o lists i: its separation is r_i + shift − r_o, and i takes the opposite force.
            for (var m = incomingStart[i]; m < incomingStart[i + 1]; m++)
            {
                var k = incoming[m];
                var o = incomingOwner[m];
                var s = slope[k];
                ax -= s * (xi + sx[k] - x[o]);
                ay -= s * (yi + sy[k] - y[o]);
                az -= s * (zi + sz[k] - z[o]);
            }
            (fx[order[i]], fy[order[i]], fz[order[i]]) = (ax, ay, az);
        }
    }
}
