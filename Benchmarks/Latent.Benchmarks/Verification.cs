using System.Globalization;
using System.Runtime.Intrinsics;
using Latent.Cli.Bench.Kernels;
using Latent.Potentials;
using Latent.Symbolic;

namespace Latent.Benchmarks;

/// <summary>
/// Checks that every implementation the benchmarks time computes the same 32 numbers as the generated
/// kernel, so a speed-up is never bought with a wrong answer. Run at benchmark setup (throws on a
/// mismatch) and by the <c>verify</c> command (prints the deviations).
/// </summary>
internal static class Verification
{
    /// <summary>Allowed deviation from the generated kernel, relative to <see cref="Scale"/>.</summary>
    public const double Tolerance = 1e-12;

    private const double Ke = 14.3996454784;
    // NaCl.toml's fitted Born–Mayer prefactor and range.
    private const double ANaCl = 1345.3419062663322;
    private const double Rho = 0.3099584486262043;

    // Z_Na·Z_Cl + Z_Na·N_β + Z_Cl·N_α + N_α·N_β for the worst state pair (anion–anion): 7 + 8 + 14 + 16.
    private const double PointChargeWeight = 45.0;

    /// <summary>The largest scaled deviation of each implementation, and where the hand-written one peaks.</summary>
    public sealed record Report(double HandWritten, double WorstRadius, int WorstOutput, double Vector, double Interpreter, double ExpressionTrees);

    /// <summary>
    /// The size of the numbers the generated kernel adds up for output <paramref name="k"/> at r: it forms
    /// every C_αβ from point-charge-sized terms k_e·Z·N/r and subtracts the k_e q_α q_β / r tail, so its
    /// own rounding error is a few ulps of k_e·45/r (derivatives: /r²), not of the short-range result,
    /// which at 10 Å is 10⁻¹⁵ of that for the cation states. For the Born–Mayer term it is A e^{−r/ρ}
    /// (derivative: over ρ). Deviations are measured against this, so "1e-12" means about 10⁴ ulps of
    /// what the generated kernel actually computes with.
    /// </summary>
    public static double Scale(int k, double r)
    {
        var term = k % 16;
        var derivative = k >= 16;
        if (term < 9)
            return Ke * PointChargeWeight / r * (derivative ? 1.0 / r : 1.0);
        if (term == 9)
            return ANaCl * Math.Exp(-r / Rho) * (derivative ? 1.0 / Rho : 1.0);
        return 1.0; // the host densities are zero in NaCl.toml
    }

    /// <summary>
    /// Compares over 2 ≤ r ≤ 12.5 Å (past the cutoff too). The interpreter must agree bitwise with the
    /// scalar kernel (same operations in the same order, as the emitter promises); the vector kernel uses
    /// Vector256.Exp, which may differ from Math.Exp by an ulp, and the expression trees sum in a different
    /// order: both, and the hand-written kernel, within <see cref="Tolerance"/> of <see cref="Scale"/>.
    /// </summary>
    public static Report Run(int points = 2001)
    {
        var text = NaClPair.Text();
        var potential = NaClPair.Read(text);
        var program = NaClPair.Program(NaClPair.Kernels(text));
        var expressions = NaClPair.Expressions(potential);

        Span<double> generated = stackalloc double[NaClPair.Outputs];
        Span<double> hand = stackalloc double[NaClPair.Outputs];
        Span<double> lane = stackalloc double[NaClPair.Outputs];
        var lanes = new Vector256<double>[NaClPair.Outputs];
        double worstHand = 0, worstVector = 0, worstInterpreter = 0, worstTrees = 0, worstRadius = 0;
        var worstOutput = -1;
        for (var i = 0; i < points; i++)
        {
            var r = 2.0 + 10.5 * i / (points - 1);
            NaClKernels.Pair_Na_Cl(r, generated);
            HandWrittenNaCl.Pair(r, hand);
            var interpreted = StraightLine.evaluate(program, NaClPair.Lookup(r));
            var point = NaClPair.Point(r);
            for (var k = 0; k < NaClPair.Outputs; k++)
            {
                var scale = Scale(k, r);
                var handError = Deviation(hand[k], generated[k], scale);
                if (handError > worstHand)
                {
                    worstHand = handError;
                    worstRadius = r;
                    worstOutput = k;
                }
                if (BitConverter.DoubleToInt64Bits(interpreted[k]) != BitConverter.DoubleToInt64Bits(generated[k]))
                    worstInterpreter = Math.Max(worstInterpreter, Deviation(interpreted[k], generated[k], scale));
                if (i % 50 == 0)
                    worstTrees = Math.Max(worstTrees, Deviation(Evaluate.at(point, expressions[k]), generated[k], scale));
            }

            // Lane l of the vector kernel against the scalar kernel at lane l's distance.
            var radii = Vector256.Create(r, r + 0.25, r + 0.5, r + 0.75);
            NaClKernels.Pair_Na_ClVector(radii, lanes);
            for (var l = 0; l < 4; l++)
            {
                NaClKernels.Pair_Na_Cl(radii.GetElement(l), lane);
                for (var k = 0; k < NaClPair.Outputs; k++)
                    worstVector = Math.Max(worstVector, Deviation(lanes[k].GetElement(l), lane[k], Scale(k, radii.GetElement(l))));
            }
        }
        return new Report(worstHand, worstRadius, worstOutput, worstVector, worstInterpreter, worstTrees);
    }

    /// <summary>True when every implementation agrees within the tolerances of <see cref="Run"/>.</summary>
    public static bool Agrees(Report report) =>
        report.HandWritten <= Tolerance && report.Vector <= Tolerance && report.Interpreter == 0 && report.ExpressionTrees <= Tolerance;

    /// <summary>Throws unless every implementation agrees (used at benchmark setup).</summary>
    public static void Assert()
    {
        var report = Run(401);
        if (!Agrees(report))
            throw new InvalidOperationException("The Na–Cl implementations disagree: " + report);
    }

    /// <summary>
    /// Plain relative deviation |hand − generated| / |generated| of each output, worst over a distance range:
    /// shows where the generated kernel's tail cancellation costs digits.
    /// </summary>
    public static double[] Relative(double from, double to, int points = 1001)
    {
        Span<double> generated = stackalloc double[NaClPair.Outputs];
        Span<double> hand = stackalloc double[NaClPair.Outputs];
        var worst = new double[NaClPair.Outputs];
        for (var i = 0; i < points; i++)
        {
            var r = from + (to - from) * i / (points - 1);
            NaClKernels.Pair_Na_Cl(r, generated);
            HandWrittenNaCl.Pair(r, hand);
            for (var k = 0; k < NaClPair.Outputs; k++)
                if (hand[k] != generated[k])
                    worst[k] = Math.Max(worst[k], Math.Abs(hand[k] - generated[k]) / Math.Abs(generated[k]));
        }
        return worst;
    }

    private static double Deviation(double actual, double expected, double scale) =>
        actual == expected ? 0.0 : Math.Abs(actual - expected) / scale;

    /// <summary>The <c>verify</c> command: prints the report and returns the exit code.</summary>
    public static int Command()
    {
        var report = Run();
        var inv = CultureInfo.InvariantCulture;
        var layout = NaClKernels.Pair_Na_Cl_Layout;
        string Name(int k) => k < 0 ? "-" : layout.OutputName(k);
        // The electrostatics and the pair term, values and derivatives: the terms the hand-written kernel is about.
        bool Shown(int k) => (k < layout.TermCount ? k : k - layout.TermCount) <= layout.PairPotential;
        Console.WriteLine(string.Create(inv, $"hand-written vs generated:   max {report.HandWritten:E2} of scale (tolerance {Tolerance:E0}), output {Name(report.WorstOutput)} at r = {report.WorstRadius:F4} Å"));
        Console.WriteLine(string.Create(inv, $"Vector256 vs scalar:         max {report.Vector:E2} of scale"));
        Console.WriteLine(string.Create(inv, $"StraightLine.evaluate:       {(report.Interpreter == 0 ? "bitwise equal" : $"max {report.Interpreter:E2} of scale")}"));
        Console.WriteLine(string.Create(inv, $"Evaluate.at (trees):         max {report.ExpressionTrees:E2} of scale"));
        Console.WriteLine();
        Console.WriteLine("plain relative deviation |hand - generated| / |generated|, worst per range (0 = bitwise equal):");
        var ranges = new[] { (2.0, 4.0), (4.0, 7.0), (7.0, 10.0), (10.0, 12.0) };
        Console.WriteLine("output".PadRight(24) + string.Concat(ranges.Select(g => string.Create(inv, $"[{g.Item1:F0}, {g.Item2:F0}] Å").PadLeft(13))));
        var columns = ranges.Select(g => Relative(g.Item1, g.Item2)).ToArray();
        for (var k = 0; k < NaClPair.Outputs; k++)
            if (Shown(k))
                Console.WriteLine(Name(k).PadRight(24) + string.Concat(columns.Select(c => c[k].ToString("E1", inv).PadLeft(13))));
        var ok = Agrees(report);
        Console.WriteLine(ok ? "OK" : "MISMATCH");
        return ok ? 0 : 1;
    }
}
