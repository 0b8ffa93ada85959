using Latent.Runtime.Kernels;
using Latent.Runtime.Structures;
using EmbeddingLayout = Latent.Symbolic.Kernels.EmbeddingLayout;
using PairLayout = Latent.Symbolic.Kernels.PairLayout;

namespace Latent.Runtime.Engine;

/// <summary>
/// One configuration of atoms under one potential, with everything that depends only on the positions
/// evaluated once: the fused pair kernels at every short-range pair (values and r-derivatives, kept as
/// flat arrays) and the long-range Coulomb factors. The latent-weight solver then calls
/// <see cref="Epsilon"/> and <see cref="FreeEnergy(double[], double)"/> many times at fixed positions
/// without touching a kernel again; <see cref="Forces"/> uses the same cached values. Scalar kernels
/// are separate from these system sums, as in JAX-MD.
/// </summary>
public sealed class EnsembleSystem
{
    private readonly PotentialKernels potential;
    private readonly Structure structure;
    private PairSet pairs;
    private PairSet? longPairs;
    private readonly LongRangeCoulomb coulomb;
    private readonly ParallelOptions parallel;

    // Per atom.
    private readonly int[] element;
    private readonly int[] stateOffset;
    private readonly int[] stateCount;

    // Per state of each atom (flattened with stateOffset): energy, charge, ln g.
    private readonly double[] stateEnergy;
    private readonly double[] stateCharge;
    private readonly double[] stateLogDegeneracy;

    // Per short-range pair: which atom plays A (the kernel's first element), the kernel and where its outputs are.
    private int[] atomA = [];
    private int[] atomB = [];
    private PairKernel[] pairKernel = [];
    private int[] outputOffset = [0];
    private double[] outputs = [];

    // Incidence: for atom i, pair indices [incidenceStart[i], incidenceStart[i+1]) in pair order.
    private readonly int[] incidenceStart;
    private readonly int[] incidenceFill;
    private int[] incidence = [];

    // Long-range g(r), g'(r) per long pair (periodic form).
    private double[] longG = [];
    private double[] longDG = [];
    private double[] pairSlopes = [];

    // Work arrays reused by every evaluation (no allocation inside the solver loop).
    private readonly double[] charge;
    private readonly double[] hostDensity;
    private readonly double[] embedding;
    private readonly double[] embeddingSlope;
    private readonly double[] embeddingCurvature;
    private readonly double[] potentialAt;

    // The arrays the current loop works on, and the loop bodies, bound once: a lambda capturing its
    // arguments would allocate a closure per call, which a dynamics step must not do.
    private double[] loopWeights = [];
    private double[] loopEpsilon = [];
    private double[] loopFx = [];
    private double[] loopFy = [];
    private double[] loopFz = [];
    private readonly Action<int> kernelBody;
    private readonly Action<int> densityBody;
    private readonly Action<int> directPotentialBody;
    private readonly Action<int> epsilonBody;
    private readonly Action<int> slopeBody;
    private readonly Action<int> directForceBody;

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
        this.pairs = pairs;
        this.longPairs = longPairs;
        this.coulomb = coulomb;
        this.parallel = parallel ?? new ParallelOptions();
        var n = structure.Count;

        element = new int[n];
        stateOffset = new int[n + 1];
        stateCount = new int[n];
        for (var i = 0; i < n; i++)
        {
            var e = potential.ElementIndex(structure.Symbols[i]);
            if (e < 0)
                throw new ArgumentException($"atom {i} is {structure.Symbols[i]}, which the potential {potential.Name} does not describe (it has {string.Join(", ", potential.Elements.Select(x => x.Symbol))})");
            element[i] = e;
            stateCount[i] = potential.Elements[e].States.Count;
            stateOffset[i + 1] = stateOffset[i] + stateCount[i];
        }

        var states = stateOffset[n];
        stateEnergy = new double[states];
        stateCharge = new double[states];
        stateLogDegeneracy = new double[states];
        for (var i = 0; i < n; i++)
        {
            var list = potential.Elements[element[i]].States;
            for (var a = 0; a < list.Count; a++)
            {
                stateEnergy[stateOffset[i] + a] = list[a].Energy;
                stateCharge[stateOffset[i] + a] = list[a].Charge;
                stateLogDegeneracy[stateOffset[i] + a] = Math.Log(list[a].Degeneracy);
            }
        }

        incidenceStart = new int[n + 1];
        incidenceFill = new int[n + 1];
        charge = new double[n];
        hostDensity = new double[n];
        embedding = new double[n];
        embeddingSlope = new double[n];
        embeddingCurvature = new double[n];
        potentialAt = new double[n];
        kernelBody = KernelAt;
        densityBody = DensityAt;
        directPotentialBody = DirectPotentialAt;
        epsilonBody = EpsilonAt;
        slopeBody = SlopeAt;
        directForceBody = DirectForceAt;
        Bind(pairs, longPairs);
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
        if (coulomb.IsPeriodic && longPairs is null)
            throw new ArgumentException("the damped shifted-force sum needs its pair set", nameof(longPairs));
        this.pairs = pairs;
        this.longPairs = longPairs;
        var n = AtomCount;
        var count = pairs.Count;
        EnsureCapacity(ref atomA, count);
        EnsureCapacity(ref atomB, count);
        EnsureCapacity(ref pairKernel, count);
        EnsureCapacity(ref outputOffset, count + 1);
        EnsureCapacity(ref pairSlopes, count);

        // Orient every pair so that its first atom has the kernel's first element.
        outputOffset[0] = 0;
        for (var p = 0; p < count; p++)
        {
            var (i, j) = (pairs.I[p], pairs.J[p]);
            var kernel = potential.Pair(element[i], element[j]);
            var swap = element[i] != element[j] && kernel.A != element[i];
            atomA[p] = swap ? j : i;
            atomB[p] = swap ? i : j;
            pairKernel[p] = kernel;
            outputOffset[p + 1] = outputOffset[p] + kernel.OutputCount;
        }

        EnsureCapacity(ref outputs, outputOffset[count]);
        For(count, kernelBody);

        // Incidence lists in pair order, so per-atom sums have a fixed order whatever the threads.
        Array.Clear(incidenceStart);
        for (var p = 0; p < count; p++)
        {
            incidenceStart[atomA[p] + 1]++;
            if (atomB[p] != atomA[p])
                incidenceStart[atomB[p] + 1]++;
        }
        for (var i = 0; i < n; i++)
            incidenceStart[i + 1] += incidenceStart[i];
        EnsureCapacity(ref incidence, incidenceStart[n]);
        Array.Copy(incidenceStart, incidenceFill, n + 1);
        for (var p = 0; p < count; p++)
        {
            incidence[incidenceFill[atomA[p]]++] = p;
            if (atomB[p] != atomA[p])
                incidence[incidenceFill[atomB[p]]++] = p;
        }

        if (longPairs is not null)
        {
            EnsureCapacity(ref longG, longPairs.Count);
            EnsureCapacity(ref longDG, longPairs.Count);
            for (var p = 0; p < longPairs.Count; p++)
                (longG[p], longDG[p]) = coulomb.Evaluate(longPairs.R[p]);
        }
    }

    private void KernelAt(int p) =>
        pairKernel[p].Scalar(pairs.R[p], outputs.AsSpan(outputOffset[p], pairKernel[p].OutputCount));

    /// <summary>
    /// body(0 … count − 1): on one thread a plain loop, because Parallel.For allocates its loop state
    /// even then; on more, Parallel.For (a few hundred bytes per call). Every body writes only its own
    /// index, so both give the same bits.
    /// </summary>
    private void For(int count, Action<int> body)
    {
        if (parallel.MaxDegreeOfParallelism == 1)
        {
            for (var i = 0; i < count; i++)
                body(i);
        }
        else
        {
            Parallel.For(0, count, parallel, body);
        }
    }

    private static void EnsureCapacity<T>(ref T[] array, int size)
    {
        if (array.Length < size)
            array = new T[Math.Max(size, 2 * array.Length)];
    }

    /// <summary>The atoms.</summary>
    public Structure Structure => structure;

    /// <summary>The potential.</summary>
    public PotentialKernels Potential => potential;

    /// <summary>Number of atoms.</summary>
    public int AtomCount => structure.Count;

    /// <summary>Total number of latent weights (Σ over atoms of their element's state count).</summary>
    public int WeightCount => stateOffset[^1];

    /// <summary>Where atom i's weights start in a flattened weight vector.</summary>
    public int StateOffset(int i) => stateOffset[i];

    /// <summary>Number of states of atom i.</summary>
    public int StateCount(int i) => stateCount[i];

    /// <summary>Net charge q_α of each flattened state.</summary>
    public ReadOnlySpan<double> StateCharges => stateCharge;

    /// <summary>ln g_α of each flattened state.</summary>
    public ReadOnlySpan<double> StateLogDegeneracies => stateLogDegeneracy;

    /// <summary>Number of short-range pairs.</summary>
    public int PairCount => pairs.Count;

    /// <summary>Σ_k w[w0 + k] · outputs[at + k] over <paramref name="count"/> states: a state-weighted kernel term.</summary>
    private double Weighted(double[] weights, int w0, int at, int count)
    {
        var sum = 0.0;
        for (var k = 0; k < count; k++)
            sum += weights[w0 + k] * outputs[at + k];
        return sum;
    }

    /// <summary>Σ_αβ w_Aα C_αβ w_Bβ over the electrostatics block of outputs starting at <paramref name="at"/> (values or r-derivatives).</summary>
    private double Bilinear(double[] weights, int a0, int b0, int at, PairLayout layout)
    {
        var sum = 0.0;
        for (var a = 0; a < layout.StateCountA; a++)
            sum += weights[a0 + a] * Weighted(weights, b0, at + layout.Electrostatics(a, 0), layout.StateCountB);
        return sum;
    }

    private int TermsA(int p) => pairKernel[p].Layout.StateCountA;

    private int TermsB(int p) => pairKernel[p].Layout.StateCountB;

    /// <summary>Charges q_i = Σ_α w_iα q_α.</summary>
    public void Charges(ReadOnlySpan<double> weights, Span<double> result)
    {
        for (var i = 0; i < AtomCount; i++)
        {
            var q = 0.0;
            for (var a = stateOffset[i]; a < stateOffset[i + 1]; a++)
                q += weights[a] * stateCharge[a];
            result[i] = q;
        }
    }

    /// <summary>
    /// Fills the per-atom intermediates that depend on the weights: charges, host densities ρ̄_i,
    /// F, F′, F″ at them, and the long-range potential V_i = ∂E_long/∂q_i.
    /// </summary>
    private void Intermediates(double[] weights)
    {
        Charges(weights, charge);
        var n = AtomCount;
        loopWeights = weights;
        For(n, densityBody);

        var k_e = LongRangeCoulomb.CoulombConstant;
        if (coulomb.IsPeriodic)
        {
            Array.Clear(potentialAt);
            // Pair order, so the sum is the same on any number of threads.
            var lp = longPairs!;
            for (var p = 0; p < lp.Count; p++)
            {
                var (i, j) = (lp.I[p], lp.J[p]);
                if (i == j)
                {
                    // A periodic image of itself: q_i² g counts once in the energy, so 2 q_i g in ∂/∂q_i.
                    potentialAt[i] += 2 * k_e * charge[i] * longG[p];
                }
                else
                {
                    potentialAt[i] += k_e * charge[j] * longG[p];
                    potentialAt[j] += k_e * charge[i] * longG[p];
                }
            }
            for (var i = 0; i < n; i++)
                potentialAt[i] += 2 * k_e * coulomb.SelfCoefficient * charge[i];
        }
        else
        {
            For(n, directPotentialBody);
        }
    }

    /// <summary>Host density ρ̄_i and the embedding F, F′, F″ at it, from <see cref="loopWeights"/>.</summary>
    private void DensityAt(int i)
    {
        var weights = loopWeights;
        var rho = 0.0;
        for (var k = incidenceStart[i]; k < incidenceStart[i + 1]; k++)
        {
            var p = incidence[k];
            var nA = TermsA(p);
            var nB = TermsB(p);
            var o = outputOffset[p];
            var layout = pairKernel[p].Layout;
            // Density at A comes from B's states, and vice versa.
            if (atomA[p] == i)
                rho += Weighted(weights, stateOffset[atomB[p]], o + layout.DensityAtA(0), nB);
            if (atomB[p] == i)
                rho += Weighted(weights, stateOffset[atomA[p]], o + layout.DensityAtB(0), nA);
        }
        hostDensity[i] = rho;
        Span<double> f = stackalloc double[EmbeddingLayout.OutputCount];
        potential.Embeddings[element[i]].Scalar(rho, f);
        embedding[i] = f[EmbeddingLayout.Value];
        embeddingSlope[i] = f[EmbeddingLayout.Slope];
        embeddingCurvature[i] = f[EmbeddingLayout.Curvature];
    }

    /// <summary>V_i of a cluster: the bare Coulomb sum over all other atoms.</summary>
    private void DirectPotentialAt(int i)
    {
        var (xs, ys, zs) = (structure.X, structure.Y, structure.Z);
        var n = AtomCount;
        var v = 0.0;
        for (var j = 0; j < n; j++)
        {
            if (j == i)
                continue;
            var dx = xs[j] - xs[i];
            var dy = ys[j] - ys[i];
            var dz = zs[j] - zs[i];
            v += charge[j] / Math.Sqrt(dx * dx + dy * dy + dz * dz);
        }
        potentialAt[i] = LongRangeCoulomb.CoulombConstant * v;
    }

    /// <summary>
    /// The point-charge interaction matrix M_ij = ∂²E_long/∂q_i∂q_j (eV/e²), dense: k_e/r_ij for
    /// clusters, the damped shifted-force kernel summed over images for periodic cells, with the
    /// self term on the diagonal. For starting guesses on small systems, not for the hot path.
    /// </summary>
    public double[,] CoulombMatrix()
    {
        var n = AtomCount;
        var m = new double[n, n];
        var k_e = LongRangeCoulomb.CoulombConstant;
        if (coulomb.IsPeriodic)
        {
            var lp = longPairs!;
            for (var p = 0; p < lp.Count; p++)
            {
                var (i, j) = (lp.I[p], lp.J[p]);
                if (i == j)
                {
                    m[i, i] += 2 * k_e * longG[p];
                }
                else
                {
                    m[i, j] += k_e * longG[p];
                    m[j, i] += k_e * longG[p];
                }
            }
            for (var i = 0; i < n; i++)
                m[i, i] += 2 * k_e * coulomb.SelfCoefficient;
        }
        else
        {
            for (var i = 0; i < n; i++)
            {
                for (var j = i + 1; j < n; j++)
                {
                    var r = structure.Position(i) - structure.Position(j);
                    m[i, j] = m[j, i] = k_e / r.Length;
                }
            }
        }
        return m;
    }

    /// <summary>
    /// ε_iα = ∂E/∂w_iα at the given weights (DESIGN §3): the state energy, the short-range
    /// electrostatics with the neighbours' weights, q_α times the long-range potential, and the
    /// state's density in the neighbours' embedding slopes.
    /// </summary>
    public void Epsilon(double[] weights, double[] epsilon)
    {
        Intermediates(weights);
        loopWeights = weights;
        loopEpsilon = epsilon;
        For(AtomCount, epsilonBody);
    }

    /// <summary>ε of atom i's states, from <see cref="loopWeights"/> into <see cref="loopEpsilon"/>.</summary>
    private void EpsilonAt(int i)
    {
        var weights = loopWeights;
        var epsilon = loopEpsilon;
        var s0 = stateOffset[i];
        var s = stateCount[i];
        for (var a = 0; a < s; a++)
            epsilon[s0 + a] = stateEnergy[s0 + a] + stateCharge[s0 + a] * potentialAt[i];
        for (var k = incidenceStart[i]; k < incidenceStart[i + 1]; k++)
        {
            var p = incidence[k];
            var layout = pairKernel[p].Layout;
            var nA = layout.StateCountA;
            var nB = layout.StateCountB;
            var o = outputOffset[p];
            if (atomA[p] == i)
            {
                var b0 = stateOffset[atomB[p]];
                var slope = embeddingSlope[atomB[p]];
                for (var a = 0; a < nA; a++)
                {
                    var e = slope * outputs[o + layout.DensityAtB(a)];
                    for (var b = 0; b < nB; b++)
                        e += weights[b0 + b] * outputs[o + layout.Electrostatics(a, b)];
                    epsilon[s0 + a] += e;
                }
            }
            if (atomB[p] == i)
            {
                var a0 = stateOffset[atomA[p]];
                var slope = embeddingSlope[atomA[p]];
                for (var b = 0; b < nB; b++)
                {
                    var e = slope * outputs[o + layout.DensityAtA(b)];
                    for (var a = 0; a < nA; a++)
                        e += weights[a0 + a] * outputs[o + layout.Electrostatics(a, b)];
                    epsilon[s0 + b] += e;
                }
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
        // The pair loop below adds to these; every other term is assigned.
        Array.Clear(terms.Pair);
        for (var i = 0; i < n; i++)
        {
            var atomic = 0.0;
            var entropy = 0.0;
            for (var a = stateOffset[i]; a < stateOffset[i + 1]; a++)
            {
                atomic += weights[a] * stateEnergy[a];
                if (weights[a] > 0)
                    entropy += weights[a] * (Math.Log(weights[a]) - stateLogDegeneracy[a]);
            }
            terms.Atomic[i] = atomic;
            terms.Entropy[i] = temperature * entropy;
            terms.Embedding[i] = embedding[i];
            // Long-range: ½ q_i V_i counts every pair once overall (and the self term exactly, being quadratic).
            terms.Electrostatic[i] = 0.5 * charge[i] * potentialAt[i];
        }
        for (var p = 0; p < pairs.Count; p++)
        {
            var nA = TermsA(p);
            var nB = TermsB(p);
            var o = outputOffset[p];
            var (ia, ib) = (atomA[p], atomB[p]);
            var a0 = stateOffset[ia];
            var b0 = stateOffset[ib];
            var c = Bilinear(weights, a0, b0, o, pairKernel[p].Layout);
            var phi = outputs[o + pairKernel[p].Layout.PairPotential];
            terms.Electrostatic[ia] += 0.5 * c;
            terms.Electrostatic[ib] += 0.5 * c;
            terms.Pair[ia] += 0.5 * phi;
            terms.Pair[ib] += 0.5 * phi;
        }
    }

    /// <summary>
    /// Forces −∂A/∂R (eV/Å) and the virial W_ab = Σ_pairs (dE/dr) r_a r_b / r (eV) at fixed weights:
    /// A is stationary in the weights at the solver's solution, so no dw/dR is needed.
    /// <see cref="FreeEnergy(double[], double)"/> or <see cref="Epsilon"/> must have been called with the same weights.
    /// </summary>
    public void Forces(double[] weights, double[] fx, double[] fy, double[] fz, Span<double> virial)
    {
        var n = AtomCount;
        Array.Clear(fx);
        Array.Clear(fy);
        Array.Clear(fz);
        Span<double> w = stackalloc double[6];
        w.Clear();
        // Pair derivative dE/dr for every short-range pair, then scattered in pair order (deterministic).
        var slopes = pairSlopes;
        loopWeights = weights;
        For(pairs.Count, slopeBody);
        for (var p = 0; p < pairs.Count; p++)
            Scatter(pairs.I[p], pairs.J[p], pairs.Dx[p], pairs.Dy[p], pairs.Dz[p], pairs.R[p], slopes[p], fx, fy, fz, w);

        var k_e = LongRangeCoulomb.CoulombConstant;
        if (coulomb.IsPeriodic)
        {
            var lp = longPairs!;
            for (var p = 0; p < lp.Count; p++)
            {
                var (i, j) = (lp.I[p], lp.J[p]);
                var dEdr = k_e * charge[i] * charge[j] * longDG[p];
                Scatter(i, j, lp.Dx[p], lp.Dy[p], lp.Dz[p], lp.R[p], dEdr, fx, fy, fz, w);
            }
        }
        else
        {
            // Each atom's force from all others, accumulated per atom (deterministic, parallel).
            (loopFx, loopFy, loopFz) = (fx, fy, fz);
            For(n, directForceBody);
        }
        w.CopyTo(virial);
    }

    /// <summary>dE/dr of short-range pair p at <see cref="loopWeights"/>, into the pair slopes.</summary>
    private void SlopeAt(int p)
    {
        var weights = loopWeights;
        var nA = TermsA(p);
        var nB = TermsB(p);
        var o = outputOffset[p];
        var layout = pairKernel[p].Layout;
        var d = o + layout.Derivative(0);
        var (ia, ib) = (atomA[p], atomB[p]);
        var a0 = stateOffset[ia];
        var b0 = stateOffset[ib];
        var dEdr = outputs[d + layout.PairPotential] + Bilinear(weights, a0, b0, d, layout)
            + embeddingSlope[ia] * Weighted(weights, b0, d + layout.DensityAtA(0), nB) + embeddingSlope[ib] * Weighted(weights, a0, d + layout.DensityAtB(0), nA);
        // The pair's vector runs from I to J; if A is J, the derivative is the same (r is symmetric).
        pairSlopes[p] = dEdr;
    }

    /// <summary>The bare Coulomb force on atom i of a cluster from all others, added to the loop's force arrays.</summary>
    private void DirectForceAt(int i)
    {
        var (xs, ys, zs) = (structure.X, structure.Y, structure.Z);
        var n = AtomCount;
        var k_e = LongRangeCoulomb.CoulombConstant;
        double gx = 0, gy = 0, gz = 0;
        for (var j = 0; j < n; j++)
        {
            if (j == i)
                continue;
            var dx = xs[j] - xs[i];
            var dy = ys[j] - ys[i];
            var dz = zs[j] - zs[i];
            var r2 = dx * dx + dy * dy + dz * dz;
            var r = Math.Sqrt(r2);
            // dE/dr = −k_e q_i q_j / r²; force on i is +dE/dr · (r_j − r_i)/r.
            var s = -k_e * charge[i] * charge[j] / (r2 * r);
            gx += s * dx;
            gy += s * dy;
            gz += s * dz;
        }
        loopFx[i] += gx;
        loopFy[i] += gy;
        loopFz[i] += gz;
    }

    private static void Scatter(int i, int j, double dx, double dy, double dz, double r, double dEdr, double[] fx, double[] fy, double[] fz, Span<double> virial)
    {
        var s = dEdr / r;
        // E depends on r = |r_j + shift − r_i|: ∂E/∂r_i = −dE/dr · d/r, so the force on i is +s·d.
        fx[i] += s * dx;
        fy[i] += s * dy;
        fz[i] += s * dz;
        fx[j] -= s * dx;
        fy[j] -= s * dy;
        fz[j] -= s * dz;
        // Voigt xx yy zz yz xz xy of Σ dE/dr · d_a d_b / r.
        virial[0] += s * dx * dx;
        virial[1] += s * dy * dy;
        virial[2] += s * dz * dz;
        virial[3] += s * dy * dz;
        virial[4] += s * dx * dz;
        virial[5] += s * dx * dy;
    }
}
