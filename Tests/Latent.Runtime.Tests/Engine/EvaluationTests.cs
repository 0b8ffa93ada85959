using Latent.Runtime.Engine;
using Latent.Runtime.Structures;
using Xunit;

namespace Latent.Runtime.Tests.Engine;

/// <summary>
/// The calculator's non-allocating path (<see cref="EnsembleCalculator.Evaluate"/>, which the integrators
/// and FIRE use) gives the same bits as the public <see cref="EnsembleCalculator.Calculate"/>, step after
/// warm-started step, and neither depends on the number of threads.
/// </summary>
public sealed class EvaluationTests
{
    public static TheoryData<string> Structures => ["cell", "cluster"];

    private static Structure Make(string name) => name == "cell"
        ? NaClStructures.RockSalt(jiggle: 0.15, seed: 11)
        : NaClStructures.RandomCluster(seed: 5, atoms: 8);

    [Theory]
    [MemberData(nameof(Structures))]
    public void Evaluate_gives_the_bits_of_Calculate_along_a_warm_started_path(string name)
    {
        var (a, b) = (Make(name), Make(name));
        var viaCalculate = new EnsembleCalculator(NaClStructures.Potential, new CalculatorOptions { Threads = 1 });
        var viaEvaluate = new EnsembleCalculator(NaClStructures.Potential, new CalculatorOptions { Threads = 1 });
        for (var step = 0; step < 4; step++)
        {
            var r = viaCalculate.Calculate(a);
            var e = viaEvaluate.Evaluate(b);
            Assert.Equal(Bits(r.FreeEnergy), Bits(e.FreeEnergy));
            Assert.Equal(Bits(r.InternalEnergy), Bits(e.InternalEnergy));
            Assert.Equal(Bits(r.Lambda), Bits(e.Outcome.Lambda));
            Assert.Equal(r.Report.Iterations, e.Outcome.Iterations);
            Assert.Equal(r.Forces.Select(f => Bits(f.X)), e.Fx.Select(Bits));
            Assert.Equal(r.Forces.Select(f => Bits(f.Y)), e.Fy.Select(Bits));
            Assert.Equal(r.Forces.Select(f => Bits(f.Z)), e.Fz.Select(Bits));
            Assert.Equal(r.Charges.Select(Bits), e.Charges.Select(Bits));
            Assert.Equal(r.Weights.SelectMany(w => w).Select(Bits), e.Weights.Select(Bits));
            Assert.Equal(r.Terms.Electrostatic.Select(Bits), e.Terms.Electrostatic.Select(Bits));
            Assert.Equal(r.Stress is null, !e.HasStress);
            if (r.Stress is { } stress)
                Assert.Equal(stress.Select(Bits), e.Stress.Select(Bits));
            // Move both the same way; each calculator warm-starts from its own previous weights.
            a.X[step] += 0.02;
            a.Z[step + 1] -= 0.01;
            b.X[step] += 0.02;
            b.Z[step + 1] -= 0.01;
        }
    }

    [Fact]
    public void Calculate_after_Evaluate_at_the_same_positions_copies_the_same_bits()
    {
        var s = Make("cell");
        var calculator = new EnsembleCalculator(NaClStructures.Potential, new CalculatorOptions { Threads = 1 });
        var e = calculator.Evaluate(s);
        var fx = e.Fx.Select(Bits).ToArray();
        var energy = Bits(e.FreeEnergy);
        var r = calculator.Calculate(s);
        Assert.Equal(energy, Bits(r.FreeEnergy));
        Assert.Equal(fx, r.Forces.Select(f => Bits(f.X)));
        // The result is the caller's copy: a later evaluation does not change it.
        s.X[0] += 0.05;
        calculator.Evaluate(s);
        Assert.Equal(fx, r.Forces.Select(f => Bits(f.X)));
    }

    [Theory]
    [MemberData(nameof(Structures))]
    public void Evaluate_does_not_depend_on_the_number_of_threads(string name)
    {
        var one = new EnsembleCalculator(NaClStructures.Potential, new CalculatorOptions { Threads = 1 }).Evaluate(Make(name));
        var many = new EnsembleCalculator(NaClStructures.Potential, new CalculatorOptions { Threads = Environment.ProcessorCount * 2 }).Evaluate(Make(name));
        Assert.Equal(Bits(one.FreeEnergy), Bits(many.FreeEnergy));
        Assert.Equal(one.Fx.Select(Bits), many.Fx.Select(Bits));
        Assert.Equal(one.Fy.Select(Bits), many.Fy.Select(Bits));
        Assert.Equal(one.Fz.Select(Bits), many.Fz.Select(Bits));
        Assert.Equal(one.Charges.Select(Bits), many.Charges.Select(Bits));
        Assert.Equal(one.Stress.Select(Bits), many.Stress.Select(Bits));
    }

    private static long Bits(double x) => BitConverter.DoubleToInt64Bits(x);
}
