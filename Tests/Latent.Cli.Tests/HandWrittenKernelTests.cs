using Latent.Cli.Bench.Kernels;
using Latent.Runtime.Kernels;
using Latent.Runtime.Potentials;

namespace Latent.Cli.Tests;

/// <summary>
/// The hand-written kernels that <c>latent bench</c> times the generated ones against compute the same
/// outputs in the same layout: otherwise "generated as fast as hand-written" would compare different work.
/// </summary>
public sealed class HandWrittenKernelTests
{
    private const double Tolerance = 1e-12;
    private const int Points = 4000;
    private const int Neighbourhood = 10;   // ±11 mÅ

    public static TheoryData<string, string, string> Pairs => new()
    {
        { "Cu", "Cu", "Cu" },
        { "NaCl", "Na", "Cl" },
    };

    /// <summary>
    /// Every output at 4001 distances from 1.5 Å to 0.5 Å past the cutoff, and at the switch's ends. Below
    /// the switch the two must agree to <see cref="Tolerance"/> relative to the output's size within
    /// <see cref="Neighbourhood"/> points either side: where an output crosses zero (Cu's φ′ at the minimum of
    /// φ, a difference of repulsion and attraction) both kernels reach it by cancelling terms of that size.
    /// Inside the switch they compute it differently: the generated kernel expands 1 − 10t³ + 15t⁴ − 6t⁵, whose
    /// terms reach 32 while S goes to zero, the hand-written one factors it (docs/benchmark-history.md §1); so
    /// there the deviation is taken relative to the largest size the output reaches within the switch, the
    /// size of what S multiplies.
    /// </summary>
    [Theory]
    [MemberData(nameof(Pairs))]
    public void HandWrittenKernelComputesTheGeneratedOutputs(string potential, string a, string b)
    {
        var kernels = new PotentialLoader().Load(potential);
        var kernel = kernels.Pair(kernels.ElementIndex(a), kernels.ElementIndex(b));
        var (hand, count) = potential == "Cu"
            ? ((ScalarKernel)HandWrittenCu.Pair, HandWrittenCu.OutputCount)
            : (HandWrittenNaCl.Pair, HandWrittenNaCl.OutputCount);
        Assert.Equal(kernel.OutputCount, count);

        var switchOn = kernels.Cutoff - kernels.CutoffWidth;
        var distances = Enumerable.Range(0, Points + 1)
            .Select(i => 1.5 + (kernels.Cutoff + 0.5 - 1.5) * i / Points)
            .Append(switchOn).Append(kernels.Cutoff)
            .ToArray();
        var generated = distances.Select(r => Evaluate(kernel.Scalar, r, count)).ToArray();
        var handWritten = distances.Select(r => Evaluate(hand, r, count)).ToArray();

        var switchSize = new double[count];
        for (var i = 0; i < distances.Length; i++)
            if (distances[i] >= switchOn && distances[i] <= kernels.Cutoff)
                for (var k = 0; k < count; k++)
                    switchSize[k] = Math.Max(switchSize[k], Math.Abs(generated[i][k]));

        for (var i = 0; i < distances.Length; i++)
        {
            var r = distances[i];
            for (var k = 0; k < count; k++)
            {
                var scale = r < switchOn ? LocalSize(generated, i, k) : switchSize[k];
                var deviation = Math.Abs(handWritten[i][k] - generated[i][k]);
                Assert.True(
                    deviation <= Tolerance * scale,
                    $"{kernel.Layout.OutputName(k)} at r = {r:R} Å: hand-written {handWritten[i][k]:R}, generated {generated[i][k]:R} ({deviation / scale:E2} of {scale:E3})");
            }
        }
    }

    /// <summary>The largest |output k| within <see cref="Neighbourhood"/> points of point i.</summary>
    private static double LocalSize(double[][] outputs, int i, int k)
    {
        var size = 0.0;
        for (var j = Math.Max(0, i - Neighbourhood); j <= Math.Min(Points, i + Neighbourhood); j++)
            size = Math.Max(size, Math.Abs(outputs[j][k]));
        return size;
    }

    private static double[] Evaluate(ScalarKernel kernel, double r, int count)
    {
        var values = new double[count];
        kernel(r, values);
        return values;
    }
}
