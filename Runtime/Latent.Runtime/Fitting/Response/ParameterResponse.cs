using Latent.Runtime.Engine;
using Latent.Runtime.Engine.LongRange;
using Latent.Runtime.Neighbours;
using Latent.Runtime.Structures;

namespace Latent.Runtime.Fitting.Response;

/// <summary>
/// Exact derivatives, in every fitted parameter p, of what the engine computes for one structure at its
/// converged (global-minimum) weights (docs/fitting-gradients.md): the free energy A, the internal energy E,
/// the forces, the stress, the charges and the weights. A is stationary in the weights, so dA/dp is ∂A/∂p at
/// fixed weights, from the kernels' parameter gradients; everything else also moves with the weights, whose
/// response dw/dp follows from the implicit-function theorem on the minimum's conditions
/// (<see cref="WeightResponse"/>). For fitting-sized structures (up to a few hundred atoms): dense linear
/// algebra and one pass over the pairs per parameter, on one thread.
/// </summary>
public sealed class ParameterResponse
{
    // The response's own sums must give the engine's A, E, forces and stress to this relative precision.
    private const double Agreement = 1e-9;

    private ParameterResponse(CalculationResult result, IReadOnlyList<string> parameters)
    {
        Result = result;
        Parameters = parameters;
        var count = parameters.Count;
        FreeEnergy = new double[count];
        Energy = new double[count];
        Forces = new double[count][];
        Charges = new double[count][];
        Weights = new double[count][][];
        Stress = result.Stress is null ? null : new double[count][];
        ForcesAtFixedWeights = new double[count][];
        EnergyAtFixedWeights = new double[count];
    }

    /// <summary>The evaluation differentiated.</summary>
    public CalculationResult Result { get; }

    /// <summary>The fitted parameters, in the kernels' gradient order (<see cref="Kernels.PotentialKernels.FittedParameters"/>).</summary>
    public IReadOnlyList<string> Parameters { get; }

    /// <summary>dA/dp (eV per unit of p), [p].</summary>
    public double[] FreeEnergy { get; }

    /// <summary>dE/dp (eV per unit of p), [p].</summary>
    public double[] Energy { get; }

    /// <summary>dF/dp, [p][3 i + c] (eV/Å per unit of p).</summary>
    public double[][] Forces { get; }

    /// <summary>dσ/dp, [p][Voigt xx yy zz yz xz xy] (eV/Å³ per unit of p, the engine's sign); null for a cluster.</summary>
    public double[][]? Stress { get; }

    /// <summary>dq_i/dp, [p][i] (e per unit of p).</summary>
    public double[][] Charges { get; }

    /// <summary>dw_iα/dp, [p][i][α] (per unit of p); each atom's sum is zero.</summary>
    public double[][][] Weights { get; }

    /// <summary>∂F/∂p with the weights held fixed: the forces' derivative without the weights' response (for tests that show it matters).</summary>
    internal double[][] ForcesAtFixedWeights { get; }

    /// <summary>∂E/∂p with the weights held fixed.</summary>
    internal double[] EnergyAtFixedWeights { get; }

    /// <summary>The response's own sums at the converged weights (for tests that compare them with the engine's).</summary>
    internal FixedWeightPass? Pass { get; private set; }

    /// <summary>
    /// Evaluates the structure with the calculator (the engine's global-minimum solve) and differentiates the
    /// result in every parameter the calculator's kernels were generated for (PotentialKernels.FittedParameters).
    /// </summary>
    /// <exception cref="ParameterResponseException">
    /// The kernels carry no parameter gradients (the file's [fitting] table names nothing), the weights' response
    /// is singular, a derivative is not finite, or the response's sums do not reproduce the engine's result.
    /// </exception>
    public static ParameterResponse Evaluate(EnsembleCalculator calculator, Structure structure)
    {
        ArgumentNullException.ThrowIfNull(calculator);
        ArgumentNullException.ThrowIfNull(structure);
        var potential = calculator.Potential;
        var describe = ParameterResponseException.Describe(structure);
        RequireGradients(potential, describe);
        var result = calculator.Calculate(structure);

        var atoms = new AtomStates(potential, structure);
        var weights = new double[atoms.WeightCount];
        for (var i = 0; i < structure.Count; i++)
            result.Weights[i].CopyTo(weights, atoms.Offset[i]);
        var pass = new FixedWeightPass(potential, atoms, ShortRange(calculator, structure, atoms), LongRange(calculator, structure),
            weights, calculator.Temperature);
        RequireAgreement(pass, result, structure, describe);

        var response = new ParameterResponse(result, potential.FittedParameters) { Pass = pass };
        var count = potential.FittedParameters.Count;
        var partials = new Linearisation[count];
        for (var p = 0; p < count; p++)
            partials[p] = pass.Linearise(null, p);
        double[][] dw;
        if (WeightsMove(atoms))
        {
            var hessian = WeightHessian.Of(pass, atoms);
            RequireFiniteSystem(hessian, partials, atoms, structure, potential.FittedParameters, describe);
            dw = WeightResponse.Solve(hessian, atoms, weights, calculator.Temperature, !calculator.Options.Charge.FixedPotential,
                partials.Select(l => l.Epsilon).ToArray(), describe);
        }
        else
        {
            dw = partials.Select(_ => new double[atoms.WeightCount]).ToArray();
        }

        for (var p = 0; p < count; p++)
        {
            var total = pass.Linearise(dw[p], p);
            // dA/dp = ∂A/∂p + Σ (μ_i + λ q_α) dw_iα; the μ part vanishes (each simplex keeps its sum), the λ part
            // too when Σq is fixed, but not at a fixed λ, where Σq moves.
            response.FreeEnergy[p] = partials[p].Energy + result.Lambda * total.Charges.Sum();
            response.Energy[p] = total.Energy;
            response.Forces[p] = total.Forces;
            response.Charges[p] = total.Charges;
            response.Weights[p] = PerAtom(dw[p], atoms);
            if (response.Stress is not null)
                response.Stress[p] = total.Virial.Select(v => v / structure.Cell.Volume).ToArray();
            response.ForcesAtFixedWeights[p] = partials[p].Forces;
            response.EnergyAtFixedWeights[p] = partials[p].Energy;
        }
        RequireFinite(response, structure, describe);
        return response;
    }

    /// <summary>Refuses kernels without gradients: nothing is fitted, or kernels made another way.</summary>
    private static void RequireGradients(Kernels.PotentialKernels potential, string describe)
    {
        var count = potential.FittedParameters.Count;
        if (count == 0)
            throw new ParameterResponseException(
                $"{describe}: the potential {potential.Name} has no fitted parameters (its [fitting] table names none), so its kernels carry no parameter gradients to differentiate with");
        var missing = potential.Pairs.Any(k => k.Gradient is null) || potential.Embeddings.Any(k => k.Gradient is null)
            || potential.Elements.Any(e => e.States.Any(s => s.EnergyGradient.Count != count));
        if (missing)
            throw new ParameterResponseException(
                $"{describe}: the kernels of {potential.Name} name {count} fitted parameter(s) but do not carry every gradient in them (kernels not generated from a potential file?)");
    }

    /// <summary>Whether any weight can move: some atom has more than one state (else every weight is 1 and dw = 0).</summary>
    private static bool WeightsMove(AtomStates atoms) => atoms.Count.Any(c => c > 1);

    /// <summary>The short-range pairs the calculator sums: all pairs within the cutoff of a cluster, the neighbour list's of a cell.</summary>
    private static ShortRangePairs ShortRange(EnsembleCalculator calculator, Structure structure, AtomStates atoms)
    {
        var cutoff = calculator.Potential.Cutoff;
        return new ShortRangePairs(calculator.Potential, atoms, Pairs(structure, cutoff, calculator.Options.Skin));
    }

    /// <summary>The point-charge tail the calculator sums: direct over all pairs of a cluster, damped shifted-force in a cell; none without charged states.</summary>
    private static LongRangePairs LongRange(EnsembleCalculator calculator, Structure structure)
    {
        if (!StepPlan.For(calculator.Potential).HasCharges)
            return LongRangePairs.None;
        if (!structure.Cell.IsPeriodic)
        {
            var direct = LongRangeCoulomb.Direct();
            return new LongRangePairs(direct, PairSet.AllPairs(structure, double.PositiveInfinity), new DirectCoulomb(direct, structure, new ParallelOptions { MaxDegreeOfParallelism = 1 }));
        }
        var cutoff = calculator.CoulombCutoff;
        var form = LongRangeCoulomb.DampedShiftedForce(calculator.CoulombDamping, cutoff);
        var pairs = Pairs(structure, cutoff, calculator.Options.Skin);
        return new LongRangePairs(form, pairs, new DampedShiftedForceCoulomb(form, structure.Count, pairs, new ParallelOptions { MaxDegreeOfParallelism = 1 }));
    }

    /// <summary>Every pair within <paramref name="cutoff"/> once, images included for a periodic cell.</summary>
    private static PairSet Pairs(Structure structure, double cutoff, double skin)
    {
        if (!structure.Cell.IsPeriodic)
            return PairSet.AllPairs(structure, cutoff);
        var list = new NeighbourList(cutoff, skin, NeighbourListKind.Half);
        list.Update(structure);
        return PairSet.FromNeighbourList(list, structure, cutoff);
    }

    /// <summary>
    /// Refuses to differentiate sums that are not the engine's: A, E, every force and the stress of the response's
    /// own pass must equal the calculator's to <see cref="Agreement"/> of their scale (a term the engine sums and
    /// the response does not know would show here, not as a wrong derivative).
    /// </summary>
    private static void RequireAgreement(FixedWeightPass pass, CalculationResult result, Structure structure, string describe)
    {
        var energyScale = 1 + result.Terms.Atomic.Concat(result.Terms.Electrostatic).Concat(result.Terms.Pair)
            .Concat(result.Terms.Embedding).Concat(result.Terms.Entropy).Sum(Math.Abs);
        void Compare(string quantity, double response, double engine, double scale, int? atom)
        {
            if (Math.Abs(response - engine) <= Agreement * scale)
                return;
            var where = atom is { } i ? $" of atom {i} ({structure.Symbols[i]})" : "";
            throw new ParameterResponseException(
                $"{describe}: the response's own sums give the {quantity}{where} as {response:R} where the engine gives {engine:R}, " +
                "so its derivatives would not be of what the engine computes (an engine term the parameter response does not sum?)", atom);
        }
        Compare("free energy", pass.FreeEnergy, result.FreeEnergy, energyScale, null);
        Compare("internal energy", pass.InternalEnergy, result.InternalEnergy, energyScale, null);

        // Forces and virial are sums of pair slopes: their scale is what each atom's pairs add up to in size.
        var slopeSum = new double[structure.Count];
        var virialScale = 1.0;
        var s = pass.ShortRange;
        for (var p = 0; p < s.Count; p++)
        {
            var size = Math.Abs(pass.ShortRangeSlopes[p]);
            slopeSum[s.I[p]] += size;
            slopeSum[s.J[p]] += size;
            virialScale += size * s.R[p];
        }
        var forceScale = 1 + slopeSum.Max() + result.Forces.Max(f => f.Length);
        for (var i = 0; i < structure.Count; i++)
            for (var c = 0; c < 3; c++)
                Compare("force", pass.Forces[3 * i + c], result.Forces[i][c], forceScale, i);
        if (result.Stress is { } stress)
            for (var k = 0; k < 6; k++)
                Compare("stress", pass.Virial[k] / structure.Cell.Volume, stress[k], (virialScale + energyScale) / structure.Cell.Volume, null);
    }

    /// <summary>Refuses a derivative that is not finite, naming the parameter and, for a per-atom one, the atom.</summary>
    private static void RequireFinite(ParameterResponse response, Structure structure, string describe)
    {
        for (var p = 0; p < response.Parameters.Count; p++)
        {
            var name = response.Parameters[p];
            void Fail(string quantity, int? atom)
            {
                var where = atom is { } i ? $" of atom {i} ({structure.Symbols[i]})" : "";
                throw new ParameterResponseException(
                    $"{describe}: the derivative of the {quantity}{where} in {name} is not finite: the potential's gradient in {name} is not defined at this configuration", atom, name);
            }
            // Per atom first, so that the message names the atom where it can.
            for (var i = 0; i < structure.Count; i++)
            {
                if (!double.IsFinite(response.Forces[p][3 * i]) || !double.IsFinite(response.Forces[p][3 * i + 1]) || !double.IsFinite(response.Forces[p][3 * i + 2]))
                    Fail("force", i);
                if (!double.IsFinite(response.Charges[p][i]))
                    Fail("charge", i);
                if (!response.Weights[p][i].All(double.IsFinite))
                    Fail("latent weights", i);
            }
            if (!double.IsFinite(response.FreeEnergy[p]))
                Fail("free energy", null);
            if (!double.IsFinite(response.Energy[p]))
                Fail("internal energy", null);
            if (response.Stress is { } stress && !stress[p].All(double.IsFinite))
                Fail("stress", null);
        }
    }

    /// <summary>Refuses a linear system with a number that is not finite, before it could pass for a singular one.</summary>
    private static void RequireFiniteSystem(double[,] hessian, Linearisation[] partials, AtomStates atoms, Structure structure,
        IReadOnlyList<string> parameters, string describe)
    {
        for (var i = 0; i < atoms.AtomCount; i++)
        {
            for (var a = atoms.Offset[i]; a < atoms.Offset[i + 1]; a++)
            {
                for (var b = 0; b < atoms.WeightCount; b++)
                {
                    if (!double.IsFinite(hessian[a, b]))
                        throw new ParameterResponseException(
                            $"{describe}: the curvature of the energy in the latent weights of atom {i} ({structure.Symbols[i]}) is not finite: the potential is not twice differentiable in the weights at this configuration", i);
                }
                for (var p = 0; p < partials.Length; p++)
                {
                    if (!double.IsFinite(partials[p].Epsilon[a]))
                        throw new ParameterResponseException(
                            $"{describe}: the derivative in {parameters[p]} of the state energies ε of atom {i} ({structure.Symbols[i]}) is not finite: the potential's gradient in {parameters[p]} is not defined at this configuration", i, parameters[p]);
                }
            }
        }
    }

    /// <summary>Flattened per-state values split per atom.</summary>
    private static double[][] PerAtom(double[] flat, AtomStates atoms)
    {
        var result = new double[atoms.AtomCount][];
        for (var i = 0; i < atoms.AtomCount; i++)
            result[i] = flat.AsSpan(atoms.Offset[i], atoms.Count[i]).ToArray();
        return result;
    }
}
