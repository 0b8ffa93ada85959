using Latent.Runtime.Fitting.Measures;
using Latent.Symbolic.Constraints;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace Latent.Runtime.Fitting;

/// <summary>
/// Fits a potential to its targets: MathNet's bounded Levenberg–Marquardt on the residuals of a <see cref="FitProblem"/>,
/// from the file's values and from any extra seeded starts, keeping the lowest cost. Every parameter set the
/// minimiser would accept is checked against the file's exact conditions; one that breaks a condition (all held at
/// the start), or leaves a target unmeasurable, is returned to the minimiser as a step uphill, so it is rejected and
/// never written.
/// </summary>
public static class Fitter
{
    /// <summary>The residual a rejected parameter set reports: finite (NaN would stop the minimiser) and far uphill.</summary>
    private const double RejectedResidual = 1e6;

    /// <summary>Gradient (∞-norm, internal parameters) below which the minimiser stops: converged.</summary>
    private const double GradientTolerance = 1e-14;

    /// <summary>Runs the fit.</summary>
    /// <exception cref="FitSetupException">The targets cannot be measured at the file's values, or the file already breaks one of its exact conditions.</exception>
    public static FitResult Run(FitProblem problem, IProgress<FitProgress>? progress = null)
    {
        var potential = problem.Potential;
        var start = potential.InitialValues.ToArray();
        FitPoint initial;
        try
        {
            initial = problem.Evaluate(start, withJacobian: false);
        }
        catch (MeasurementException e)
        {
            throw new FitSetupException($"at the values in {potential.Source.DisplayPath}: {e.Message}");
        }

        var atStart = problem.Constraints(start);
        foreach (var allowed in problem.Targets.Settings.AllowBroken ?? [])
        {
            if (!atStart.Any(c => c.Name == allowed.Name))
                throw new FitSetupException(
                    $"allow_broken names '{allowed.Name}', which is not one of {potential.Source.DisplayPath}'s exact conditions ({string.Join(", ", atStart.Select(c => c.Name).Distinct())})",
                    allowed.Line);
        }

        var broken = Broken(problem, atStart);
        if (broken.Length > 0)
            throw new FitSetupException($"{potential.Source.DisplayPath} already breaks {Describe(broken)} at its own values: a fit keeps every exact condition, so fix the file first (latent check shows why)");

        var settings = problem.Targets.Settings;
        var starts = StartingPoints(problem, start, settings.Starts, settings.Seed, settings.Spread);
        var rejections = new List<string>();
        StartRun? bestRun = null;
        var evaluations = 0;
        for (var s = 0; s < starts.Count; s++)
        {
            var run = Minimise(problem, starts[s], s + 1, starts.Count, progress, rejections, ref evaluations);
            if (run.Abandoned is not null)
                rejections.Add($"start {s + 1} of {starts.Count} stopped: {run.Abandoned}");
            if (run.Best is not null && (bestRun is null || run.Best.Cost < bestRun.Best!.Cost))
                bestRun = run;
        }

        // The result is the lowest point the minimiser evaluated and accepted, exactly as checked against the exact
        // conditions, not MathNet's minimising point mapped back through its sine (which may differ in the last bits).
        // MathNet moves even an untouched start by an ulp: when no start improved on the file's own values, those
        // values are the result, exactly as written.
        var best = bestRun is not null && bestRun.Best!.Cost < initial.Cost ? bestRun.Best : initial;
        var constraints = problem.Constraints(best.Parameters);
        var failing = Broken(problem, constraints);
        if (failing.Length > 0)
            throw new FitSetupException($"the fitted values break {Describe(failing)}; nothing written");
        var result = bestRun?.Result;
        var converged = result is not null && result.ReasonForExit is ExitCondition.Converged or ExitCondition.RelativeGradient or ExitCondition.RelativePoints;
        var reason = bestRun is null ? "no start lowered the cost"
            : result is null ? $"start {bestRun.Index} stopped: {bestRun.Abandoned}"
            : Reason(result.ReasonForExit, settings.MaxIterations);
        return new FitResult(potential.Parameters, start, best.Parameters, best, initial, converged, reason,
            Math.Max(result?.Iterations ?? 0, 0), evaluations, rejections, constraints, problem.Method, bestRun?.Index ?? 1);
    }

    /// <summary>
    /// One start's run: the lowest point it evaluated that passed the exact conditions (null if none did), MathNet's
    /// result, or why the run stopped early (a point whose gradient cannot be measured).
    /// </summary>
    private sealed record StartRun(int Index, FitPoint? Best, NonlinearMinimizationResult? Result, string? Abandoned);

    /// <summary>Thrown out of the Jacobian to end one start's run: MathNet has no way to reject a gradient.</summary>
    private sealed class StartAbandonedException(string message) : Exception(message);

    private static StartRun Minimise(FitProblem problem, double[] start, int startIndex, int starts, IProgress<FitProgress>? progress, List<string> rejections, ref int evaluations)
    {
        var count = problem.ResidualCount;
        var bestCost = double.PositiveInfinity;
        FitPoint? best = null;
        var evaluation = 0;
        var total = evaluations;
        Vector<double> Function(Vector<double> p, Vector<double> x)
        {
            evaluation++;
            total++;
            var parameters = p.ToArray();
            string? rejected = null;
            double[]? residuals = null;
            try
            {
                var point = problem.Evaluate(parameters, withJacobian: false);
                // The minimiser accepts a step exactly when it lowers the cost below the best so far, so only such a
                // step can be written: the exact conditions are checked there (a few seconds each), not on steps
                // the minimiser rejects anyway.
                var failed = point.Cost < bestCost
                    ? Broken(problem, problem.Constraints(parameters))
                    : [];
                if (failed.Length > 0)
                    rejected = $"breaks {Describe(failed)}";
                else
                {
                    residuals = point.Residuals;
                    if (point.Cost < bestCost)
                        best = point;
                }
            }
            catch (MeasurementException e)
            {
                rejected = e.Message;
            }

            if (rejected is not null)
            {
                var at = string.Join(", ", problem.Potential.Parameters.Select((n, j) => $"{n} = {parameters[j]:G6}"));
                rejections.Add($"{at}: {rejected}");
                progress?.Report(new FitProgress(startIndex, starts, evaluation, double.NaN, bestCost, rejected));
                return Vector<double>.Build.Dense(count, RejectedResidual);
            }

            var cost = residuals!.Sum(r => r * r);
            bestCost = Math.Min(bestCost, cost);
            progress?.Report(new FitProgress(startIndex, starts, evaluation, cost, bestCost, null));
            return Vector<double>.Build.DenseOfArray(residuals);
        }

        Matrix<double> Jacobian(Vector<double> p, Vector<double> x)
        {
            try
            {
                var point = problem.Evaluate(p.ToArray(), withJacobian: true);
                return Matrix<double>.Build.DenseOfArray(point.Jacobian!);
            }
            catch (MeasurementException e)
            {
                // MathNet asks for the gradient at every point it holds, the start included, even when the function
                // there was rejected: this start cannot go on.
                throw new StartAbandonedException(e.Message);
            }
        }

        var observedX = Vector<double>.Build.Dense(count, k => k);
        var observedY = Vector<double>.Build.Dense(count);
        var objective = ObjectiveFunction.NonlinearModel(Function, Jacobian, observedX, observedY);
        var settings = problem.Targets.Settings;
        // The function tolerance is on ½·Σ r², the cost's half.
        var minimiser = new LevenbergMarquardtMinimizer(1e-3, GradientTolerance, settings.StepTolerance, settings.CostTolerance / 2, settings.MaxIterations);
        try
        {
            var result = minimiser.FindMinimum(objective, Vector<double>.Build.DenseOfArray(start),
                Vector<double>.Build.DenseOfArray(problem.Lower), Vector<double>.Build.DenseOfArray(problem.Upper));
            return new StartRun(startIndex, best, result, null);
        }
        catch (StartAbandonedException e)
        {
            return new StartRun(startIndex, best, null, e.Message);
        }
        finally
        {
            evaluations = total;
        }
    }

    /// <summary>The file's values, then <paramref name="starts"/> − 1 points drawn uniformly within ±spread of them (inside the bounds), from one seeded generator.</summary>
    public static IReadOnlyList<double[]> StartingPoints(FitProblem problem, double[] start, int starts, int seed, double spread)
    {
        var points = new List<double[]> { start };
        var random = new Random(seed);
        for (var s = 1; s < starts; s++)
        {
            var point = new double[start.Length];
            for (var j = 0; j < start.Length; j++)
            {
                var value = start[j] * (1 + spread * (2 * random.NextDouble() - 1));
                // Strictly inside the bounds: a start on a bound cannot move.
                var margin = 1e-6 * (problem.Upper[j] - problem.Lower[j]);
                point[j] = Math.Clamp(value, problem.Lower[j] + margin, problem.Upper[j] - margin);
            }

            points.Add(point);
        }

        return points;
    }

    /// <summary>The conditions that fail and that the targets file does not allow to.</summary>
    private static ConstraintResult[] Broken(FitProblem problem, IReadOnlyList<ConstraintResult> results) =>
        results.Where(c => c.Outcome.IsFailed && !problem.Targets.Settings.AllowsBroken(c.Name)).ToArray();

    private static string Describe(IReadOnlyList<ConstraintResult> failed)
    {
        var first = failed[0];
        var more = failed.Count > 1 ? $" (and {failed.Count - 1} more)" : "";
        return $"the exact condition {first.Name} at {first.Instance}{more}";
    }

    private static string Reason(ExitCondition exit, int maxIterations) => exit switch
    {
        ExitCondition.Converged => "the cost fell below its tolerance",
        ExitCondition.RelativeGradient => "the gradient vanished",
        ExitCondition.RelativePoints => "steps became smaller than the step tolerance",
        ExitCondition.ExceedIterations => $"it reached max_iterations = {maxIterations} before any tolerance",
        ExitCondition.InvalidValues => "a residual was not a number",
        _ => exit.ToString(),
    };
}
