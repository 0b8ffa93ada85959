using System.Globalization;

namespace Latent.Runtime.Engine;

/// <summary>The latent weights of every atom and the chemical potential λ at the free-energy minimum.</summary>
public sealed record LatentSolution(double[] Weights, double Lambda, double FreeEnergy, SolverReport Report);

/// <summary>
/// The encoder: minimises A(R, w) = E(R, w) + θ Σ w ln(w/g) over each atom's simplex with Σ q = Q
/// (or at a fixed λ). At the minimum w_iα ∝ g_α exp(−(ε_iα − λ q_α)/θ) with ε = ∂E/∂w (DESIGN §3).
/// The self-consistency is iterated on ε with Anderson mixing; for each ε the weights are a
/// log-sum-exp softmax (no overflow, no division by θ → 0 trouble) and λ is the root of the
/// monotone Σ q_i(λ) = Q, found by safeguarded Newton on a bracket. Cold starts anneal from a
/// high θ, where the minimum is unique, down to the model's θ.
/// </summary>
/// <remarks>
/// The solver keeps its work buffers from one solve to the next (a dynamics step allocates nothing), so
/// one instance must not solve on two threads at once; each calculator has its own.
/// </remarks>
public sealed class LatentSolver
{
    private readonly SolverOptions options;
    private Workspace? workspace;

    /// <summary>A solver with the given settings.</summary>
    public LatentSolver(SolverOptions? options = null)
    {
        this.options = options ?? new SolverOptions();
    }

    /// <summary>Settings in use.</summary>
    public SolverOptions Options => options;

    /// <summary>Solves for the weights of <paramref name="system"/> at electronic temperature θ.</summary>
    /// <param name="system">The configuration with its kernels evaluated.</param>
    /// <param name="theta">Electronic temperature θ &gt; 0 (eV).</param>
    /// <param name="condition">Fixed total charge or fixed chemical potential.</param>
    /// <param name="previous">A previous solution of the same atoms (warm start), or null.</param>
    /// <exception cref="LatentSolverException">No convergence, or an unreachable total charge.</exception>
    public LatentSolution Solve(EnsembleSystem system, double theta, ChargeCondition condition, LatentSolution? previous = null)
    {
        var weights = new double[system.WeightCount];
        var outcome = Solve(system, theta, condition, previous?.Weights, previous?.Lambda ?? 0, weights, new EnergyTerms(system.AtomCount));
        return new LatentSolution(weights, outcome.Lambda, outcome.FreeEnergy, outcome.ToReport());
    }

    /// <summary>
    /// <see cref="Solve(EnsembleSystem, double, ChargeCondition, LatentSolution?)"/> into caller-owned
    /// buffers: the weights (<see cref="EnsembleSystem.WeightCount"/>) and the free-energy terms at them
    /// (<see cref="EnsembleSystem.AtomCount"/>). On return the system's intermediates are those of the
    /// weights, so <see cref="EnsembleSystem.Forces"/> may follow without another free-energy pass.
    /// A warm-started solve of a system of the same size as the last allocates nothing: the workspace is kept.
    /// </summary>
    internal SolveOutcome Solve(EnsembleSystem system, double theta, ChargeCondition condition, double[]? previousWeights, double previousLambda, double[] weights, EnergyTerms terms)
    {
        if (!(theta > 0) || double.IsInfinity(theta))
            throw new ArgumentException($"the electronic temperature must be positive and finite (got {theta} eV)", nameof(theta));
        if (previousWeights is not null && previousWeights.Length != system.WeightCount)
            previousWeights = null;
        // Read once: everything below, Parallel loops included, sees only the condition.
        var shift = SolverPerturbation.ChargeOffset;
        if (shift != 0 && !condition.FixedPotential)
            condition = ChargeCondition.TotalCharge(condition.Value + shift);
        CheckReachable(system, condition);

        var work = WorkspaceFor(system);
        // Every start solves into work.Trial; the best so far is copied to the caller's weights. The
        // first start wins ties, later ones must be lower by more than round-off.
        var have = false;
        var bestIsLast = false;
        var best = default(SolveOutcome);
        var iterations = 0;
        void Consider(SolveOutcome outcome)
        {
            iterations += outcome.Iterations;
            bestIsLast = !have || outcome.FreeEnergy < best.FreeEnergy - 1e-12 * Math.Max(1, Math.Abs(best.FreeEnergy));
            if (bestIsLast)
            {
                Array.Copy(work.Trial, weights, weights.Length);
                best = outcome;
                have = true;
            }
        }

        var anneal = options.Anneal == Annealing.Always || (options.Anneal == Annealing.WhenCold && previousWeights is null);
        if (previousWeights is not null && options.Anneal != Annealing.Always)
            Consider(SolveFrom(system, theta, condition, previousWeights, previousLambda, work, "previous solution"));
        if (anneal)
            Consider(Annealed(system, theta, condition, work));
        if (!have)
            Consider(SolveFrom(system, theta, condition, NeutralWeights(system, work.Stage), 0, work, "isolated atoms"));
        if (options.CompareStarts)
        {
            Consider(SolveFrom(system, theta, condition, NeutralWeights(system, work.Stage), 0, work, "neutral atoms"));
            var qeq = ChargeEqualisationStart.Weights(system, condition);
            if (qeq is not null)
                Consider(SolveFrom(system, theta, condition, qeq, 0, work, "charge equalisation"));
            if (!anneal)
                Consider(Annealed(system, theta, condition, work));
        }

        // The last start's terms (and the system's intermediates) are at its weights: reuse them when it won.
        if (bestIsLast)
            work.Terms.CopyTo(terms);
        else
            system.FreeEnergy(weights, theta, terms);
        return best with { Iterations = iterations };
    }

    /// <summary>The kept workspace when the sizes match, else a new one (kept for the next solve).</summary>
    private Workspace WorkspaceFor(EnsembleSystem system)
    {
        if (workspace is null || workspace.Size != system.WeightCount || workspace.Terms.Atomic.Length != system.AtomCount)
            workspace = new Workspace(system.WeightCount, system.AtomCount, options.History);
        return workspace;
    }

    private SolveOutcome Annealed(EnsembleSystem system, double theta, ChargeCondition condition, Workspace work)
    {
        var weights = NeutralWeights(system, work.Stage);
        var lambda = 0.0;
        var iterations = 0;
        var temperatures = 0;
        for (var t = options.AnnealStart; t > theta * 1.000001; t *= options.AnnealFactor)
        {
            // An intermediate temperature only sets the path: a stage that has not converged still
            // hands on the best weights it reached.
            var stage = Iterate(system, t, condition, weights, lambda, options.AnnealTolerance, work, weights, mustConverge: false);
            lambda = stage.Lambda;
            iterations += stage.Iterations;
            temperatures++;
        }
        var final = Iterate(system, theta, condition, weights, lambda, options.Tolerance, work, work.Trial);
        return final with { Iterations = iterations + final.Iterations, Temperatures = temperatures + 1, Start = "annealing" };
    }

    private SolveOutcome SolveFrom(EnsembleSystem system, double theta, ChargeCondition condition, double[] weights, double lambda, Workspace work, string start) =>
        Iterate(system, theta, condition, weights, lambda, options.Tolerance, work, work.Trial) with { Start = start };

    /// <summary>Each atom entirely in its lowest-energy neutral state (or lowest-energy state if it has no neutral one).</summary>
    private static double[] NeutralWeights(EnsembleSystem system, double[] w)
    {
        Array.Clear(w);
        var energies = system.Potential.Elements;
        for (var i = 0; i < system.AtomCount; i++)
        {
            var states = energies[system.Potential.ElementIndex(system.Structure.Symbols[i])].States;
            var best = -1;
            for (var a = 0; a < states.Count; a++)
            {
                var neutral = states[a].Charge == 0;
                if (best < 0 || (neutral && (states[best].Charge != 0 || states[a].Energy < states[best].Energy)) || (!neutral && states[best].Charge != 0 && states[a].Energy < states[best].Energy))
                    best = a;
            }
            w[system.StateOffset(i) + best] = 1;
        }
        return w;
    }

    private static void CheckReachable(EnsembleSystem system, ChargeCondition condition)
    {
        if (condition.FixedPotential)
            return;
        double lo = 0, hi = 0;
        var q = system.StateCharges;
        for (var i = 0; i < system.AtomCount; i++)
        {
            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            for (var a = system.StateOffset(i); a < system.StateOffset(i) + system.StateCount(i); a++)
            {
                min = Math.Min(min, q[a]);
                max = Math.Max(max, q[a]);
            }
            lo += min;
            hi += max;
        }
        if (condition.Value < lo - 1e-12 || condition.Value > hi + 1e-12)
            throw new LatentSolverException(string.Create(CultureInfo.InvariantCulture, $"a total charge of {condition.Value} e cannot be reached: with these atoms' states it lies between {lo} and {hi} e"));
    }

    /// <summary>
    /// Minimisation at one temperature by the optimal damping algorithm (Cancès and Le Bris): from
    /// feasible weights w, the Boltzmann weights w* of the current ε (with the λ that meets the
    /// charge condition) give a descent direction d = w* − w that keeps every simplex and the total
    /// charge; the step along it minimises the free energy exactly (E is quadratic along the segment,
    /// apart from the embedding's curvature, which a check catches). Unlike plain self-consistency
    /// this never climbs: where the energy is concave along charge transfer (Coulomb attraction), it
    /// still walks downhill to a minimum rather than oscillating around a saddle.
    /// </summary>
    private SolveOutcome Iterate(EnsembleSystem system, double theta, ChargeCondition condition, double[] startWeights, double startLambda, double tolerance, Workspace work, double[] output, bool mustConverge = true)
    {
        var n = system.WeightCount;
        var w = work.W;
        var eps = work.X;
        var target = work.Out;
        var epsTarget = work.F;
        var direction = work.D;
        var lambda = startLambda;
        Array.Copy(startWeights, w, n);
        // Make the start feasible for the charge condition: one best-response step from it.
        system.Epsilon(w, eps);
        if (!condition.FixedPotential && Math.Abs(TotalCharge(system, w) - condition.Value) > 1e-9)
        {
            lambda = WeightsFor(system, eps, theta, condition, lambda, w);
            system.Epsilon(w, eps);
        }
        work.Reset();
        var trace = Environment.GetEnvironmentVariable("LATENT_SOLVER_TRACE") == "1";
        for (var iteration = 1; iteration <= options.MaxIterations; iteration++)
        {
            lambda = WeightsFor(system, eps, theta, condition, lambda, target);
            var residual = 0.0;
            for (var k = 0; k < n; k++)
            {
                direction[k] = target[k] - w[k];
                residual = Math.Max(residual, Math.Abs(direction[k]));
            }
            if (trace)
                Console.Error.WriteLine($"θ={theta} it={iteration} residual={residual:E3} λ={lambda}");
            if (residual <= tolerance)
            {
                Array.Copy(target, output, n);
                system.FreeEnergy(output, theta, work.Terms);
                return new SolveOutcome(lambda, work.Terms.FreeEnergy, iteration, residual, 1, "");
            }
            if (double.IsNaN(residual))
                break;

            system.Epsilon(target, epsTarget);
            var t = LineSearch(system, theta, w, direction, eps, epsTarget, condition.FixedPotential ? lambda : 0);
            // The plain descent step, and its change f = T(w) − w for the acceleration.
            var plain = work.Plain;
            for (var k = 0; k < n; k++)
            {
                plain[k] = Math.Max(0, w[k] + t * direction[k]);
                direction[k] = plain[k] - w[k];
            }

            // Anderson acceleration of the descent map T, safeguarded: an affine combination of
            // feasible points keeps every simplex and the total charge, so the candidate is taken
            // when it is non-negative and lowers the free energy more than the plain step does.
            var candidate = work.Candidate;
            Array.Copy(w, candidate, n);
            work.Step(candidate, direction, 1.0);
            var accepted = false;
            if (iteration > 1 && NonNegative(system, candidate))
            {
                var fixedLambda = condition.FixedPotential ? lambda : 0;
                var plainEnergy = GrandFreeEnergy(system, plain, theta, fixedLambda, work.Terms);
                var candidateEnergy = GrandFreeEnergy(system, candidate, theta, fixedLambda, work.Terms);
                if (candidateEnergy < plainEnergy)
                {
                    Array.Copy(candidate, w, n);
                    accepted = true;
                }
            }
            if (!accepted)
                Array.Copy(plain, w, n);
            system.Epsilon(w, eps);
        }
        if (!mustConverge)
        {
            Array.Copy(w, output, n);
            system.FreeEnergy(output, theta, work.Terms);
            return new SolveOutcome(lambda, work.Terms.FreeEnergy, options.MaxIterations, double.NaN, 1, "");
        }
        throw new LatentSolverException(string.Create(CultureInfo.InvariantCulture,
            $"the latent weights did not converge at θ = {theta} eV in {options.MaxIterations} iterations (tolerance {tolerance:E1}): the configuration may sit at a charge-transfer instability; a slightly different geometry or a higher electronic temperature avoids it"));
    }

    /// <summary>Whether weights are a point of the simplices: tiny negatives from round-off are set to zero and the atom renormalised.</summary>
    private static bool NonNegative(EnsembleSystem system, double[] w)
    {
        for (var i = 0; i < system.AtomCount; i++)
        {
            var s0 = system.StateOffset(i);
            var s1 = s0 + system.StateCount(i);
            var clipped = false;
            for (var k = s0; k < s1; k++)
            {
                if (w[k] < -1e-12 || double.IsNaN(w[k]))
                    return false;
                if (w[k] < 0)
                {
                    w[k] = 0;
                    clipped = true;
                }
            }
            if (clipped)
            {
                var sum = 0.0;
                for (var k = s0; k < s1; k++)
                    sum += w[k];
                for (var k = s0; k < s1; k++)
                    w[k] /= sum;
            }
        }
        return true;
    }

    /// <summary>A − λ Σq: the free energy at fixed total charge (λ = 0), or the grand potential at fixed λ.</summary>
    private static double GrandFreeEnergy(EnsembleSystem system, double[] w, double theta, double fixedLambda, EnergyTerms scratch)
    {
        system.FreeEnergy(w, theta, scratch);
        return scratch.FreeEnergy - fixedLambda * TotalCharge(system, w);
    }

    private static double TotalCharge(EnsembleSystem system, double[] w)
    {
        var q = system.StateCharges;
        var sum = 0.0;
        for (var k = 0; k < w.Length; k++)
            sum += w[k] * q[k];
        return sum;
    }

    /// <summary>
    /// The step t ∈ [0, 1] minimising φ(t) = Ω(w + t d), Ω = A − λ_fixed Σq. Along the segment E is
    /// quadratic in t with slope ε·d at 0 and curvature (ε(w*) − ε(w))·d, and the entropy is explicit,
    /// so φ and φ′ cost no kernel evaluation. φ′(t) = Σ (ε + tΔε + θ ln((w + td)/g) − λq) d.
    /// </summary>
    private static double LineSearch(EnsembleSystem system, double theta, double[] w, double[] d, double[] eps0, double[] eps1, double fixedLambda)
    {
        var lng = system.StateLogDegeneracies;
        var q = system.StateCharges;
        var n = w.Length;
        double slope0 = 0, curvature = 0;
        for (var k = 0; k < n; k++)
        {
            slope0 += (eps0[k] - fixedLambda * q[k]) * d[k];
            curvature += (eps1[k] - eps0[k]) * d[k];
        }

        if (SegmentSlope(lng, w, d, theta, slope0, curvature, 1) <= 0)
            return 1;
        // φ′ > 0 at 1. If φ′ < 0 somewhere before, bisect for the first root; φ may be non-convex
        // (concave energy), so compare with the end point too and take the lower.
        double lo = 0, hi = 1;
        if (SegmentSlope(lng, w, d, theta, slope0, curvature, 0) >= 0)
            return SegmentValue(lng, w, d, theta, slope0, curvature, 1) < 0 ? 1 : 0.5;
        for (var k = 0; k < 100 && hi - lo > 1e-15; k++)
        {
            var mid = 0.5 * (lo + hi);
            if (SegmentSlope(lng, w, d, theta, slope0, curvature, mid) < 0)
                lo = mid;
            else
                hi = mid;
        }
        var t = 0.5 * (lo + hi);
        return SegmentValue(lng, w, d, theta, slope0, curvature, 1) < SegmentValue(lng, w, d, theta, slope0, curvature, t) ? 1 : t;
    }

    private static double SegmentSlope(ReadOnlySpan<double> lng, double[] w, double[] d, double theta, double slope0, double curvature, double t)
    {
        var s = slope0 + t * curvature;
        for (var k = 0; k < w.Length; k++)
        {
            var v = w[k] + t * d[k];
            if (v > 0 && d[k] != 0)
                s += theta * (Math.Log(v) - lng[k]) * d[k];
        }
        return s;
    }

    private static double SegmentValue(ReadOnlySpan<double> lng, double[] w, double[] d, double theta, double slope0, double curvature, double t)
    {
        var s = t * slope0 + 0.5 * t * t * curvature;
        for (var k = 0; k < w.Length; k++)
        {
            var v = w[k] + t * d[k];
            if (v > 0)
                s += theta * v * (Math.Log(v) - lng[k]);
            if (w[k] > 0)
                s -= theta * w[k] * (Math.Log(w[k]) - lng[k]);
        }
        return s;
    }

    /// <summary>
    /// Weights w_iα = softmax_α(ln g_α − (ε_iα − λ q_α)/θ) for the λ that meets the charge condition;
    /// returns that λ.
    /// </summary>
    private static double WeightsFor(EnsembleSystem system, double[] epsilon, double theta, ChargeCondition condition, double lambda, double[] weights)
    {
        if (condition.FixedPotential)
        {
            Softmax(system, epsilon, theta, condition.Value, weights);
            return condition.Value;
        }

        var target = condition.Value;
        var (sum, slope) = ChargeSum(system, epsilon, theta, lambda, weights);
        if (slope == 0 && Math.Abs(sum - target) <= 1e-12 * Math.Max(1, system.AtomCount))
            return lambda; // No charged states, or every atom saturated exactly at the target.

        // Bracket the root of the increasing Σq(λ) − Q, expanding from the current λ.
        double lo = lambda, hi = lambda, step = Math.Max(theta, 0.1);
        double sLo = sum, sHi = sum;
        while (sLo > target)
        {
            hi = lo;
            sHi = sLo;
            lo -= step;
            step *= 2;
            (sLo, _) = ChargeSum(system, epsilon, theta, lo, weights);
        }
        step = Math.Max(theta, 0.1);
        while (sHi < target)
        {
            lo = hi;
            sLo = sHi;
            hi += step;
            step *= 2;
            (sHi, _) = ChargeSum(system, epsilon, theta, hi, weights);
        }

        // Safeguarded Newton: a Newton step inside the bracket, else bisection.
        var tol = 1e-13 * Math.Max(1, system.AtomCount);
        var l = lambda < lo || lambda > hi ? 0.5 * (lo + hi) : lambda;
        for (var k = 0; k < 200; k++)
        {
            var (s, ds) = ChargeSum(system, epsilon, theta, l, weights);
            var g = s - target;
            if (Math.Abs(g) <= tol)
                return l;
            if (g < 0)
                lo = l;
            else
                hi = l;
            var next = ds > 0 ? l - g / ds : double.NaN;
            l = next > lo && next < hi ? next : 0.5 * (lo + hi);
            if (hi - lo <= 1e-15 * Math.Max(1, Math.Abs(l)))
                break;
        }
        ChargeSum(system, epsilon, theta, l, weights);
        return l;
    }

    private static void Softmax(EnsembleSystem system, double[] epsilon, double theta, double lambda, double[] weights) =>
        ChargeSum(system, epsilon, theta, lambda, weights);

    /// <summary>Fills the weights at λ and returns Σ_i q_i and its λ-derivative Σ_i Var_i(q)/θ.</summary>
    private static (double Sum, double Slope) ChargeSum(EnsembleSystem system, double[] epsilon, double theta, double lambda, double[] weights)
    {
        var q = system.StateCharges;
        var lng = system.StateLogDegeneracies;
        double sum = 0, slope = 0;
        for (var i = 0; i < system.AtomCount; i++)
        {
            var s0 = system.StateOffset(i);
            var s1 = s0 + system.StateCount(i);
            var max = double.NegativeInfinity;
            for (var a = s0; a < s1; a++)
            {
                var x = lng[a] - (epsilon[a] - lambda * q[a]) / theta;
                weights[a] = x;
                max = Math.Max(max, x);
            }
            var z = 0.0;
            for (var a = s0; a < s1; a++)
            {
                weights[a] = Math.Exp(weights[a] - max);
                z += weights[a];
            }
            double mean = 0, square = 0;
            for (var a = s0; a < s1; a++)
            {
                weights[a] /= z;
                mean += weights[a] * q[a];
                square += weights[a] * q[a] * q[a];
            }
            sum += mean;
            slope += Math.Max(0, square - mean * mean) / theta;
        }
        return (sum, slope);
    }

    /// <summary>Buffers and Anderson history, kept from solve to solve while the sizes stay the same.</summary>
    private sealed class Workspace
    {
        private readonly int history;
        private readonly double[][] dx;
        private readonly double[][] df;
        private readonly double[] previousX;
        private readonly double[] previousF;
        private readonly double[] gram;
        private readonly double[] rhs;
        private readonly double[] gamma;
        private int count;
        private int next;
        private bool hasPrevious;

        public Workspace(int n, int atoms, int history)
        {
            this.history = Math.Max(1, history);
            Size = n;
            Trial = new double[n];
            Stage = new double[n];
            Terms = new EnergyTerms(atoms);
            X = new double[n];
            F = new double[n];
            W = new double[n];
            Out = new double[n];
            D = new double[n];
            Plain = new double[n];
            Candidate = new double[n];
            previousX = new double[n];
            previousF = new double[n];
            dx = new double[this.history][];
            df = new double[this.history][];
            for (var k = 0; k < this.history; k++)
            {
                dx[k] = new double[n];
                df[k] = new double[n];
            }
            gram = new double[this.history * this.history];
            rhs = new double[this.history];
            gamma = new double[this.history];
        }

        /// <summary>Number of weights the buffers hold.</summary>
        public int Size { get; }

        /// <summary>Where each start's final weights go.</summary>
        public double[] Trial { get; }

        /// <summary>Start weights and the annealing path's weights.</summary>
        public double[] Stage { get; }

        /// <summary>Free-energy terms of the last evaluated weights.</summary>
        public EnergyTerms Terms { get; }

        public double[] X { get; }

        public double[] F { get; }

        public double[] W { get; }

        public double[] Out { get; }

        public double[] D { get; }

        public double[] Plain { get; }

        public double[] Candidate { get; }

        public void Reset()
        {
            count = 0;
            next = 0;
            hasPrevious = false;
        }

        /// <summary>x ← x + βf − (ΔX + βΔF)γ with γ = argmin ‖f − ΔF γ‖ (Walker and Ni's form of Anderson mixing).</summary>
        public void Step(double[] x, double[] f, double beta)
        {
            var n = x.Length;
            if (hasPrevious)
            {
                var cx = dx[next];
                var cf = df[next];
                for (var k = 0; k < n; k++)
                {
                    cx[k] = x[k] - previousX[k];
                    cf[k] = f[k] - previousF[k];
                }
                next = (next + 1) % history;
                count = Math.Min(count + 1, history);
            }
            Array.Copy(x, previousX, n);
            Array.Copy(f, previousF, n);
            hasPrevious = true;

            var m = count;
            if (m > 0)
            {
                // Normal equations with a small ridge; m ≤ history is tiny.
                var trace = 0.0;
                for (var a = 0; a < m; a++)
                {
                    for (var b = 0; b <= a; b++)
                    {
                        var s = 0.0;
                        var fa = df[a];
                        var fb = df[b];
                        for (var k = 0; k < n; k++)
                            s += fa[k] * fb[k];
                        gram[a * m + b] = s;
                        gram[b * m + a] = s;
                    }
                    trace += gram[a * m + a];
                    var r = 0.0;
                    var fa2 = df[a];
                    for (var k = 0; k < n; k++)
                        r += fa2[k] * f[k];
                    rhs[a] = r;
                }
                var ridge = 1e-12 * (trace / m + 1e-300);
                for (var a = 0; a < m; a++)
                    gram[a * m + a] += ridge;
                if (!CholeskySolve(gram, rhs, gamma, m))
                    m = 0;
            }

            for (var k = 0; k < n; k++)
            {
                var v = x[k] + beta * f[k];
                for (var a = 0; a < m; a++)
                    v -= gamma[a] * (dx[a][k] + beta * df[a][k]);
                x[k] = v;
            }
        }

        private static bool CholeskySolve(double[] a, double[] b, double[] x, int m)
        {
            // In place: lower triangle of a becomes L.
            for (var j = 0; j < m; j++)
            {
                var d = a[j * m + j];
                for (var k = 0; k < j; k++)
                    d -= a[j * m + k] * a[j * m + k];
                if (!(d > 0))
                    return false;
                d = Math.Sqrt(d);
                a[j * m + j] = d;
                for (var i = j + 1; i < m; i++)
                {
                    var s = a[i * m + j];
                    for (var k = 0; k < j; k++)
                        s -= a[i * m + k] * a[j * m + k];
                    a[i * m + j] = s / d;
                }
            }
            for (var i = 0; i < m; i++)
            {
                var s = b[i];
                for (var k = 0; k < i; k++)
                    s -= a[i * m + k] * x[k];
                x[i] = s / a[i * m + i];
            }
            for (var i = m - 1; i >= 0; i--)
            {
                var s = x[i];
                for (var k = i + 1; k < m; k++)
                    s -= a[k * m + i] * x[k];
                x[i] = s / a[i * m + i];
            }
            return true;
        }
    }
}
