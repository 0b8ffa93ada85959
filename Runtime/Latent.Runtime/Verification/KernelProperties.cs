using System.Runtime.Intrinsics;

namespace Latent.Runtime.Verification;

/// <summary>
/// The properties of one term of one generated kernel, each an FsCheck property over the kernel's
/// argument: the derivative against a Richardson difference of the generated value; the generated
/// scalar code against the interpreter (bitwise); the Vector256 code against the scalar code; the
/// build-time compiled code against the run-time compiled one (bitwise); each parameter gradient
/// against a difference in the parameter.
/// </summary>
internal sealed class KernelProperties
{
    /// <summary>
    /// SIMD lanes may differ from scalar code where Vector256.Exp/Log differ from Math's by an ulp or
    /// two; that error reaches a term relative to the size of the exponentials it sums, which for the
    /// screened electrostatics is up to 10⁴ times the term itself near its zero crossings.
    /// </summary>
    public const double SimdRelative = 1e-11;

    private readonly string potential;
    private readonly VerificationOptions options;
    private readonly ulong seed;
    private readonly ShiftedPotentials shifted;

    public KernelProperties(string potential, VerificationOptions options, ulong seed, ShiftedPotentials shifted)
    {
        this.potential = potential;
        this.options = options;
        this.seed = seed;
        this.shifted = shifted;
    }

    public IEnumerable<PropertyResult> Check(CheckedKernel kernel, TermSpec term)
    {
        foreach (var d in term.Derivatives)
            yield return Run("derivative", kernel, term, d.Label, null, options.Cases, x => Derivative(kernel, d, x));
        yield return Run("interpreter", kernel, term, term.Name, null, options.Cases, x => Interpreter(kernel, term, x));
        yield return Run("simd", kernel, term, term.Name, null, options.Cases, x => Simd(kernel, term, x));
        if (kernel.BuildTimeScalar is null)
            yield return new PropertyResult("build-time", kernel.Label, term.Name, null, 0, PropertyStatus.NotApplicable, "no build-time class");
        else
            yield return Run("build-time", kernel, term, term.Name, null, options.Cases, x => BuildTime(kernel, term, x));
        for (var p = 0; p < kernel.Fitted.Count; p++)
        {
            var parameter = p;
            yield return Run("gradient", kernel, term, term.Name, kernel.Fitted[p], options.GradientCases, x => Gradient(kernel, term, parameter, x));
        }
    }

    private PropertyResult Run(string name, CheckedKernel kernel, TermSpec term, string label, string? parameter, int cases, Func<double, Verdict> check)
    {
        var key = $"{name}|{kernel.Label}|{label}|{parameter}";
        var outcome = PropertyRunner.Run(kernel.Range.Arbitrary(), check, cases, PropertyRunner.SeedFor(seed, key));
        if (outcome.Passed)
            return new PropertyResult(name, kernel.Label, label, parameter, outcome.Cases, PropertyStatus.Passed);
        Counterexample? counterexample = null;
        var note = outcome.Note;
        if (outcome.Shrunk is double x)
        {
            Verdict again;
            try
            {
                again = check(x);
            }
            catch (Exception e)
            {
                again = Verdict.NotJudged;
                note = e.Message;
            }
            if (again.Failure is { } m)
            {
                // The shrunk case says it all; FsCheck's own message ("Expected true, got false") adds nothing.
                note = null;
                counterexample = new Counterexample(potential, kernel.Label, term.States, term.Name, m.Output, kernel.Range.Variable, x, m.Reference, m.Generated);
            }
            else
            {
                counterexample = new Counterexample(potential, kernel.Label, term.States, term.Name, "", kernel.Range.Variable, x, double.NaN, double.NaN, note);
            }
        }
        return new PropertyResult(name, kernel.Label, label, parameter, outcome.Cases, PropertyStatus.Failed, note, counterexample);
    }

    private static Verdict Derivative(CheckedKernel kernel, (int Value, int Derivative, string Label) d, double x)
    {
        if (kernel.NearKnot(x))
            return Verdict.NotJudged;
        var generated = kernel.Evaluate(x)[d.Derivative];
        return RichardsonDifference.Judge(kernel.OutputName(d.Derivative), t => kernel.Evaluate(t)[d.Value], x, kernel.Step(x), generated, kernel.Scale(d.Derivative));
    }

    private static Verdict Interpreter(CheckedKernel kernel, TermSpec term, double x)
    {
        var generated = kernel.Evaluate(x);
        var interpreted = CheckedKernel.Interpret(kernel.Program, x);
        var verdicts = term.Outputs.Select(k => Verdict.Bitwise(kernel.OutputName(k), interpreted[k], generated[k])).ToList();
        if (kernel.Gradient is not null && kernel.GradientProgram is not null)
        {
            var gradient = kernel.EvaluateGradient(x);
            var reference = CheckedKernel.Interpret(kernel.GradientProgram, x);
            foreach (var (k, name) in GradientOutputs(kernel, term))
                verdicts.Add(Verdict.Bitwise(name, reference[k], gradient[k]));
        }
        return Verdict.All(verdicts);
    }

    private static Verdict Simd(CheckedKernel kernel, TermSpec term, double x)
    {
        var range = kernel.Range;
        var lanes = Vector256.Create(x, range.Low + range.High - x, 0.5 * (x + range.Low), 0.5 * (x + range.High));
        var vector = new Vector256<double>[kernel.OutputCount];
        kernel.Vector(lanes, vector);
        var verdicts = new List<Verdict>();
        for (var lane = 0; lane < 4; lane++)
        {
            var scalar = kernel.Evaluate(lanes.GetElement(lane));
            var scale = term.Outputs.Max(k => Math.Abs(scalar[k]));
            foreach (var k in term.Outputs)
            {
                var v = vector[k].GetElement(lane);
                var agrees = v.Equals(scalar[k]) || Math.Abs(v - scalar[k]) <= SimdRelative * scale;
                var output = lane == 0 ? kernel.OutputName(k) : $"{kernel.OutputName(k)} (lane {lane}, {range.Variable} = {lanes.GetElement(lane):R})";
                verdicts.Add(agrees ? Verdict.Held : Verdict.Fails(output, scalar[k], v));
            }
        }
        return Verdict.All(verdicts);
    }

    private static Verdict BuildTime(CheckedKernel kernel, TermSpec term, double x)
    {
        var runTime = kernel.Evaluate(x);
        var buildTime = CheckedKernel.Run(kernel.BuildTimeScalar!, kernel.OutputCount, x);
        var verdicts = term.Outputs.Select(k => Verdict.Bitwise(kernel.OutputName(k), buildTime[k], runTime[k])).ToList();
        var lanes = Vector256.Create(x);
        var runVector = new Vector256<double>[kernel.OutputCount];
        var buildVector = new Vector256<double>[kernel.OutputCount];
        kernel.Vector(lanes, runVector);
        kernel.BuildTimeVector!(lanes, buildVector);
        foreach (var k in term.Outputs)
            verdicts.Add(Verdict.Bitwise(kernel.OutputName(k) + " (vector)", buildVector[k].GetElement(0), runVector[k].GetElement(0)));
        if (kernel.Gradient is not null && kernel.BuildTimeGradient is not null)
        {
            var count = kernel.GradientCount;
            var run = CheckedKernel.Run(kernel.Gradient, count, x);
            var build = CheckedKernel.Run(kernel.BuildTimeGradient, count, x);
            foreach (var (k, name) in GradientOutputs(kernel, term))
                verdicts.Add(Verdict.Bitwise(name, build[k], run[k]));
        }
        return Verdict.All(verdicts);
    }

    private Verdict Gradient(CheckedKernel kernel, TermSpec term, int parameter, double x)
    {
        if (kernel.Gradient is null)
            return Verdict.NotJudged;
        var name = kernel.Fitted[parameter];
        var generated = kernel.EvaluateGradient(x);
        var step = shifted.Step(name);
        var plus = new double[RichardsonDifference.Levels][];
        var minus = new double[RichardsonDifference.Levels][];
        for (var i = 0; i < RichardsonDifference.Levels; i++)
        {
            plus[i] = CheckedKernel.Interpret(shifted.Program(name, kernel.IsPair, kernel.Index, i, +1), x);
            minus[i] = CheckedKernel.Interpret(shifted.Program(name, kernel.IsPair, kernel.Index, i, -1), x);
        }
        var value = kernel.Evaluate(x);
        return Verdict.All(term.Outputs.Select(k => RichardsonDifference.JudgeQuotients(
            $"∂/∂{name} {kernel.OutputName(k)}",
            i => (plus[i][k] - minus[i][k]) / (2 * RichardsonDifference.StepAt(step, i)),
            value[k], step, generated[kernel.GradientOutput(parameter, k)], kernel.GradientScale(kernel.GradientOutput(parameter, k)))));
    }

    /// <summary>The gradient kernel's outputs that belong to a term: its outputs' derivatives in each fitted parameter.</summary>
    private static IEnumerable<(int Index, string Name)> GradientOutputs(CheckedKernel kernel, TermSpec term)
    {
        for (var p = 0; p < kernel.Fitted.Count; p++)
            foreach (var k in term.Outputs)
                yield return (kernel.GradientOutput(p, k), $"∂/∂{kernel.Fitted[p]} {kernel.OutputName(k)}");
    }
}
