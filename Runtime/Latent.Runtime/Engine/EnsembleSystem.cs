using Latent.Runtime.Engine.LongRange;
using Latent.Runtime.Engine.ShortRange;
using Latent.Runtime.Kernels;
using Latent.Runtime.Structures;

namespace Latent.Runtime.Engine;

/// <summary>
/// One configuration of atoms under one potential, with everything that depends only on the positions
/// evaluated once: the fused pair kernels at every short-range pair and the long-range Coulomb factors.
/// The latent-weight solver then calls <see cref="Epsilon"/> and <see cref="FreeEnergy(double[], double)"/>
/// many times at fixed positions without touching a kernel again; <see cref="Forces"/> uses the same
/// cached values. The energy (docs/model.md §2) is composed here from its parts: the atoms' states
/// (<see cref="AtomStates"/>), the short-range terms read from the cached kernels
/// (<see cref="PairKernelCache"/>: <see cref="StateCouplings"/> for the electrostatics between states in ε
/// and the energy, <see cref="ShortRangeElectrostatics"/> for its slope, <see cref="PairTerms"/>,
/// <see cref="ShortRange.Embedding"/>) and the long-range point-charge tail (<see cref="ILongRangeElectrostatics"/>),
/// split as docs/model.md §7 describes. Scalar kernels are separate from these system sums, as in JAX-MD.
/// </summary>
public sealed class EnsembleSystem
{
    private readonly PotentialKernels potential;
    private readonly Structure structure;
    private readonly ParallelOptions parallel;
    private readonly AtomStates atoms;
    private readonly PairKernelCache kernels;
    private readonly Embedding embedding;
    private readonly StateCouplings couplings;
    private readonly ILongRangeElectrostatics longRange;

    // At the weights of the last Epsilon or FreeEnergy: each atom's charge q_i and long-range potential V_i.
    private readonly double[] charge;
    private readonly double[] longRangePotential;
    // At the same weights: the short-range electrostatic field u_iα (StateCouplings), one value per state.
    private readonly double[] field;
    // dE/dr of each short-range pair at the weights of the last Forces.
    private double[] pairSlope = [];

    // The arrays the current loop works on, and its bodies, bound once (see ParallelLoop).
    private double[] loopWeights = [];
    private double[] loopEpsilon = [];
    private readonly Action<int> epsilonBody;
    private readonly Action<int> slopeBody;
    private readonly PairForceChunks shortRangeForces;
    // Pairs per block of the slope loop, atoms per block of the ε loop (cheap bodies: one delegate call per block).
    private const int PairsPerBlock = 1024;
    private const int AtomsPerBlock = 256;

    /// <summary>Evaluates every kernel for the configuration.</summary>
    /// <param name="potential">The potential's kernels.</param>
    /// <param name="structure">Atoms; every symbol must be an element of the potential.</param>
    /// <param name="pairs">Short-range pairs (within the potential's cutoff; farther ones contribute zero).</param>
    /// <param name="coulomb">The long-range sum: direct for clusters, damped shifted-force for periodic cells.</param>
    /// <param name="longPairs">Pairs within the damped shifted-force cutoff (periodic form only).</param>
    /// <param name="parallel">Degree of parallelism; results do not depend on it.</param>
    public EnsembleSystem(PotentialKernels potential, Structure structure, PairSet pairs, LongRangeCoulomb coulomb, PairSet? longPairs, ParallelOptions? parallel = null)
    {
        if (coulomb.IsPeriodic && longPairs is null)
            throw new ArgumentException("the damped shifted-force sum needs its pair set", nameof(longPairs));
        this.potential = potential;
        this.structure = structure;
        this.parallel = parallel ?? new ParallelOptions();
        atoms = new AtomStates(potential, structure);
        kernels = new PairKernelCache(potential, atoms, pairs, this.parallel);
        embedding = new Embedding(potential, atoms, kernels, this.parallel);
        couplings = new StateCouplings(atoms, kernels, this.parallel);
        couplings.Bind();
        longRange = coulomb.IsPeriodic
            ? new DampedShiftedForceCoulomb(coulomb, structure.Count, longPairs!, this.parallel)
            : new DirectCoulomb(coulomb, structure, this.parallel);
        BufferCapacity.Ensure(ref pairSlope, pairs.Count);
        charge = new double[structure.Count];
        longRangePotential = new double[structure.Count];
        field = new double[atoms.WeightCount];
        epsilonBody = EpsilonBlock;
        slopeBody = SlopeBlock;
        shortRangeForces = new PairForceChunks(this.parallel);
    }

    /// <summary>
    /// Re-evaluates everything that depends on positions, for the same atoms after they moved (or
    /// their cell changed): the pair kernels, the incidence lists and the long-range factors.
    /// Arrays are reused and grow only when there are more pairs than ever before, so a dynamics
    /// step allocates nothing here.
    /// </summary>
    /// <param name="pairs">Short-range pairs of the new configuration.</param>
    /// <param name="longPairs">Pairs within the damped shifted-force cutoff (periodic form only).</param>
    public void Bind(PairSet pairs, PairSet? longPairs)
    {
        if (longRange.Form.IsPeriodic && longPairs is null)
            throw new ArgumentException("the damped shifted-force sum needs its pair set", nameof(longPairs));
        kernels.Bind(pairs);
        couplings.Bind();
        embedding.Invalidate();
        BufferCapacity.Ensure(ref pairSlope, pairs.Count);
        longRange.Bind(longPairs);
    }

    /// <summary>The atoms.</summary>
    public Structure Structure => structure;

    /// <summary>The potential.</summary>
    public PotentialKernels Potential => potential;

    /// <summary>Number of atoms.</summary>
    public int AtomCount => structure.Count;

    /// <summary>Total number of latent weights (Σ over atoms of their element's state count).</summary>
    public int WeightCount => atoms.WeightCount;

    /// <summary>Index of atom i's element in <see cref="PotentialKernels.Elements"/>.</summary>
    public int ElementOf(int i) => atoms.Element[i];

    /// <summary>Where atom i's weights start in a flattened weight vector.</summary>
    public int StateOffset(int i) => atoms.Offset[i];

    /// <summary>Number of states of atom i.</summary>
    public int StateCount(int i) => atoms.Count[i];

    /// <summary>Net charge q_α of each flattened state.</summary>
    public ReadOnlySpan<double> StateCharges => atoms.Charge;

    /// <summary>ln g_α of each flattened state.</summary>
    public ReadOnlySpan<double> StateLogDegeneracies => atoms.LogDegeneracy;

    /// <summary>Number of short-range pairs.</summary>
    public int PairCount => kernels.Count;

    /// <summary>Charges q_i = Σ_α w_iα q_α.</summary>
    public void Charges(ReadOnlySpan<double> weights, Span<double> result) => atoms.Charges(weights, result);

    /// <summary>
    /// Fills everything per atom that depends on the weights: charges, host densities ρ̄_i with F, F′,
    /// F″ at them, the long-range potential V_i = ∂E_long/∂q_i and the short-range electrostatic field u_iα.
    /// </summary>
    private void Intermediates(double[] weights)
    {
        atoms.Charges(weights, charge);
        embedding.Evaluate(weights, couplings.HasDensities);
        longRange.Potential(charge, longRangePotential);
        couplings.Field(weights, field);
    }

    /// <summary>
    /// The point-charge interaction matrix M_ij = ∂²E_long/∂q_i∂q_j (eV/e²), dense: k_e/r_ij for
    /// clusters, the damped shifted-force kernel summed over images for periodic cells, with the
    /// self term on the diagonal. For starting guesses on small systems, not for the hot path.
    /// </summary>
    public double[,] CoulombMatrix() => longRange.Matrix();

    /// <summary>
    /// ε_iα = ∂E/∂w_iα at the given weights (docs/model.md §3): the state energy, q_α times the
    /// long-range potential, and per incident pair the state's density in the neighbour's embedding
    /// slope plus the short-range electrostatics with the neighbour's weights.
    /// </summary>
    public void Epsilon(double[] weights, double[] epsilon)
    {
        Intermediates(weights);
        loopWeights = weights;
        loopEpsilon = epsilon;
        ParallelLoop.ForBlocks(parallel, AtomCount, AtomsPerBlock, epsilonBody);
    }

    /// <summary>ε of one block of atoms (see <see cref="EpsilonAt"/>).</summary>
    private void EpsilonBlock(int block)
    {
        var end = Math.Min(AtomCount, (block + 1) * AtomsPerBlock);
        for (var i = block * AtomsPerBlock; i < end; i++)
            EpsilonAt(i);
    }

    /// <summary>
    /// ε of atom i's states, from <see cref="loopWeights"/> into <see cref="loopEpsilon"/>: the state energy,
    /// q_α V_i and the electrostatic field, then (only if any pair gives a density) each state's density in
    /// its neighbours' embedding slopes, per incident pair.
    /// </summary>
    private void EpsilonAt(int i)
    {
        var epsilon = loopEpsilon;
        var (stateEnergy, stateCharge) = (atoms.Energy, atoms.Charge);
        var s0 = atoms.Offset[i];
        var s = atoms.Count[i];
        for (var a = 0; a < s; a++)
            epsilon[s0 + a] = stateEnergy[s0 + a] + stateCharge[s0 + a] * longRangePotential[i] + field[s0 + a];
        if (!couplings.HasDensities)
            return;
        var (incidence, first, end, embeddingSlope) = (kernels.Incidence, kernels.IncidenceStart[i], kernels.IncidenceStart[i + 1], embedding.Slope);
        for (var k = first; k < end; k++)
        {
            var pair = kernels.Pair(incidence[k]);
            if (pair.AtomA == i)
            {
                var slopeAtB = embeddingSlope[pair.AtomB];
                for (var a = 0; a < pair.Layout.StateCountA; a++)
                    epsilon[s0 + a] += Embedding.StateOfA(slopeAtB, pair, a);
            }
            if (pair.AtomB == i)
            {
                var slopeAtA = embeddingSlope[pair.AtomA];
                for (var b = 0; b < pair.Layout.StateCountB; b++)
                    epsilon[s0 + b] += Embedding.StateOfB(slopeAtA, pair, b);
            }
        }
    }

    /// <summary>
    /// The free energy A = E + θ Σ w ln(w/g) and its parts, per atom. Pair terms are split half and
    /// half between the two atoms.
    /// </summary>
    public EnergyTerms FreeEnergy(double[] weights, double temperature)
    {
        var terms = new EnergyTerms(AtomCount);
        FreeEnergy(weights, temperature, terms);
        return terms;
    }

    /// <summary>
    /// <see cref="FreeEnergy(double[], double)"/> into caller-owned terms for this many atoms, which are
    /// overwritten: the solver calls it every iteration, and a step must not allocate.
    /// </summary>
    /// <exception cref="ArgumentException">Terms for another number of atoms.</exception>
    public void FreeEnergy(double[] weights, double temperature, EnergyTerms terms)
    {
        var n = AtomCount;
        if (terms.Atomic.Length != n)
            throw new ArgumentException($"terms for {terms.Atomic.Length} atoms, the system has {n}", nameof(terms));
        Intermediates(weights);
        for (var i = 0; i < n; i++)
        {
            terms.Atomic[i] = atoms.AtomicEnergy(weights, i);
            terms.Entropy[i] = temperature * atoms.Entropy(weights, i);
            terms.Embedding[i] = embedding.Energy[i];
        }
        // Electrostatics: the long-range ½ q_i V_i, then the atom's half of its short-range pairs, ½ Σ_α w_iα u_iα
        // (StateCouplings); the pair term's halves do not depend on the weights and were summed at binding.
        longRange.AtomEnergies(charge, longRangePotential, terms.Electrostatic);
        var electrostatic = terms.Electrostatic;
        for (var i = 0; i < n; i++)
        {
            var shortRange = 0.0;
            for (var a = atoms.Offset[i]; a < atoms.Offset[i + 1]; a++)
                shortRange += weights[a] * field[a];
            electrostatic[i] += 0.5 * shortRange;
        }
        couplings.PairEnergy.AsSpan(0, n).CopyTo(terms.Pair);
    }

    /// <summary>
    /// Forces −∂A/∂R (eV/Å) and the virial W_ab = Σ_pairs (dE/dr) r_a r_b / r (eV) at fixed weights
    /// (docs/model.md §4): A is stationary in the weights at the solver's solution, so no dw/dR is needed.
    /// <see cref="FreeEnergy(double[], double)"/> or <see cref="Epsilon"/> must have been called with the same weights.
    /// </summary>
    public void Forces(double[] weights, double[] fx, double[] fy, double[] fz, Span<double> virial)
    {
        Array.Clear(fx);
        Array.Clear(fy);
        Array.Clear(fz);
        Span<double> w = stackalloc double[6];
        w.Clear();
        // dE/dr of every short-range pair, then scattered in fixed chunks (deterministic); then the long range.
        var pairs = kernels.Pairs;
        loopWeights = weights;
        ParallelLoop.ForBlocks(parallel, pairs.Count, PairsPerBlock, slopeBody);
        shortRangeForces.Add(pairs, pairSlope, fx, fy, fz, w);
        longRange.AddForces(charge, fx, fy, fz, w);
        w.CopyTo(virial);
    }

    /// <summary>
    /// dE/dr of one block of short-range pairs at <see cref="loopWeights"/>, into the pair slopes: φ′, then the
    /// electrostatics (for each α of A the sum over B's states, then over α), then the embedding through both
    /// atoms' densities, which is zero and skipped when no pair gives a density. The pair's vector runs from
    /// I to J; if A is J the derivative is the same (r is symmetric).
    /// </summary>
    private void SlopeBlock(int block)
    {
        var weights = loopWeights;
        var end = Math.Min(kernels.Count, (block + 1) * PairsPerBlock);
        if (kernels.HasDensities)
        {
            for (var p = block * PairsPerBlock; p < end; p++)
            {
                var pair = kernels.Pair(p);
                pairSlope[p] = embedding.AddToSlope(PairTerms.Slope(pair) + ShortRangeElectrostatics.Slope(weights, pair), weights, pair);
            }
            return;
        }
        var (atomA, atomB, start, slopes, phiSlope) = (kernels.AtomA, kernels.AtomB, kernels.ElectrostaticStart, kernels.ElectrostaticSlopes, kernels.PairPotentialSlope);
        var (offset, count) = (atoms.Offset, atoms.Count);
        for (var p = block * PairsPerBlock; p < end; p++)
        {
            var (oa, sa, ob, sb) = (offset[atomA[p]], count[atomA[p]], offset[atomB[p]], count[atomB[p]]);
            var s = start[p];
            var sum = 0.0;
            for (var a = 0; a < sa; a++)
            {
                var row = 0.0;
                for (var b = 0; b < sb; b++)
                    row += weights[ob + b] * slopes[s + a * sb + b];
                sum += weights[oa + a] * row;
            }
            pairSlope[p] = phiSlope[p] + sum;
        }
    }
}
