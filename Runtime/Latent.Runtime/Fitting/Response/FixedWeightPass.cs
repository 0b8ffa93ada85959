using Latent.Runtime.Engine;
using Latent.Runtime.Kernels;
using EmbeddingLayout = Latent.Symbolic.Kernels.EmbeddingLayout;

namespace Latent.Runtime.Fitting.Response;

/// <summary>
/// The engine's energy at fixed weights, summed once more from the kernels at every pair (docs/model.md §2–§4):
/// charges, host densities with F, F′, F″, the long-range potential, ε = ∂E/∂w, E and A, and the forces and
/// virial from each pair's dE/dr, as <see cref="Engine.EnsembleSystem"/> composes them. It exists for
/// <see cref="Linearise"/>, the change of all of these along a change of the weights and of one fitted parameter
/// (the parameter part from the kernels' gradient outputs): that is what the weights' response and the
/// parameter derivatives are made of. Its own E, A, forces and virial are compared with the engine's before
/// anything is derived from it, so the two sums cannot drift apart unnoticed. One thread, plain loops: for
/// fitting-sized structures, not a step of dynamics.
/// </summary>
internal sealed class FixedWeightPass
{
    private readonly PotentialKernels potential;
    private readonly AtomStates atoms;
    private readonly double[] embeddingGradient;
    private readonly int fitted;

    /// <summary>Sums everything at <paramref name="weights"/> (flattened as <see cref="AtomStates"/> lays them out).</summary>
    /// <exception cref="InvalidOperationException">An embedding kernel without parameter gradients.</exception>
    public FixedWeightPass(PotentialKernels potential, AtomStates atoms, ShortRangePairs shortRange, LongRangePairs longRange, double[] weights, double temperature)
    {
        this.potential = potential;
        this.atoms = atoms;
        ShortRange = shortRange;
        LongRange = longRange;
        Weights = weights;
        fitted = potential.FittedParameters.Count;
        var n = atoms.AtomCount;
        Charges = new double[n];
        atoms.Charges(weights, Charges);

        // Host densities, then F, F′, F″ and their parameter gradients at them.
        HostDensity = new double[n];
        for (var p = 0; p < shortRange.Count; p++)
        {
            HostDensity[shortRange.AtomA[p]] += shortRange.DensityAtA(p, weights, -1, slope: false);
            HostDensity[shortRange.AtomB[p]] += shortRange.DensityAtB(p, weights, -1, slope: false);
        }
        EmbeddingEnergy = new double[n];
        EmbeddingSlope = new double[n];
        EmbeddingCurvature = new double[n];
        embeddingGradient = new double[n * EmbeddingLayout.GradientCount(fitted)];
        Span<double> f = stackalloc double[EmbeddingLayout.OutputCount];
        for (var i = 0; i < n; i++)
        {
            var kernel = potential.Embeddings[atoms.Element[i]];
            kernel.Scalar(HostDensity[i], f);
            (EmbeddingEnergy[i], EmbeddingSlope[i], EmbeddingCurvature[i]) = (f[EmbeddingLayout.Value], f[EmbeddingLayout.Slope], f[EmbeddingLayout.Curvature]);
            var gradient = kernel.Gradient ?? throw new InvalidOperationException($"the embedding kernel of {potential.Elements[atoms.Element[i]].Symbol} has no parameter gradients");
            gradient(HostDensity[i], embeddingGradient.AsSpan(i * EmbeddingLayout.GradientCount(fitted), EmbeddingLayout.GradientCount(fitted)));
        }

        LongRangePotential = new double[n];
        longRange.Potential(Charges, LongRangePotential);

        // ε_iα = E_α + q_α V_i + the pairs' fields and density prices (docs/model.md §3).
        Epsilon = new double[atoms.WeightCount];
        for (var k = 0; k < Epsilon.Length; k++)
            Epsilon[k] = atoms.Energy[k];
        for (var i = 0; i < n; i++)
            for (var k = atoms.Offset[i]; k < atoms.Offset[i + 1]; k++)
                Epsilon[k] += atoms.Charge[k] * LongRangePotential[i];
        for (var p = 0; p < shortRange.Count; p++)
        {
            shortRange.AddField(p, weights, -1, Epsilon);
            shortRange.AddDensityPrices(p, EmbeddingSlope[shortRange.AtomA[p]], EmbeddingSlope[shortRange.AtomB[p]], -1, Epsilon);
        }

        // E: atomic, short-range pairs, the tail ½ q·V, embedding; A adds θ Σ w ln(w/g).
        var energy = 0.0;
        var entropy = 0.0;
        for (var i = 0; i < n; i++)
        {
            energy += atoms.AtomicEnergy(weights, i) + 0.5 * Charges[i] * LongRangePotential[i] + EmbeddingEnergy[i];
            entropy += atoms.Entropy(weights, i);
        }
        for (var p = 0; p < shortRange.Count; p++)
            energy += shortRange.Coupling(p, weights, weights, -1, slope: false) + shortRange.PairPotential(p, -1, slope: false);
        InternalEnergy = energy;
        FreeEnergy = energy + temperature * entropy;

        // dE/dr of every pair (docs/model.md §4), then forces and virial.
        ShortRangeSlopes = new double[shortRange.Count];
        for (var p = 0; p < shortRange.Count; p++)
        {
            var (a, b) = (shortRange.AtomA[p], shortRange.AtomB[p]);
            ShortRangeSlopes[p] = shortRange.PairPotential(p, -1, slope: true) + shortRange.Coupling(p, weights, weights, -1, slope: true)
                + EmbeddingSlope[a] * shortRange.DensityAtA(p, weights, -1, slope: true)
                + EmbeddingSlope[b] * shortRange.DensityAtB(p, weights, -1, slope: true);
        }
        var longSlopes = new double[longRange.Count];
        for (var p = 0; p < longRange.Count; p++)
            longSlopes[p] = LongRangeCoulomb.CoulombConstant * Charges[longRange.I[p]] * Charges[longRange.J[p]] * longRange.Slope[p];
        (Forces, Virial) = Scatter(ShortRangeSlopes, longSlopes);
    }

    /// <summary>The short-range pairs summed.</summary>
    public ShortRangePairs ShortRange { get; }

    /// <summary>The point-charge tail summed.</summary>
    public LongRangePairs LongRange { get; }

    /// <summary>The weights everything is summed at.</summary>
    public double[] Weights { get; }

    /// <summary>q_i (e).</summary>
    public double[] Charges { get; }

    /// <summary>ρ̄_i.</summary>
    public double[] HostDensity { get; }

    /// <summary>F(ρ̄_i) (eV).</summary>
    public double[] EmbeddingEnergy { get; }

    /// <summary>F′(ρ̄_i).</summary>
    public double[] EmbeddingSlope { get; }

    /// <summary>F″(ρ̄_i).</summary>
    public double[] EmbeddingCurvature { get; }

    /// <summary>V_i = ∂E_long/∂q_i (eV/e).</summary>
    public double[] LongRangePotential { get; }

    /// <summary>ε_iα = ∂E/∂w_iα (eV).</summary>
    public double[] Epsilon { get; }

    /// <summary>dE/dr of each short-range pair (eV/Å).</summary>
    public double[] ShortRangeSlopes { get; }

    /// <summary>E (eV).</summary>
    public double InternalEnergy { get; }

    /// <summary>A = E + θ Σ w ln(w/g) (eV).</summary>
    public double FreeEnergy { get; }

    /// <summary>−∂A/∂R at fixed weights, [3 i + c] (eV/Å).</summary>
    public double[] Forces { get; }

    /// <summary>Σ_pairs (dE/dr) d_a d_b / r, Voigt xx yy zz yz xz xy (eV).</summary>
    public double[] Virial { get; }

    /// <summary>∂(F, F′, F″ of atom i's embedding)/∂(fitted parameter), at ρ̄_i.</summary>
    private double EmbeddingGradient(int i, int parameter, int output) =>
        embeddingGradient[i * EmbeddingLayout.GradientCount(fitted) + EmbeddingLayout.GradientOutput(parameter, output)];

    /// <summary>
    /// The change of ε, forces, virial, charges and E along the weights' change <paramref name="dw"/> (null: none)
    /// and a unit change of fitted parameter <paramref name="parameter"/> (−1: none), to first order. The host
    /// densities change by both, so each atom's F′ by ∂F′/∂p + F″ δρ̄; everything else is the product rule on the
    /// sums of the constructor.
    /// </summary>
    public Linearisation Linearise(double[]? dw, int parameter)
    {
        var n = atoms.AtomCount;
        var s = ShortRange;
        var w = Weights;
        dw ??= new double[w.Length];
        var hasParameter = parameter >= 0;

        var dq = new double[n];
        atoms.Charges(dw, dq);
        // δρ̄ in two parts: through the weights, and through the parameter at fixed weights.
        var rhoByWeights = new double[n];
        var rhoByParameter = new double[n];
        for (var p = 0; p < s.Count; p++)
        {
            rhoByWeights[s.AtomA[p]] += s.DensityAtA(p, dw, -1, slope: false);
            rhoByWeights[s.AtomB[p]] += s.DensityAtB(p, dw, -1, slope: false);
            if (hasParameter)
            {
                rhoByParameter[s.AtomA[p]] += s.DensityAtA(p, w, parameter, slope: false);
                rhoByParameter[s.AtomB[p]] += s.DensityAtB(p, w, parameter, slope: false);
            }
        }
        var dSlope = new double[n];
        for (var i = 0; i < n; i++)
        {
            dSlope[i] = EmbeddingCurvature[i] * (rhoByWeights[i] + rhoByParameter[i]);
            if (hasParameter)
                dSlope[i] += EmbeddingGradient(i, parameter, EmbeddingLayout.Slope);
        }
        var dPotential = new double[n];
        LongRange.Potential(dq, dPotential);

        var dEpsilon = new double[w.Length];
        for (var i = 0; i < n; i++)
        {
            var states = potential.Elements[atoms.Element[i]].States;
            for (var a = 0; a < states.Count; a++)
            {
                var k = atoms.Offset[i] + a;
                dEpsilon[k] = atoms.Charge[k] * dPotential[i] + (hasParameter ? states[a].EnergyGradient[parameter] : 0);
            }
        }
        var dShort = new double[s.Count];
        for (var p = 0; p < s.Count; p++)
        {
            var (a, b) = (s.AtomA[p], s.AtomB[p]);
            s.AddField(p, dw, -1, dEpsilon);
            s.AddDensityPrices(p, dSlope[a], dSlope[b], -1, dEpsilon);
            var slope = s.Coupling(p, dw, w, -1, slope: true) + s.Coupling(p, w, dw, -1, slope: true)
                + dSlope[a] * s.DensityAtA(p, w, -1, slope: true) + EmbeddingSlope[a] * s.DensityAtA(p, dw, -1, slope: true)
                + dSlope[b] * s.DensityAtB(p, w, -1, slope: true) + EmbeddingSlope[b] * s.DensityAtB(p, dw, -1, slope: true);
            if (hasParameter)
            {
                s.AddField(p, w, parameter, dEpsilon);
                s.AddDensityPrices(p, EmbeddingSlope[a], EmbeddingSlope[b], parameter, dEpsilon);
                slope += s.PairPotential(p, parameter, slope: true) + s.Coupling(p, w, w, parameter, slope: true)
                    + EmbeddingSlope[a] * s.DensityAtA(p, w, parameter, slope: true)
                    + EmbeddingSlope[b] * s.DensityAtB(p, w, parameter, slope: true);
            }
            dShort[p] = slope;
        }
        var dLong = new double[LongRange.Count];
        for (var p = 0; p < LongRange.Count; p++)
        {
            var (i, j) = (LongRange.I[p], LongRange.J[p]);
            dLong[p] = LongRangeCoulomb.CoulombConstant * (dq[i] * Charges[j] + Charges[i] * dq[j]) * LongRange.Slope[p];
        }
        var (forces, virial) = Scatter(dShort, dLong);

        // δE = ∂E/∂p at fixed weights + ε·δw (ε is ∂E/∂w).
        var energy = 0.0;
        for (var k = 0; k < w.Length; k++)
            energy += Epsilon[k] * dw[k];
        if (hasParameter)
            energy += EnergyPartial(parameter, rhoByParameter);
        return new Linearisation(dEpsilon, forces, virial, dq, energy);
    }

    /// <summary>∂E/∂p at fixed weights: state energies, pair kernels and the embedding (explicitly and through ρ̄).</summary>
    private double EnergyPartial(int parameter, double[] rhoByParameter)
    {
        var s = ShortRange;
        var sum = 0.0;
        for (var i = 0; i < atoms.AtomCount; i++)
        {
            var states = potential.Elements[atoms.Element[i]].States;
            for (var a = 0; a < states.Count; a++)
                sum += Weights[atoms.Offset[i] + a] * states[a].EnergyGradient[parameter];
            sum += EmbeddingGradient(i, parameter, EmbeddingLayout.Value) + EmbeddingSlope[i] * rhoByParameter[i];
        }
        for (var p = 0; p < s.Count; p++)
            sum += s.Coupling(p, Weights, Weights, parameter, slope: false) + s.PairPotential(p, parameter, slope: false);
        return sum;
    }

    /// <summary>Forces [3 i + c] and virial of pair slopes, scattered by the engine's own rule (<see cref="PairForces.Scatter"/>).</summary>
    private (double[] Forces, double[] Virial) Scatter(double[] shortSlopes, double[] longSlopes)
    {
        var n = atoms.AtomCount;
        var (fx, fy, fz) = (new double[n], new double[n], new double[n]);
        var virial = new double[6];
        var s = ShortRange;
        for (var p = 0; p < s.Count; p++)
            PairForces.Scatter(s.I[p], s.J[p], s.Dx[p], s.Dy[p], s.Dz[p], s.R[p], shortSlopes[p], fx, fy, fz, virial);
        var l = LongRange;
        for (var p = 0; p < l.Count; p++)
            PairForces.Scatter(l.I[p], l.J[p], l.Dx[p], l.Dy[p], l.Dz[p], l.R[p], longSlopes[p], fx, fy, fz, virial);
        var forces = new double[3 * n];
        for (var i = 0; i < n; i++)
            (forces[3 * i], forces[3 * i + 1], forces[3 * i + 2]) = (fx[i], fy[i], fz[i]);
        return (forces, virial);
    }
}
