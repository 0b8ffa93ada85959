using Latent.Cli.Input;
using Latent.Symbolic;
using Latent.Symbolic.Components;
using Microsoft.FSharp.Collections;

namespace Latent.Cli.Demo;

/// <summary>The symbolic pipeline on one shipped kernel: the two-centre Coulomb integral of two
/// Slater 1s densities whose exponents follow from Na's ionisation energy and Cl's electron affinity.
/// Parse, differentiate, compile to a straight-line program, evaluate, and check the result against
/// a finite difference and against the point-charge limit.</summary>
public static class SlaterCoulombDemo
{
    public const string FormulaFile = "slater-coulomb.formula";

    /// <summary>Coulomb constant, eV·Å.</summary>
    public const double CoulombConstant = PhysicalConstants.CoulombConstant;

    /// <summary>Short, near the NaCl bond length (2.36 Å), and long distances, Å.</summary>
    public static readonly double[] SampleDistances = [1.0, 2.36, 4.0];

    public static readonly double[] TailDistances = [5.0, 10.0, 20.0];

    /// <summary>Na's first ionisation energy and Cl's electron affinity, eV, as in the formula file.</summary>
    public const double IonisationEnergyNa = 5.1391;

    public const double ElectronAffinityCl = 3.6127;

    private const string Distance = "R";

    /// <summary>Step of the central difference, Å: truncation error ~h², rounding ~1e-16/h, both far below the tolerance.</summary>
    private const double Step = 1e-5;

    private const double FiniteDifferenceTolerance = 1e-6;

    /// <summary>The program reorders operations, so it may differ from the interpreter in the last bits only.</summary>
    private const double ProgramTolerance = 1e-12;

    public static CoulombDemoReport Run()
    {
        var statements = FormulaText.ParseProgram(ShippedFormula.Read(FormulaFile), FormulaFile);
        var value = Definition(statements, "J");
        var derivative = Differentiate.withRespectTo(Distance, value);

        var program = StraightLine.build(ListModule.OfSeq(new[] { Tuple.Create("J", value), Tuple.Create("dJdR", derivative) }));
        var failures = new List<string>();

        var samples = new List<CoulombSample>();
        var programVsInterpreter = 0.0;
        foreach (var r in SampleDistances)
        {
            var outputs = StraightLine.evaluateAt(program, At(r));
            var interpreted = new[] { Evaluate.at(At(r), value), Evaluate.at(At(r), derivative) };
            for (var i = 0; i < 2; i++)
            {
                programVsInterpreter = Math.Max(programVsInterpreter, Math.Abs(outputs[i] - interpreted[i]) / Math.Abs(interpreted[i]));
            }

            var difference = (Evaluate.at(At(r + Step), value) - Evaluate.at(At(r - Step), value)) / (2 * Step);
            samples.Add(new CoulombSample(r, CoulombConstant * outputs[0], CoulombConstant * outputs[1], CoulombConstant * difference));
        }

        // The same integral as the built-in component builds it: the typed formula must agree with it.
        var exponentA = Constant(statements, "a");
        var exponentB = Constant(statements, "b");
        var component = SlaterCoulomb.twoCentre(Shell(exponentA), Shell(exponentB), ExprModule.symbol(Distance));
        if (component.IsError)
        {
            throw new InvalidOperationException(component.ErrorValue);
        }

        var formulaVsComponent = SampleDistances.Max(r =>
        {
            var reference = Evaluate.at(At(r), component.ResultValue);
            return Math.Abs(Evaluate.at(At(r), value) - reference) / Math.Abs(reference);
        });
        var exponentsAgree = Math.Abs(exponentA - SlaterCoulomb.exponentFromEnergy(IonisationEnergyNa)) < 1e-12 * exponentA
            && Math.Abs(exponentB - SlaterCoulomb.exponentFromEnergy(ElectronAffinityCl)) < 1e-12 * exponentB;
        if (!exponentsAgree)
        {
            failures.Add("the formula's exponents differ from the component's exponentFromEnergy");
        }

        if (!(formulaVsComponent < ProgramTolerance))
        {
            failures.Add($"the formula differs from the built-in SlaterCoulomb component by {formulaVsComponent:G3} (relative)");
        }

        var tail = TailDistances
            .Select(r => new TailSample(r, CoulombConstant * Evaluate.at(At(r), value), CoulombConstant / r))
            .ToList();

        var worst = samples.Max(s => s.RelativeDifference);
        if (!(worst < FiniteDifferenceTolerance))
        {
            failures.Add($"dJ/dR differs from the central difference by {worst:G3} (relative), more than {FiniteDifferenceTolerance:G3}");
        }

        if (!(programVsInterpreter < ProgramTolerance))
        {
            failures.Add($"the straight-line program differs from the interpreter by {programVsInterpreter:G3} (relative)");
        }

        var farthest = tail[^1];
        if (!(Math.Abs(farthest.Excess) < 1e-9 * farthest.PointCharge))
        {
            failures.Add($"k_e*J does not approach k_e/R: {farthest.Excess:G3} eV left at {farthest.Distance} Å");
        }

        return new CoulombDemoReport(
            FormulaFile,
            exponentA,
            exponentB,
            ExprModule.dagSize(value),
            ExprModule.dagSize(derivative),
            ExprModule.treeSize(derivative),
            ExprModule.postOrder(new[] { value, derivative }).Length,
            StraightLine.stats(program).Instructions,
            samples,
            programVsInterpreter,
            formulaVsComponent,
            tail,
            failures);
    }

    /// <summary>One unit-normalised shell (one electron) with a numeric exponent.</summary>
    private static SlaterShell Shell(double exponent) => new(1.0, ExprModule.ofFloat(exponent), exponent);

    private static FSharpMap<string, double> At(double r) => MapModule.OfSeq(new[] { Tuple.Create(Distance, r) });

    private static Expr Definition(IReadOnlyList<Statement> statements, string name)
    {
        var statement = statements.LastOrDefault(s => s.Name is { } n && n.Value == name)
            ?? throw new InvalidOperationException($"{FormulaFile} defines no '{name}'");
        return statement.Body;
    }

    private static double Constant(IReadOnlyList<Statement> statements, string name) =>
        Evaluate.at(MapModule.Empty<string, double>(), Definition(statements, name));
}
