using System.Globalization;
using Latent.Runtime.Kernels;

namespace Latent.Cli.Bench.Lammps;

/// <summary>
/// A pair term φ(r) = A·exp(−r/ρ) read back from a potential's kernels, for LAMMPS's <c>buck</c> style
/// (A, ρ, C = 0): the short-range repulsion coul/streitz lacks, the same as the potential's.
/// </summary>
/// <param name="A">Index of the first element (LAMMPS type A + 1).</param>
/// <param name="B">Index of the second element.</param>
/// <param name="Prefactor">A, eV.</param>
/// <param name="Range">ρ, Å.</param>
internal sealed record BornMayerTerm(int A, int B, double Prefactor, double Range)
{
    // Distances inside every switch and where the repulsion matters (nearest neighbours of salts).
    private static readonly double[] Samples = [2.0, 2.5, 3.0, 3.5, 4.0];

    /// <summary>The pair_coeff line for <c>pair_style hybrid/overlay … buck</c>.</summary>
    public string PairCoeff => string.Create(CultureInfo.InvariantCulture, $"pair_coeff {A + 1} {B + 1} buck {Prefactor:R} {Range:R} 0.0");

    /// <summary>φ of every element pair, read through the layout at two distances and checked at the others.</summary>
    /// <exception cref="ArgumentException">A φ that is not one exponential there (to 1e-9 relative).</exception>
    public static IReadOnlyList<BornMayerTerm> Read(PotentialKernels kernels)
    {
        var terms = new List<BornMayerTerm>();
        foreach (var pair in kernels.Pairs)
        {
            var outputs = new double[pair.OutputCount];
            var phi = Samples.Select(r =>
            {
                pair.Scalar(r, outputs);
                return outputs[pair.Layout.PairPotential];
            }).ToArray();
            var (r1, r2) = (Samples[0], Samples[^1]);
            var range = (r2 - r1) / Math.Log(phi[0] / phi[^1]);
            var prefactor = phi[0] * Math.Exp(r1 / range);
            for (var k = 0; k < Samples.Length; k++)
            {
                var model = prefactor * Math.Exp(-Samples[k] / range);
                if (!(range > 0) || !(Math.Abs(model - phi[k]) <= 1e-9 * Math.Abs(phi[k])))
                    throw new ArgumentException(
                        $"{kernels.Name}: φ of {kernels.Elements[pair.A].Symbol}-{kernels.Elements[pair.B].Symbol} is not a Born–Mayer exponential A·exp(−r/ρ) "
                        + $"(at {Samples[k]} Å it is {phi[k]:G6} eV, the exponential through {r1} and {r2} Å gives {model:G6})");
            }

            terms.Add(new BornMayerTerm(pair.A, pair.B, prefactor, range));
        }

        return terms;
    }
}
