using System.Globalization;
using Latent.Runtime.Engine;
using Latent.Runtime.Engine.ChargeEquilibration;
using Latent.Runtime.Engine.Solver;
using Latent.Runtime.Kernels;
using Latent.Runtime.Structures;

namespace Latent.Runtime.Constraints;

/// <summary>
/// The <c>dimer_continuity</c> check of one element pair: the dimer's free energy A(r), which is the
/// minimum of A over the weights (or, for continuous charges, of E over the charges) at each r, is sampled from <see cref="Closest"/> to the cutoff. The
/// minimum of a function continuous in (r, w) over a fixed compact set is continuous in r, so a jump in
/// A(r) can only be a solver that returned a higher branch on one side (docs/model.md §3). Three tests:
/// <list type="bullet">
/// <item>successive samples agree with the forces: |A(r + h) − A(r) − ½(A′(r) + A′(r + h))·h| within the
/// tolerance, where A′ = −F (exact at converged weights, §4); an interval where it is not (or not within
/// <see cref="Smooth"/> of it) is bisected down to <see cref="Finest"/>, where a smooth curve or a kink (a
/// first-order crossing the true minimum may have) leaves far less than the tolerance once the kink's own
/// share, |ΔA′|·h/2, is taken off, and a jump leaves all of it;</item>
/// <item>(states only) at every sample the solver's answer is no higher than each integer charge pattern (one state per
/// atom, Σq = 0) both at the pattern's own fixed weights and after a minimisation from it alone: a brute
/// force over the vertices, independent of how the solver orders or chooses its starts;</item>
/// <item>a warm-started walk outward (as relaxation and dynamics see the dimer) gives the same A as the cold
/// full search at every sample.</item>
/// </list>
/// </summary>
/// <param name="kernels">The potential.</param>
/// <param name="solver">Solver settings of both walks (tests weaken them to show the check catches a solver that misses a branch).</param>
internal sealed class DimerCurveCheck(PotentialKernels kernels, SolverOptions solver)
{
    /// <summary>Closest distance sampled (Å): below every bond length (H₂ 0.74 Å), so every contact dynamics can reach is covered.</summary>
    public const double Closest = 0.5;

    /// <summary>Spacing of the samples (Å).</summary>
    public const double Step = 0.02;

    /// <summary>Narrowest interval bisection goes down to (Å).</summary>
    public const double Finest = 1e-4;

    /// <summary>An interval whose trapezoid residual is at most this fraction of the tolerance is not bisected further.</summary>
    public const double Smooth = 0.01;

    /// <summary>What the check found: its worst residual (eV), the values it compared, and one line saying where and what.</summary>
    public readonly record struct Finding(double Residual, double Value, double Target, string Message);

    private readonly record struct Sample(double R, double FreeEnergy, double Slope);

    private static string Show(double v) => v.ToString("G8", CultureInfo.InvariantCulture);

    /// <summary>Runs the three tests on the A–B dimer and returns the worst, or a pass describing what was covered.</summary>
    public Finding Run(string a, string b, double tolerance)
    {
        var cold = EngineSelection.For(kernels, new CalculatorOptions { Threads = 1, Solver = solver with { Anneal = Annealing.Always, CompareStarts = true } });
        var warm = EngineSelection.For(kernels, new CalculatorOptions { Threads = 1, Solver = solver });
        // Continuous charges have one minimum, a linear solve: there are no integer patterns for a search to miss.
        var continuous = kernels.HasContinuousCharges;
        var (elementA, elementB) = (kernels.Elements[kernels.ElementIndex(a)], kernels.Elements[kernels.ElementIndex(b)]);
        Structure Dimer(double r) => new([a, b], [Vec3.Zero, new Vec3(r, 0, 0)], [elementA.Mass, elementB.Mass], Cell.None);

        var count = (int)Math.Ceiling((kernels.Cutoff - Closest) / Step - 1e-9) + 1;
        var samples = new Sample[count];
        var worst = new Finding(-1, double.NaN, double.NaN, "");
        void Keep(Finding f)
        {
            if (f.Residual > worst.Residual || double.IsNaN(f.Residual))
                worst = f with { Residual = double.IsNaN(f.Residual) ? double.PositiveInfinity : f.Residual };
        }

        var patterns = 0;
        var refined = 0;
        var largestWarm = 0.0;
        var largestExcess = double.NegativeInfinity;
        for (var k = 0; k < count; k++)
        {
            var r = Math.Min(Closest + k * Step, kernels.Cutoff);
            var structure = Dimer(r);
            EngineResult full, walked;
            try
            {
                full = cold.Calculate(structure);
                walked = warm.Calculate(structure);
            }
            catch (Exception error) when (error is LatentSolverException or ChargeEquilibrationException)
            {
                return new Finding(double.PositiveInfinity, double.NaN, double.NaN, $"at r = {Show(r)} Å the solver failed: {error.Message}");
            }
            samples[k] = new Sample(r, full.FreeEnergy, -full.Forces[1].X);

            var difference = Math.Abs(walked.FreeEnergy - full.FreeEnergy);
            largestWarm = Math.Max(largestWarm, difference);
            Keep(new Finding(difference, walked.FreeEnergy, full.FreeEnergy,
                $"at r = {Show(r)} Å the warm-started solve (walking outward, as relaxation and dynamics do) gives A = {Show(walked.FreeEnergy)} eV ({Start(walked)}), the cold full search A = {Show(full.FreeEnergy)} eV ({Start(full)})"));

            if (continuous)
                continue;
            var (lowest, pattern, tried) = LowestPattern(structure);
            patterns = tried;
            var excess = full.FreeEnergy - lowest;
            largestExcess = Math.Max(largestExcess, excess);
            Keep(new Finding(Math.Max(0, excess), full.FreeEnergy, lowest,
                $"at r = {Show(r)} Å the solver's A = {Show(full.FreeEnergy)} eV ({Start(full)}) lies {Show(excess)} eV above the integer charge pattern {pattern} ({Show(lowest)} eV)"));
        }

        for (var k = 0; k + 1 < count; k++)
        {
            var jump = Interval(samples[k], samples[k + 1], tolerance, cold, Dimer, ref refined);
            Keep(jump);
        }

        if (worst.Residual > tolerance)
            return worst;
        if (continuous)
        {
            return new Finding(worst.Residual, samples[^1].FreeEnergy, samples[^1].FreeEnergy,
                $"E(r) at {count} points from {Show(Closest)} to {Show(kernels.Cutoff)} Å (step {Show(Step)} Å, {refined} intervals bisected down to {Show(Finest)} Å): no jump, "
                + $"and E(q) has its one minimum at every point (continuous charges: no integer patterns to search); a warm walk outward agrees within {Show(largestWarm)} eV");
        }
        return new Finding(worst.Residual, samples[^1].FreeEnergy, samples[^1].FreeEnergy,
            $"A(r) at {count} points from {Show(Closest)} to {Show(kernels.Cutoff)} Å (step {Show(Step)} Å, {refined} intervals bisected down to {Show(Finest)} Å): no jump; "
            + $"the solver is at or below each of the {patterns} integer charge patterns at every point (largest excess {Show(Math.Max(0, largestExcess))} eV) "
            + $"and a warm walk outward agrees with it within {Show(largestWarm)} eV");
    }

    /// <summary>
    /// The trapezoid test on [lo, hi]: passes when the forces account for the change of A; otherwise
    /// bisects (both halves) until an interval of width <see cref="Finest"/> still fails (a jump) or every part passes.
    /// </summary>
    private Finding Interval(Sample lo, Sample hi, double tolerance, IEngineCalculator cold, Func<double, Structure> dimer, ref int refined)
    {
        var h = hi.R - lo.R;
        var residual = Math.Abs(hi.FreeEnergy - lo.FreeEnergy - 0.5 * (lo.Slope + hi.Slope) * h);
        if (double.IsNaN(residual))
            residual = double.PositiveInfinity;
        if (h <= Finest)
        {
            // A kink at x in the interval (two branches crossing: A continuous, its slope not) leaves
            // (A′(lo) − A′(hi))(x − lo − h/2), at most |ΔA′|·h/2; only what exceeds that is a jump.
            residual = Math.Max(0, residual - 0.5 * Math.Abs(hi.Slope - lo.Slope) * h);
        }
        // Refined well below the tolerance, so a pass reports how smooth the curve is rather than the tolerance itself.
        if (residual <= Smooth * tolerance || h <= Finest)
        {
            return new Finding(residual, hi.FreeEnergy, lo.FreeEnergy,
                $"A(r) jumps between r = {Show(lo.R)} and {Show(hi.R)} Å: A = {Show(lo.FreeEnergy)} → {Show(hi.FreeEnergy)} eV, a change of {Show(hi.FreeEnergy - lo.FreeEnergy)} eV where the forces account for {Show(0.5 * (lo.Slope + hi.Slope) * h)} eV");
        }

        refined++;
        var m = 0.5 * (lo.R + hi.R);
        EngineResult middle;
        try
        {
            middle = cold.Calculate(dimer(m));
        }
        catch (Exception error) when (error is LatentSolverException or ChargeEquilibrationException)
        {
            return new Finding(double.PositiveInfinity, double.NaN, double.NaN, $"at r = {Show(m)} Å the solver failed: {error.Message}");
        }
        var mid = new Sample(m, middle.FreeEnergy, -middle.Forces[1].X);
        var left = Interval(lo, mid, tolerance, cold, dimer, ref refined);
        var right = Interval(mid, hi, tolerance, cold, dimer, ref refined);
        return left.Residual >= right.Residual ? left : right;
    }

    /// <summary>Which start won, for messages: the latent solver's, or the charge solve's method.</summary>
    private static string Start(EngineResult result) => result switch
    {
        CalculationResult c => c.Report.Start,
        ChargeEquilibrationResult q => q.Report.Method,
        _ => result.GetType().Name,
    };

    /// <summary>
    /// The lowest A over the dimer's integer charge patterns, each at its own weights and minimised from
    /// them alone; the pattern's name (its states) and how many there are.
    /// </summary>
    private (double Lowest, string Pattern, int Count) LowestPattern(Structure structure)
    {
        var theta = kernels.Temperature;
        var system = new EnsembleSystem(kernels, structure, PairSet.AllPairs(structure, kernels.Cutoff), LongRangeCoulomb.Direct(), null, new ParallelOptions { MaxDegreeOfParallelism = 1 });
        var condition = ChargeCondition.TotalCharge(0);
        var enumeration = new IntegerPatterns();
        if (enumeration.Prepare(system, condition, int.MaxValue - 1) < 0)
            return (double.PositiveInfinity, "(none: Σq = 0 has no integer pattern)", 0);
        var work = new SolverWorkspace(system.WeightCount, system.AtomCount, solver.History);
        var vertex = new double[system.WeightCount];
        var (lowest, name, count) = (double.PositiveInfinity, "", 0);
        while (enumeration.Next(system, vertex))
        {
            count++;
            var value = system.FreeEnergy(vertex, theta).FreeEnergy;
            try
            {
                var minimum = OptimalDamping.Minimise(system, theta, condition, vertex, 0, solver.Tolerance, solver.MaxIterations, work, work.StartResult);
                value = Math.Min(value, minimum.FreeEnergy);
            }
            catch (LatentSolverException)
            {
                // A start that does not converge still has its vertex's value.
            }
            if (value < lowest)
                (lowest, name) = (value, PatternName(system, vertex));
        }
        return (lowest, name, count);
    }

    /// <summary>The states of a pattern, as "Na cation, Cl anion".</summary>
    private string PatternName(EnsembleSystem system, double[] vertex)
    {
        var parts = new List<string>();
        for (var i = 0; i < system.AtomCount; i++)
        {
            var element = kernels.Elements[system.ElementOf(i)];
            for (var s = 0; s < system.StateCount(i); s++)
            {
                if (vertex[system.StateOffset(i) + s] == 1)
                    parts.Add($"{element.Symbol} {element.States[s].Name}");
            }
        }
        return string.Join(", ", parts);
    }
}
