using Latent.Runtime.Engine.LongRange;
using Latent.Runtime.Kernels;
using Latent.Runtime.Structures;
using EmbeddingLayout = Latent.Symbolic.Kernels.EmbeddingLayout;

namespace Latent.Runtime.Engine.ChargeEquilibration;

/// <summary>
/// One configuration of atoms under a continuous-charge potential (docs/model.md §8), with everything that depends
/// only on the positions evaluated once: the pair kernels (<see cref="ChargePairTerms"/>), the host densities with F
/// and F′ at them, and the long-range point-charge sum. The energy is quadratic in the charges,
/// <code>E(q) = Σ_i (χ_i q_i + ½ J_i q_i²) + Σ_pairs (q_i q_j c + S φ) + E_long(q) + Σ_i F(ρ̄_i) = ½ qᵀHq + χᵀq + const,</code>
/// so the charge solver needs only products with H (<see cref="Multiply"/>) or H itself (<see cref="AssembleMatrix"/>);
/// energy terms and forces follow at the solved charges. Re-bound to moved atoms without allocating once its buffers
/// have grown; every sum runs in a fixed order, so the results are the same bits on any number of threads.
/// </summary>
internal sealed class ChargeEquilibrationSystem
{
    private const int AtomsPerBlock = 256;
    private const int PairsPerBlock = 1024;
    private readonly PotentialKernels potential;
    private readonly ParallelOptions parallel;
    private readonly int[] element;
    private readonly double[] electronegativity;
    private readonly double[] hardness;
    private readonly ChargePairTerms pairs;
    private readonly ILongRangeElectrostatics longRange;
    private readonly PairForceChunks forces;
    // Per atom: the host density, F and F′ there; the long-range potential of the last charges given.
    private readonly double[] density;
    private readonly double[] embeddingEnergy;
    private readonly double[] embeddingSlope;
    private readonly double[] longRangePotential;
    private double[] pairSlope = [];
    // What the loop bodies work on (bound once, see ParallelLoop).
    private double[] loopX = [];
    private double[] loopResult = [];
    private readonly Action<int> multiplyBody;
    private readonly Action<int> slopeBody;

    /// <summary>Evaluates every kernel for the configuration.</summary>
    /// <param name="potential">A continuous-charge potential.</param>
    /// <param name="structure">Atoms; every symbol must be an element of the potential.</param>
    /// <param name="shortPairs">Pairs within the potential's cutoff.</param>
    /// <param name="coulomb">The long-range sum: direct for clusters, damped shifted-force for periodic cells.</param>
    /// <param name="longPairs">Pairs within the damped shifted-force cutoff (periodic form only).</param>
    /// <param name="parallel">Degree of parallelism; results do not depend on it.</param>
    public ChargeEquilibrationSystem(PotentialKernels potential, Structure structure, PairSet shortPairs, LongRangeCoulomb coulomb, PairSet? longPairs, ParallelOptions parallel)
    {
        if (coulomb.IsPeriodic && longPairs is null)
            throw new ArgumentException("the damped shifted-force sum needs its pair set", nameof(longPairs));
        this.potential = potential;
        this.parallel = parallel;
        Structure = structure;
        var n = structure.Count;
        element = new int[n];
        electronegativity = new double[n];
        hardness = new double[n];
        for (var i = 0; i < n; i++)
        {
            element[i] = potential.ElementIndex(structure.Symbols[i]);
            if (element[i] < 0)
                throw new ArgumentException($"atom {i} is {structure.Symbols[i]}, which potential {potential.Name} does not define", nameof(structure));
            var charge = potential.Elements[element[i]].Charge!;
            (electronegativity[i], hardness[i]) = (charge.Electronegativity, charge.Hardness);
        }
        pairs = new ChargePairTerms(potential, element, parallel);
        longRange = coulomb.IsPeriodic
            ? new DampedShiftedForceCoulomb(coulomb, n, longPairs!, parallel)
            : new DirectCoulomb(coulomb, structure, parallel);
        forces = new PairForceChunks(parallel);
        density = new double[n];
        embeddingEnergy = new double[n];
        embeddingSlope = new double[n];
        longRangePotential = new double[n];
        multiplyBody = MultiplyBlock;
        slopeBody = SlopeBlock;
        Bind(shortPairs, longPairs);
    }

    /// <summary>The atoms.</summary>
    public Structure Structure { get; }

    /// <summary>Number of atoms.</summary>
    public int AtomCount => element.Length;

    /// <summary>The long-range form summed.</summary>
    public LongRangeCoulomb Coulomb => longRange.Form;

    /// <summary>χ_i of each atom (eV/e).</summary>
    public ReadOnlySpan<double> Electronegativity => electronegativity;

    /// <summary>J_i of each atom (eV/e², positive).</summary>
    public ReadOnlySpan<double> Hardness => hardness;

    /// <summary>Re-evaluates what depends on positions, for the same atoms after they moved or their cell changed.</summary>
    public void Bind(PairSet shortPairs, PairSet? longPairs)
    {
        if (longRange.Form.IsPeriodic && longPairs is null)
            throw new ArgumentException("the damped shifted-force sum needs its pair set", nameof(longPairs));
        pairs.Bind(shortPairs);
        longRange.Bind(longPairs);
        BufferCapacity.Ensure(ref pairSlope, shortPairs.Count);
        Embed();
    }

    /// <summary>ρ̄_i from the incident pairs in pair order, then F and F′ there (the host densities do not depend on the charges).</summary>
    private void Embed()
    {
        Span<double> f = stackalloc double[EmbeddingLayout.OutputCount];
        var (start, pairOf, set) = (pairs.IncidenceStart, pairs.IncidencePair, pairs.Pairs);
        for (var i = 0; i < AtomCount; i++)
        {
            var rho = 0.0;
            if (pairs.HasDensities)
            {
                for (var k = start[i]; k < start[i + 1]; k++)
                {
                    var p = pairOf[k];
                    // A self-image pair brings its density from both sides.
                    if (set.I[p] == i)
                        rho += pairs.DensityAtI[p];
                    if (set.J[p] == i)
                        rho += pairs.DensityAtJ[p];
                }
            }
            density[i] = rho;
            potential.Embeddings[element[i]].Scalar(rho, f);
            (embeddingEnergy[i], embeddingSlope[i]) = (f[EmbeddingLayout.Value], f[EmbeddingLayout.Slope]);
        }
    }

    /// <summary>result = H x (eV/e): J_i x_i, the short-range couplings to the incident atoms, and the long-range M x.</summary>
    public void Multiply(double[] x, double[] result)
    {
        longRange.Potential(x, longRangePotential);
        (loopX, loopResult) = (x, result);
        ParallelLoop.ForBlocks(parallel, AtomCount, AtomsPerBlock, multiplyBody);
    }

    private void MultiplyBlock(int block)
    {
        var (x, result) = (loopX, loopResult);
        var (start, other, coupling) = (pairs.IncidenceStart, pairs.IncidenceOther, pairs.IncidenceCoupling);
        var end = Math.Min(AtomCount, (block + 1) * AtomsPerBlock);
        for (var i = block * AtomsPerBlock; i < end; i++)
        {
            var sum = hardness[i] * x[i];
            for (var k = start[i]; k < start[i + 1]; k++)
                sum += coupling[k] * x[other[k]];
            result[i] = sum + longRangePotential[i];
        }
    }

    /// <summary>Writes H (n × n, row-major) into <paramref name="matrix"/>, for the dense solve of small systems.</summary>
    public void AssembleMatrix(Span<double> matrix)
    {
        var n = AtomCount;
        matrix[..(n * n)].Clear();
        longRange.AddMatrix(matrix);
        var (start, other, coupling) = (pairs.IncidenceStart, pairs.IncidenceOther, pairs.IncidenceCoupling);
        for (var i = 0; i < n; i++)
        {
            matrix[i * n + i] += hardness[i];
            for (var k = start[i]; k < start[i + 1]; k++)
                matrix[i * n + other[k]] += coupling[k];
        }
    }

    /// <summary>
    /// The energy at charges q, per atom (<see cref="EnergyTerms"/>, overwritten): χq + ½Jq² as the atomic term; half of
    /// each pair's q q c and all of ½ q_i V_i as electrostatics; half of each φ; F(ρ̄_i); no entropy.
    /// </summary>
    public void Energy(double[] charges, EnergyTerms terms)
    {
        var n = AtomCount;
        longRange.Potential(charges, longRangePotential);
        longRange.AtomEnergies(charges, longRangePotential, terms.Electrostatic);
        var (start, other, coupling, pairOf, phi) = (pairs.IncidenceStart, pairs.IncidenceOther, pairs.IncidenceCoupling, pairs.IncidencePair, pairs.PairPotential);
        var set = pairs.Pairs;
        for (var i = 0; i < n; i++)
        {
            var q = charges[i];
            terms.Atomic[i] = q * (electronegativity[i] + 0.5 * hardness[i] * q);
            double shortRange = 0, pair = 0;
            for (var k = start[i]; k < start[i + 1]; k++)
            {
                shortRange += coupling[k] * charges[other[k]];
                // Half of each pair's φ to each atom; a self-image pair's whole φ to its one atom.
                var p = pairOf[k];
                pair += set.I[p] == set.J[p] ? phi[p] : 0.5 * phi[p];
            }
            terms.Electrostatic[i] += 0.5 * q * shortRange;
            terms.Pair[i] = pair;
            terms.Embedding[i] = embeddingEnergy[i];
            terms.Entropy[i] = 0;
        }
    }

    /// <summary>
    /// Forces −∂E/∂R (eV/Å) and the virial (eV, Voigt) at charges q, at fixed charges: E is stationary in q at the
    /// solved charges on Σq = Q, so no dq/dR is needed (docs/model.md §8).
    /// </summary>
    public void Forces(double[] charges, double[] fx, double[] fy, double[] fz, Span<double> virial)
    {
        Array.Clear(fx);
        Array.Clear(fy);
        Array.Clear(fz);
        Span<double> w = stackalloc double[6];
        w.Clear();
        loopX = charges;
        ParallelLoop.ForBlocks(parallel, pairs.Count, PairsPerBlock, slopeBody);
        forces.Add(pairs.Pairs, pairSlope, fx, fy, fz, w);
        longRange.AddForces(charges, fx, fy, fz, w);
        w.CopyTo(virial);
    }

    /// <summary>dE/dr of one block of pairs: q_I q_J c′ + (Sφ)′, and the embedding through both atoms' densities.</summary>
    private void SlopeBlock(int block)
    {
        var q = loopX;
        var set = pairs.Pairs;
        var (c, phi) = (pairs.CouplingSlope, pairs.PairPotentialSlope);
        var end = Math.Min(pairs.Count, (block + 1) * PairsPerBlock);
        for (var p = block * PairsPerBlock; p < end; p++)
        {
            var (i, j) = (set.I[p], set.J[p]);
            var slope = q[i] * q[j] * c[p] + phi[p];
            if (pairs.HasDensities)
                slope += embeddingSlope[i] * pairs.DensityAtISlope[p] + embeddingSlope[j] * pairs.DensityAtJSlope[p];
            pairSlope[p] = slope;
        }
    }
}
