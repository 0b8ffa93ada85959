using Latent.Runtime.Constraints;
using Latent.Runtime.Engine;
using Latent.Runtime.Fitting.Measures;
using Latent.Runtime.Fitting.Targets;
using Latent.Runtime.Kernels;
using Latent.Runtime.Structures;
using Latent.Symbolic.Constraints;

namespace Latent.Runtime.Fitting;

/// <summary>
/// A potential file and a targets file made into residuals and their Jacobian at any parameter set: the function
/// Levenberg–Marquardt minimises. Checks at construction that the two files fit together (every bound on a fitted
/// parameter, every element in the potential).
/// </summary>
public sealed class FitProblem
{
    private readonly Func<EnsembleCalculator, Structure, StructureResponse>? analytic;
    private double[]? compiledAt;
    private PotentialKernels? compiled;

    /// <summary>The problem of fitting <paramref name="potential"/> to <paramref name="targets"/>.</summary>
    /// <param name="potential">The potential file and the parameters its [fitting] table names.</param>
    /// <param name="targets">What to fit to.</param>
    /// <param name="analytic">The parameter response (exact gradients); needed unless the targets ask for central differences.</param>
    /// <exception cref="FitSetupException">A bound names a parameter the file does not fit, a structure needs an element the potential lacks,
    /// or analytic gradients are asked for without a response.</exception>
    public FitProblem(ParameterizedPotential potential, TargetsFile targets, Func<EnsembleCalculator, Structure, StructureResponse>? analytic)
    {
        Potential = potential;
        Targets = targets;
        this.analytic = analytic;
        Method = targets.Settings.Gradients;
        foreach (var (name, bound) in targets.Bounds)
        {
            if (!potential.Parameters.Contains(name))
                throw new FitSetupException($"[bounds] names '{name}', which {potential.Source.DisplayPath}'s [fitting] table does not list (it fits: {string.Join(", ", potential.Parameters)})", bound.Line);
        }

        var elements = potential.Model.Elements.Select(e => e.Symbol).ToHashSet(StringComparer.Ordinal);
        foreach (var structure in targets.Structures)
        {
            var missing = structure.Elements.FirstOrDefault(e => !elements.Contains(e));
            if (missing is not null)
                throw new FitSetupException($"structure '{structure.Name}' needs {missing}, which {potential.Model.Name} does not have (its elements: {string.Join(", ", elements)})", structure.Line);
        }

        var count = potential.Parameters.Count;
        Lower = new double[count];
        Upper = new double[count];
        for (var j = 0; j < count; j++)
        {
            var start = potential.InitialValues[j];
            if (targets.Bounds.TryGetValue(potential.Parameters[j], out var b))
            {
                if (double.IsInfinity(b.Lower) || double.IsInfinity(b.Upper))
                    throw new FitSetupException($"bounds of '{potential.Parameters[j]}' must be finite: the bounded Levenberg–Marquardt maps each parameter through a sine between its bounds", b.Line);
                if (!(start > b.Lower && start < b.Upper))
                    throw new FitSetupException($"'{potential.Parameters[j]}' starts at {start}, outside (or on) its bounds [{b.Lower}, {b.Upper}]: a start on a bound cannot move", b.Line);
                (Lower[j], Upper[j]) = (b.Lower, b.Upper);
            }
            else
            {
                // A factor of ten either way: wide enough for a fit, narrow enough to keep the parameter's sign.
                (Lower[j], Upper[j]) = start > 0 ? (start / 10, start * 10) : start < 0 ? (start * 10, start / 10) : (-1, 1);
            }
        }

        if (Method == GradientMethod.Analytic && analytic is null)
            throw new FitSetupException("analytic gradients were asked for but no parameter response is available");
        Structures = targets.Targets.Select(t => t.Structure).Distinct().ToArray();
        ResidualCount = targets.Targets.Sum(t => t.Count);
    }

    /// <summary>The potential.</summary>
    public ParameterizedPotential Potential { get; }

    /// <summary>The targets.</summary>
    public TargetsFile Targets { get; }

    /// <summary>How the Jacobian is obtained.</summary>
    public GradientMethod Method { get; }

    /// <summary>Lower bound of each fitted parameter.</summary>
    public double[] Lower { get; }

    /// <summary>Upper bound of each fitted parameter.</summary>
    public double[] Upper { get; }

    /// <summary>The structures the targets measure, each once.</summary>
    public IReadOnlyList<FitStructure> Structures { get; }

    /// <summary>Number of residuals.</summary>
    public int ResidualCount { get; }

    /// <summary>Most threads each engine solve of a measurement or an exact condition uses (null: every core); the
    /// structures are measured one after another, and the results do not depend on it.</summary>
    public int? Threads { get; init; }

    /// <summary>Number of kernel compilations so far.</summary>
    public int Compilations { get; private set; }

    /// <summary>The kernels at <paramref name="parameters"/> (the last set is kept: the Jacobian follows its values).</summary>
    public PotentialKernels KernelsAt(double[] parameters)
    {
        if (compiled is not null && compiledAt is not null && compiledAt.AsSpan().SequenceEqual(parameters))
            return compiled;
        compiled = Potential.KernelsAt(parameters);
        compiledAt = (double[])parameters.Clone();
        Compilations++;
        return compiled;
    }

    /// <summary>The exact conditions of the file's [constraints] at <paramref name="parameters"/>.</summary>
    public IReadOnlyList<ConstraintResult> Constraints(double[] parameters) =>
        ConstraintRun.Check(Potential.SourceAt(parameters), KernelsAt(parameters), Threads);

    /// <summary>Values, residuals and (when asked) the Jacobian at <paramref name="parameters"/>.</summary>
    /// <exception cref="MeasurementException">A target cannot be measured at these parameters.</exception>
    public FitPoint Evaluate(double[] parameters, bool withJacobian)
    {
        var analyticNow = withJacobian && Method == GradientMethod.Analytic;
        var context = new MeasureContext(KernelsAt(parameters), parameters.Length, analyticNow ? analytic : null, Threads);
        var (values, residuals, jacobian) = Measure(context);
        if (withJacobian && Method == GradientMethod.CentralDifferences)
            jacobian = CentralDifferences(parameters);
        return new FitPoint((double[])parameters.Clone(), values, residuals, jacobian);
    }

    /// <summary>The step of the central difference in parameter j: 1e-4 of its size (truncation ~1e-8 relative, while a
    /// property that hardly moves with it still changes well above the solver's noise), never below its bound range's 1e-7.</summary>
    public double DifferenceStep(double[] parameters, int j) =>
        Math.Max(1e-4 * Math.Abs(parameters[j]), 1e-7 * (Upper[j] - Lower[j]));

    private double[,] CentralDifferences(double[] parameters)
    {
        var jacobian = new double[ResidualCount, parameters.Length];
        for (var j = 0; j < parameters.Length; j++)
        {
            var h = DifferenceStep(parameters, j);
            var up = (double[])parameters.Clone();
            var down = (double[])parameters.Clone();
            up[j] += h;
            down[j] -= h;
            var rUp = Measure(new MeasureContext(Potential.KernelsAt(up), parameters.Length, null, Threads)).Residuals;
            var rDown = Measure(new MeasureContext(Potential.KernelsAt(down), parameters.Length, null, Threads)).Residuals;
            Compilations += 2;
            for (var k = 0; k < ResidualCount; k++)
                jacobian[k, j] = (rUp[k] - rDown[k]) / (2 * h);
        }

        return jacobian;
    }

    private (double[][] Values, double[] Residuals, double[,]? Jacobian) Measure(MeasureContext context)
    {
        var measured = new Dictionary<FitStructure, IReadOnlyDictionary<TargetProperty, Measurement>>();
        foreach (var structure in Structures)
        {
            var wanted = Targets.Targets.Where(t => t.Structure == structure).Select(t => t.Property).ToHashSet();
            measured[structure] = structure.Kind switch
            {
                StructureKind.Dimer => DimerMeasure.Measure(context, structure),
                StructureKind.File => ConfigurationMeasure.Measure(context, structure),
                _ => CrystalMeasure.Measure(context, structure, wanted),
            };
        }

        var values = new double[Targets.Targets.Count][];
        var residuals = new double[ResidualCount];
        var jacobian = context.WithGradients ? new double[ResidualCount, context.ParameterCount] : null;
        var row = 0;
        for (var t = 0; t < Targets.Targets.Count; t++)
        {
            var target = Targets.Targets[t];
            var m = measured[target.Structure][target.Property];
            var picked = Pick(target, m);
            values[t] = picked.Values;
            var factor = Math.Sqrt(target.Weight) / target.Scale;
            for (var k = 0; k < target.Count; k++, row++)
            {
                residuals[row] = factor * (picked.Values[k] - target.Values[k]);
                if (!double.IsFinite(residuals[row]))
                    throw new MeasurementException($"{target.Label} is not finite ({picked.Values[k]})");
                if (jacobian is not null)
                {
                    for (var j = 0; j < context.ParameterCount; j++)
                        jacobian[row, j] = factor * picked.Gradient![k][j];
                }
            }
        }

        return (values, residuals, jacobian);
    }

    /// <summary>The numbers of a measurement a target compares: the charges of its atoms, or everything.</summary>
    private static Measurement Pick(FitTarget target, Measurement measurement) =>
        target.Atoms is { } atoms && target.Property == TargetProperty.Charges
            ? new Measurement(atoms.Select(i => measurement.Values[i]).ToArray(), measurement.Gradient is null ? null : atoms.Select(i => measurement.Gradient[i]).ToArray())
            : measurement;
}
