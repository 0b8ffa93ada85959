using Latent.Runtime.Engine;
using Latent.Runtime.Kernels;
using Latent.Runtime.Structures;
using Latent.Runtime.Engine.Solver;

namespace Latent.Runtime.Verification;

/// <summary>
/// Properties of the whole calculation on random small structures: forces are −∂A/∂R and stress is
/// (1/V)∂A/∂ε at the converged latent weights, checked against central differences of the free energy.
/// These catch what per-kernel checks cannot: a kernel output used with the wrong sign or pair order.
/// </summary>
internal sealed class SystemProperties
{
    private const double Step = 1e-5;

    private readonly PotentialKernels kernels;
    private readonly VerificationOptions options;
    private readonly ulong seed;

    public SystemProperties(PotentialKernels kernels, VerificationOptions options, ulong seed)
    {
        this.kernels = kernels;
        this.options = options;
        this.seed = seed;
    }

    public IEnumerable<PropertyResult> Check()
    {
        yield return Run("forces", "cluster", SystemCase.Clusters(), Forces);
        yield return Run("forces", "periodic", SystemCase.Cells(), Forces);
        yield return Run("stress", "periodic", SystemCase.Cells(), Stress);
    }

    private PropertyResult Run(string name, string term, FsCheck.Arbitrary<SystemCase> arbitrary, Func<SystemCase, Verdict> check)
    {
        var outcome = PropertyRunner.Run(arbitrary, check, options.SystemCases, PropertyRunner.SeedFor(seed, $"{name}|{term}"));
        if (outcome.Passed)
            return new PropertyResult(name, "system", term, null, outcome.Cases, PropertyStatus.Passed);
        Counterexample? counterexample = null;
        if (outcome.Shrunk is { } c)
        {
            var again = check(c);
            counterexample = new Counterexample(
                kernels.Name, "system", null, term, again.Failure?.Output ?? "", "step", Step,
                again.Failure?.Reference ?? double.NaN, again.Failure?.Generated ?? double.NaN, c.Describe());
        }
        return new PropertyResult(name, "system", term, null, outcome.Cases, PropertyStatus.Failed, counterexample?.Output.Length > 0 ? null : outcome.Note, counterexample);
    }

    private IEngineCalculator Calculator() =>
        EngineSelection.For(kernels, new CalculatorOptions
        {
            Threads = options.Threads,
            Solver = new SolverOptions { Tolerance = 1e-13 },
            ChargeEquilibration = new Engine.ChargeEquilibration.ChargeEquilibrationOptions { Tolerance = 1e-12 },
        });

    private Verdict Forces(SystemCase c)
    {
        var s = c.Build(kernels);
        var calculator = Calculator();
        var forces = calculator.Calculate(s).Forces;
        for (var i = 0; i < s.Count; i++)
        {
            for (var axis = 0; axis < 3; axis++)
            {
                var difference = EnergyDifferences.Force(calculator, s, i, axis, Step);
                if (!(Math.Abs(forces[i][axis] - difference) <= 1e-6 * (1 + Math.Abs(difference))))
                    return Verdict.Fails($"F[{i}].{"xyz"[axis]} ({s.Symbols[i]})", difference, forces[i][axis]);
            }
        }
        return Verdict.Held;
    }

    private Verdict Stress(SystemCase c)
    {
        var s = c.Build(kernels);
        var calculator = Calculator();
        var stress = calculator.GetStress(s);
        for (var k = 0; k < 6; k++)
        {
            var difference = EnergyDifferences.Stress(calculator, s, k, Step);
            if (!(Math.Abs(stress[k] - difference) <= 1e-8 + 1e-6 * Math.Abs(difference)))
                return Verdict.Fails($"stress[{"xx yy zz yz xz xy".Split(' ')[k]}]", difference, stress[k]);
        }
        return Verdict.Held;
    }
}
