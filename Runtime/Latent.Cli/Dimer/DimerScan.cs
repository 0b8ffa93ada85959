using System.Runtime.ExceptionServices;
using Latent.Cli.Output;
using Latent.Runtime.Engine;
using Latent.Runtime.Engine.ChargeEquilibration;
using Latent.Runtime.Kernels;
using Latent.Runtime.Properties;
using Latent.Runtime.Structures;
using Latent.Runtime.Engine.Solver;

namespace Latent.Cli.Dimer;

/// <summary>
/// The dissociation curve of an isolated A–B dimer (A at the origin, B on the x axis). Every
/// distance is solved on its own (annealed, and the lowest free energy kept among every start; for
/// continuous charges one linear solve), so a point does not depend on its neighbours: the curve has
/// no hysteresis, and the points can be computed in parallel with identical results.
/// </summary>
/// <param name="threads">Distances solved at once; null for every core.</param>
public sealed class DimerScan(PotentialKernels potential, int elementA, int elementB, double? temperature, int? threads = null)
{
    private readonly ElementDescription a = potential.Elements[elementA];
    private readonly ElementDescription b = potential.Elements[elementB];

    /// <summary>Electronic temperature in use (eV); null for continuous charges, which have none.</summary>
    public double? Temperature => potential.HasContinuousCharges ? null : temperature ?? potential.Temperature;

    /// <summary>Computes every point; <paramref name="progress"/> is called once per finished point, from any thread.</summary>
    /// <exception cref="UserError">The solver failed at some distance (named in the message).</exception>
    public DimerPoint[] Run(IReadOnlyList<double> distances, Action? progress = null)
    {
        var points = new DimerPoint[distances.Count];
        try
        {
            Parallel.For(
                0,
                distances.Count,
                new ParallelOptions { MaxDegreeOfParallelism = threads ?? -1 },
                Calculator,
                (k, _, calculator) =>
                {
                    points[k] = Point(calculator, distances[k]);
                    progress?.Invoke();
                    return calculator;
                },
                _ => { });
        }
        catch (AggregateException error) when (error.InnerExceptions.Count > 0)
        {
            // Report the failure itself (a user error naming r), not the parallel loop's wrapper.
            ExceptionDispatchInfo.Capture(error.InnerExceptions[0]).Throw();
        }

        return points;
    }

    /// <summary>A calculator that solves as the scan does: each structure afresh, annealed, the lowest of every start,
    /// so a distance solved off the grid (refining the properties) agrees with the curve.</summary>
    public IEngineCalculator Calculator() => EngineSelection.For(potential, new CalculatorOptions
    {
        Temperature = temperature,
        // The points run in parallel; two atoms gain nothing from more threads each.
        Threads = 1,
        Solver = new SolverOptions { Anneal = Annealing.Always, CompareStarts = true },
    });

    /// <summary>The properties of the molecule (<see cref="DimerProperties"/>) from its scanned curve; null when the
    /// curve's lowest point is at an end of it.</summary>
    /// <exception cref="UserError">The solver failed at a distance off the grid.</exception>
    public DimerProperties? Properties(DimerPoint[] points)
    {
        try
        {
            return DimerProperties.Measure(Calculator(), a.Symbol, a.Mass, b.Symbol, b.Mass,
                points.Select(p => p.R).ToArray(), points.Select(p => p.FreeEnergy).ToArray(), points.Select(p => p.Charges[0]).ToArray());
        }
        catch (Exception error) when (error is LatentSolverException or ChargeEquilibrationException)
        {
            throw new UserError($"refining the {a.Symbol}–{b.Symbol} properties: {error.Message}");
        }
    }

    private DimerPoint Point(IEngineCalculator calculator, double r)
    {
        var structure = new Structure([a.Symbol, b.Symbol], [Vec3.Zero, new Vec3(r, 0, 0)], [a.Mass, b.Mass], Cell.None);
        EngineResult result;
        try
        {
            result = calculator.Calculate(structure);
        }
        catch (Exception error) when (error is LatentSolverException or ChargeEquilibrationException)
        {
            throw new UserError($"at r = {Numbers.Format(r)} Å: {error.Message}");
        }

        return new DimerPoint(r, result.FreeEnergy, result.InternalEnergy, result.Charges, result.Weights, result.Lambda);
    }
}
