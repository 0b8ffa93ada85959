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
/// the list is rebuilt, in four passes:
/// <list type="number">
/// <item>per entry, the distance and the fused pair kernel, once, in SIMD batches of four (<see cref="PairKernel.Vector"/>;
/// with one element pair over four consecutive entries, loaded and stored as vectors, entries beyond the cutoff
/// masked to zero; with several, over four entries of the same element pair gathered as they come): what the
/// entry gives its owner (density, pair term, electrostatics) is summed into the owner there and then, and only
/// what the other passes need is kept per entry: the density at the neighbour, the pair term and electrostatics
/// (whose halves are the neighbour's), c′ + φ′ and the density slopes at either atom (one array when there is one
/// element pair, whose two densities are one function);</item>
/// <item>per atom, ρ̄ completed from the entries that list it (the transposed list, made at each rebuild), with
/// the halves of the pair energies, then F and F′ in batches of four atoms of one element;</item>
/// <item>per entry, (dE/dr)/r = (c′ + φ′ + F′(ρ̄_i) f′_j + F′(ρ̄_j) f′_i)/r, the distance recomputed from the
/// positions, kept in place of the neighbour's density; the owner's force from its own entries and the virial,
/// summed per block;</item>
/// <item>per atom, the force from the entries that list it.</item>
/// </list>
/// That is five doubles per entry with one element pair (six with several), where keeping the distance and every
/// output the passes read took eight: past the caches each is a trip to main memory per pass, which is what made
/// the time per atom grow with size.
/// <para>
/// At each build the step checks whether the structure's own order keeps neighbours near in memory (crystal
/// builders and ASE list atoms that way); if so it reads the list and the positions in place, else it copies the
/// list into the list's spatial order (<see cref="NeighbourList.SpatialOrder"/>) and gathers the positions into it
/// each step, so a shuffled input stays cache-friendly too. Every loop runs over fixed blocks of consecutive
/// places in that order (<see cref="ParallelLoop.ForBlocks"/>), whose entries are one contiguous run; each block
/// writes only its own atoms and entries, and every sum runs in a fixed order, so the result is the same bits on
/// any number of threads; nothing is allocated once the buffers (and each thread's <see cref="BlockScratch"/>)
/// have grown.
/// </para>
/// </summary>
internal sealed class FixedWeightStep
{
    // Atoms per block: enough work per delegate call, small enough to share out between two cores.
    private const int AtomBlock = 256;
    private const int Lanes = 4;

    private readonly PotentialKernels potential;
    private readonly AtomStates atoms;
    private readonly ParallelOptions parallel;
    private readonly int elementCount;
    // Per ordered element pair (e_i·E + e_j): the kernel's index and whether atom i plays the kernel's B.
    private readonly int[] kernelOf;
    private readonly bool[] swapOf;
    private readonly FixedPairOutputs[] outputsOf;
    private readonly int maxOutputs;
    private readonly VectorKernel[] kernelOfPair;
    private readonly Vector256<double> cutoff;
    private readonly ILongRangeElectrostatics? longRange;

    // Per atom (place): F′(ρ̄); ρ̄, the pair and the electrostatic energy of the atom's own entries from pass 1
    // (ρ̄ completed in place by pass 2).
    private readonly double[] embeddingSlope;
    private readonly double[] density;
    private readonly double[] ownPair;
    private readonly double[] ownElectrostatics;
    private readonly double[] charge;
    private readonly double[] longRangePotential;

    // Per entry of the list (valid until it is rebuilt), from the kernel's one evaluation in pass 1: what the
    // entry's neighbour needs (the density the owner gives it, then, overwritten by pass 3, (dE/dr)/r; the pair
    // term and electrostatics, whose halves are its) and what pass 3 needs (c′ + φ′ and the density slopes at
    // either atom; with one element pair those are one function, and one array serves both). What only the owner
    // needs is summed into it in pass 1 instead, and the distance is recomputed from the positions: every double
    // kept per entry is another trip to main memory per pass once the crystal outgrows the caches.
    private double[] towardNeighbour = [], pairTerm = [], electrostatics = [];
    private double[] pairSlope = [], densitySlopeAtOwner = [], densitySlopeAtNeighbour = [];
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
    private double electronicTemperature;
    private readonly Action<int> kernelBody;
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
        elementCount = potential.Elements.Count;
        kernelOf = new int[elementCount * elementCount];
        swapOf = new bool[elementCount * elementCount];
        outputsOf = new FixedPairOutputs[potential.Pairs.Count];
        kernelOfPair = potential.Pairs.Select(p => p.Vector).ToArray();
        cutoff = Vector256.Create(potential.Cutoff);
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
        density = new double[n];
        ownPair = new double[n];
        ownElectrostatics = new double[n];
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
        kernelBody = KernelsAndOwnSums;
        densityBody = DensityAndEmbedding;
        slopeBody = SlopesOwnForcesAndVirial;
        forceBody = IncomingForces;
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
        electronicTemperature = temperature;
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

        ParallelLoop.ForBlocks(parallel, n, AtomBlock, kernelBody);
        ParallelLoop.ForBlocks(parallel, n, AtomBlock, densityBody);
        ParallelLoop.ForBlocks(parallel, n, AtomBlock, slopeBody);
        ParallelLoop.ForBlocks(parallel, n, AtomBlock, forceBody);

        virial.Clear();
        for (var b = 0; b < blocks; b++)
            for (var c = 0; c < 6; c++)
                virial[c] += blockVirial[6 * b + c];

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
        if (towardNeighbour.Length < count)
        {
            // Some to spare: the number of entries wanders from one rebuild to the next, and a dynamics
            // step must not reallocate for that.
            var capacity = count + count / 16 + 64;
            towardNeighbour = new double[capacity];
            pairSlope = new double[capacity];
            densitySlopeAtNeighbour = new double[capacity];
            densitySlopeAtOwner = potential.Pairs.Count == 1 ? densitySlopeAtNeighbour : new double[capacity];
            pairTerm = new double[capacity];
            electrostatics = new double[capacity];
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

    /// <summary>
    /// Pass 1 over a block's entries: the kernel once per entry; what it gives the entry's owner summed into the
    /// owner (ρ̄ and the pair and electrostatic energies) and what the later passes need stored in the entry.
    /// </summary>
    private void KernelsAndOwnSums(int block)
    {
        var (first, end) = Atoms(block);
        if (potential.Pairs.Count == 1)
            OnePair(first, end);
        else
            SeveralPairs(first, end);
    }

    /// <summary>
    /// <see cref="KernelsAndOwnSums"/> for a potential of one element pair: the block's distances, then the
    /// kernel over four consecutive entries at a time (vector loads and stores; the last batch padded), then each
    /// atom's own sums. Every entry is evaluated, those between the cutoff and the list radius too, their outputs
    /// masked to zero: cheaper than a branch per entry, and the kernel is not meant to be read there (its switch
    /// is zero, but a term times zero may not be).
    /// </summary>
    private void OnePair(int first, int end)
    {
        var start = rowStart;
        var js = neighbour;
        var sx = shiftX;
        var sy = shiftY;
        var sz = shiftZ;
        var (x, y, z) = (px, py, pz);
        var k0 = start[first];
        var m = start[end] - k0;
        var r = BlockScratch.Distance(m);
        var atI = BlockScratch.AtOwner(m);
        for (var i = first; i < end; i++)
        {
            var (xi, yi, zi) = (x[i], y[i], z[i]);
            for (var k = start[i]; k < start[i + 1]; k++)
            {
                var j = js[k];
                var ddx = x[j] + sx[k] - xi;
                var ddy = y[j] + sy[k] - yi;
                var ddz = z[j] + sz[k] - zi;
                r[k - k0] = Math.Sqrt(ddx * ddx + ddy * ddy + ddz * ddz);
            }
        }
        Span<Vector256<double>> outputs = stackalloc Vector256<double>[maxOutputs];
        var o = outputsOf[0];
        var kernel = kernelOfPair[0];
        for (var q = 0; q < m; q += Lanes)
        {
            var distance = Vector256.LoadUnsafe(ref r[q]);
            kernel(distance, outputs);
            var inside = Vector256.LessThan(distance, cutoff);
            var c = Vector256.ConditionalSelect(inside, outputs[o.Electrostatics], Vector256<double>.Zero);
            var phi = Vector256.ConditionalSelect(inside, outputs[o.Pair], Vector256<double>.Zero);
            // One element pair: atom i plays A, DensityAtA is what B gives at A, and with one state per element
            // both sides' densities are one function, so one slope serves both.
            var toI = Vector256.ConditionalSelect(inside, outputs[o.DensityAtA], Vector256<double>.Zero);
            var toJ = Vector256.ConditionalSelect(inside, outputs[o.DensityAtB], Vector256<double>.Zero);
            var slope = Vector256.ConditionalSelect(inside, outputs[o.ElectrostaticsSlope] + outputs[o.PairSlope], Vector256<double>.Zero);
            var density = Vector256.ConditionalSelect(inside, outputs[o.DensityAtASlope], Vector256<double>.Zero);
            toI.StoreUnsafe(ref atI[q]);
            var k = k0 + q;
            if (q + Lanes <= m)
            {
                c.StoreUnsafe(ref electrostatics[k]);
                phi.StoreUnsafe(ref pairTerm[k]);
                toJ.StoreUnsafe(ref towardNeighbour[k]);
                slope.StoreUnsafe(ref pairSlope[k]);
                density.StoreUnsafe(ref densitySlopeAtNeighbour[k]);
            }
            else
            {
                // Not past the block's last entry: the next block's are another thread's.
                for (var lane = 0; lane < m - q; lane++)
                {
                    electrostatics[k + lane] = c.GetElement(lane);
                    pairTerm[k + lane] = phi.GetElement(lane);
                    towardNeighbour[k + lane] = toJ.GetElement(lane);
                    pairSlope[k + lane] = slope.GetElement(lane);
                    densitySlopeAtNeighbour[k + lane] = density.GetElement(lane);
                }
            }
        }
        for (var i = first; i < end; i++)
        {
            double rho = 0, pair = 0, e = 0;
            for (var k = start[i]; k < start[i + 1]; k++)
            {
                rho += atI[k - k0];
                pair += pairTerm[k];
                e += electrostatics[k];
            }
            (density[i], ownPair[i], ownElectrostatics[i]) = (rho, pair, e);
        }
    }

    /// <summary>
    /// <see cref="KernelsAndOwnSums"/> for several element pairs: each kernel over four entries of its pair,
    /// gathered in entry order as they come, its outputs oriented to the entry's atoms.
    /// </summary>
    private void SeveralPairs(int first, int end)
    {
        var kernels = potential.Pairs.Count;
        var start = rowStart;
        var js = neighbour;
        var sx = shiftX;
        var sy = shiftY;
        var sz = shiftZ;
        var (x, y, z) = (px, py, pz);
        var element = elementInOrder;
        for (var i = first; i < end; i++)
            density[i] = ownPair[i] = ownElectrostatics[i] = 0;
        // Per kernel, Lanes places: the entry (in its lowest bit whether atom i plays the kernel's B), its
        // owner and its distance.
        Span<int> pendingEntry = stackalloc int[kernels * Lanes];
        Span<int> pendingOwner = stackalloc int[kernels * Lanes];
        Span<double> pendingDistance = stackalloc double[kernels * Lanes];
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
                var kernel = kernelOf[row + element[j]];
                var lane = pendingCount[kernel]++;
                var slot = kernel * Lanes + lane;
                pendingEntry[slot] = (k << 1) | (swapOf[row + element[j]] ? 1 : 0);
                pendingOwner[slot] = i;
                pendingDistance[slot] = Math.Sqrt(ddx * ddx + ddy * ddy + ddz * ddz);
                if (lane == Lanes - 1)
                {
                    EvaluateLanes(kernel, Lanes, pendingEntry, pendingOwner, pendingDistance, outputs);
                    pendingCount[kernel] = 0;
                }
            }
        }
        for (var kernel = 0; kernel < kernels; kernel++)
            if (pendingCount[kernel] > 0)
                EvaluateLanes(kernel, pendingCount[kernel], pendingEntry, pendingOwner, pendingDistance, outputs);
    }

    /// <summary>
    /// The kernel at the <paramref name="count"/> entries waiting for it (unused lanes repeat the first), its
    /// outputs masked beyond the cutoff and oriented to each entry's atoms, added to the owner and stored.
    /// </summary>
    private void EvaluateLanes(int kernel, int count, ReadOnlySpan<int> pendingEntry, ReadOnlySpan<int> pendingOwner,
        ReadOnlySpan<double> pendingDistance, Span<Vector256<double>> outputs)
    {
        var at = kernel * Lanes;
        var d = pendingDistance.Slice(at, Lanes);
        var distance = Vector256.Create(d[0], d[count > 1 ? 1 : 0], d[count > 2 ? 2 : 0], d[count > 3 ? 3 : 0]);
        kernelOfPair[kernel](distance, outputs);
        var inside = Vector256.LessThan(distance, cutoff);
        var o = outputsOf[kernel];
        outputs[o.Electrostatics] = Vector256.ConditionalSelect(inside, outputs[o.Electrostatics], Vector256<double>.Zero);
        outputs[o.Pair] = Vector256.ConditionalSelect(inside, outputs[o.Pair], Vector256<double>.Zero);
        outputs[o.DensityAtA] = Vector256.ConditionalSelect(inside, outputs[o.DensityAtA], Vector256<double>.Zero);
        outputs[o.DensityAtB] = Vector256.ConditionalSelect(inside, outputs[o.DensityAtB], Vector256<double>.Zero);
        outputs[o.ElectrostaticsSlope] = Vector256.ConditionalSelect(inside, outputs[o.ElectrostaticsSlope] + outputs[o.PairSlope], Vector256<double>.Zero);
        outputs[o.DensityAtASlope] = Vector256.ConditionalSelect(inside, outputs[o.DensityAtASlope], Vector256<double>.Zero);
        outputs[o.DensityAtBSlope] = Vector256.ConditionalSelect(inside, outputs[o.DensityAtBSlope], Vector256<double>.Zero);
        var values = MemoryMarshal.Cast<Vector256<double>, double>(outputs);
        for (var lane = 0; lane < count; lane++)
        {
            var entry = pendingEntry[at + lane];
            var (k, i) = (entry >> 1, pendingOwner[at + lane]);
            // DensityAtA is what B gives at A: the density at the entry's atom i when i plays A.
            var (atI, atJ, atISlope, atJSlope) = (entry & 1) == 0
                ? (o.DensityAtA, o.DensityAtB, o.DensityAtASlope, o.DensityAtBSlope)
                : (o.DensityAtB, o.DensityAtA, o.DensityAtBSlope, o.DensityAtASlope);
            var phi = values[o.Pair * Lanes + lane];
            var c = values[o.Electrostatics * Lanes + lane];
            density[i] += values[atI * Lanes + lane];
            ownPair[i] += phi;
            ownElectrostatics[i] += c;
            towardNeighbour[k] = values[atJ * Lanes + lane];
            pairTerm[k] = phi;
            electrostatics[k] = c;
            pairSlope[k] = values[o.ElectrostaticsSlope * Lanes + lane];
            densitySlopeAtOwner[k] = values[atISlope * Lanes + lane];
            densitySlopeAtNeighbour[k] = values[atJSlope * Lanes + lane];
        }
    }

    /// <summary>Pass 2: ρ̄ completed from the entries that list each atom, the halves of the pair energies, F and F′, and the fixed terms of a block's atoms.</summary>
    private void DensityAndEmbedding(int block)
    {
        var (first, end) = Atoms(block);
        var terms = result.Terms;
        var (pairShare, electrostaticShare, embeddingEnergy) = (terms.Pair, terms.Electrostatic, terms.Embedding);
        var (weights, charges, atomic, entropy) = (result.Weights, result.Charges, terms.Atomic, terms.Entropy);
        var element = elementInOrder;
        Span<int> pending = stackalloc int[elementCount * Lanes];
        Span<int> pendingCount = stackalloc int[elementCount];
        pendingCount.Clear();
        Span<Vector256<double>> f = stackalloc Vector256<double>[EmbeddingLayout.OutputCount];
        for (var i = first; i < end; i++)
        {
            var (rho, phi, c) = (density[i], ownPair[i], ownElectrostatics[i]);
            for (var m = incomingStart[i]; m < incomingStart[i + 1]; m++)
            {
                var k = incoming[m];
                rho += towardNeighbour[k];
                phi += pairTerm[k];
                c += electrostatics[k];
            }
            var atom = order[i];
            pairShare[atom] = 0.5 * phi;
            electrostaticShare[atom] = 0.5 * c;
            // The atom's fixed terms here rather than in a serial loop of their own: weight 1, its state's
            // charge and energy, and θ w ln(w/g) at w = 1.
            var state = atoms.Offset[atom];
            weights[state] = 1.0;
            charges[atom] = charge[atom];
            atomic[atom] = atoms.Energy[state];
            entropy[atom] = electronicTemperature * -atoms.LogDegeneracy[state];
            density[i] = rho;
            var e = element[i];
            var lane = pendingCount[e]++;
            pending[e * Lanes + lane] = i;
            if (lane == Lanes - 1)
            {
                Embed(e, pending.Slice(e * Lanes, Lanes), f, embeddingEnergy);
                pendingCount[e] = 0;
            }
        }
        for (var e = 0; e < elementCount; e++)
            if (pendingCount[e] > 0)
                Embed(e, pending.Slice(e * Lanes, pendingCount[e]), f, embeddingEnergy);
    }

    /// <summary>F and F′ of up to four atoms of one element (unused lanes repeat the first).</summary>
    private void Embed(int element, ReadOnlySpan<int> atomsOfElement, Span<Vector256<double>> f, double[] energy)
    {
        var a0 = atomsOfElement[0];
        var rho = Vector256.Create(
            density[a0],
            density[atomsOfElement.Length > 1 ? atomsOfElement[1] : a0],
            density[atomsOfElement.Length > 2 ? atomsOfElement[2] : a0],
            density[atomsOfElement.Length > 3 ? atomsOfElement[3] : a0]);
        potential.Embeddings[element].Vector(rho, f);
        var values = MemoryMarshal.Cast<Vector256<double>, double>(f);
        for (var lane = 0; lane < atomsOfElement.Length; lane++)
        {
            var i = atomsOfElement[lane];
            energy[order[i]] = values[EmbeddingLayout.Value * Lanes + lane];
            embeddingSlope[i] = values[EmbeddingLayout.Slope * Lanes + lane];
        }
    }

    /// <summary>
    /// Pass 3: (dE/dr)/r = (c′ + φ′ + F′(ρ̄_i) f′_j + F′(ρ̄_j) f′_i)/r of a block's entries, stored in the entry for
    /// its neighbour; the owner's force from its own entries; and the block's virial.
    /// </summary>
    private void SlopesOwnForcesAndVirial(int block)
    {
        var (first, end) = Atoms(block);
        var start = rowStart;
        var js = neighbour;
        var sx = shiftX;
        var sy = shiftY;
        var sz = shiftZ;
        var (x, y, z) = (px, py, pz);
        var (fx, fy, fz) = (result.Fx, result.Fy, result.Fz);
        var (atOwner, atNeighbour) = (densitySlopeAtOwner, densitySlopeAtNeighbour);
        double xx = 0, yy = 0, zz = 0, yz = 0, xz = 0, xy = 0;
        for (var i = first; i < end; i++)
        {
            double ax = 0, ay = 0, az = 0;
            var (xi, yi, zi) = (x[i], y[i], z[i]);
            var slopeAtI = embeddingSlope[i];
            for (var k = start[i]; k < start[i + 1]; k++)
            {
                var j = js[k];
                var (ddx, ddy, ddz) = (x[j] + sx[k] - xi, y[j] + sy[k] - yi, z[j] + sz[k] - zi);
                // Beyond the cutoff every slope is zero, and so is s.
                var s = (pairSlope[k] + slopeAtI * atOwner[k] + embeddingSlope[j] * atNeighbour[k]) / Math.Sqrt(ddx * ddx + ddy * ddy + ddz * ddz);
                towardNeighbour[k] = s;
                ax += s * ddx;
                ay += s * ddy;
                az += s * ddz;
                xx += s * ddx * ddx;
                yy += s * ddy * ddy;
                zz += s * ddz * ddz;
                yz += s * ddy * ddz;
                xz += s * ddx * ddz;
                xy += s * ddx * ddy;
            }
            (fx[order[i]], fy[order[i]], fz[order[i]]) = (ax, ay, az);
        }
        var v = blockVirial.AsSpan(6 * block, 6);
        (v[0], v[1], v[2], v[3], v[4], v[5]) = (xx, yy, zz, yz, xz, xy);
    }

    /// <summary>Pass 4: to each atom of a block, −s·d from the entries that list it (pass 3 gave +s·d from its own).</summary>
    private void IncomingForces(int block)
    {
        var (first, end) = Atoms(block);
        var sx = shiftX;
        var sy = shiftY;
        var sz = shiftZ;
        var (x, y, z) = (px, py, pz);
        var (fx, fy, fz) = (result.Fx, result.Fy, result.Fz);
        for (var i = first; i < end; i++)
        {
            var atom = order[i];
            var (ax, ay, az) = (fx[atom], fy[atom], fz[atom]);
            var (xi, yi, zi) = (x[i], y[i], z[i]);
            // Entry k of owner o lists i: its separation is r_i + shift − r_o, and i takes the opposite force.
            for (var m = incomingStart[i]; m < incomingStart[i + 1]; m++)
            {
                var k = incoming[m];
                var o = incomingOwner[m];
                var s = towardNeighbour[k];
                ax -= s * (xi + sx[k] - x[o]);
                ay -= s * (yi + sy[k] - y[o]);
                az -= s * (zi + sz[k] - z[o]);
            }
            (fx[atom], fy[atom], fz[atom]) = (ax, ay, az);
        }
    }
}
