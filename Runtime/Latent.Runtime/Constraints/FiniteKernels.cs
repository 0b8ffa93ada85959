using System.Globalization;
using Latent.Runtime.Kernels;
using Latent.Runtime.Neighbours;
using Latent.Symbolic;
using Latent.Symbolic.Constraints;
using Latent.Symbolic.Kernels;
using Latent.Symbolic.PotentialFile;
using Microsoft.FSharp.Collections;

namespace Latent.Runtime.Constraints;

/// <summary>
/// The <c>finite</c> check of <c>latent check</c>: every output of every pair kernel over (r_min, cutoff] and
/// of every embedding over its range of host densities must be finite, or the engine will refuse the
/// configurations that reach it. A failure names the output by the kernel's own layout, the distance or
/// density, and the subexpression of the file's formula (parameters still by name) where the NaN or
/// infinity is born.
/// </summary>
public static class FiniteKernels
{
    /// <summary>The constraint's name in the report.</summary>
    public const string Name = "finite";

    /// <summary>Smallest distance sampled (Å): far below any bond, so a pole the kernel has inside its range shows.</summary>
    public const double MinimumDistance = 0.05;

    /// <summary>Samples over each range.</summary>
    public const int Samples = 2000;

    /// <summary>
    /// Neighbours and distance (Å) of the densest environment sampled: 12 neighbours at 1.5 Å, closer than
    /// any metal's, so an embedding is sampled beyond every crystal it will meet.
    /// </summary>
    public const int DenseNeighbours = 12;

    /// <summary>See <see cref="DenseNeighbours"/>.</summary>
    public const double DenseDistance = 1.5;

    /// <summary>One result per pair kernel and per element's embedding.</summary>
    public static IEnumerable<ConstraintResult> Check(Potential potential, PotentialKernels kernels)
    {
        var parameters = potential.Parameters.ToDictionary(p => p.Name, p => p.Value);
        foreach (var kernel in kernels.Pairs)
        {
            var (a, b) = (kernels.Elements[kernel.A].Symbol, kernels.Elements[kernel.B].Symbol);
            var label = $"{a}-{b}";
            var found = FirstNonFinite(kernel.Scalar, kernel.OutputCount, Distances(kernels.Cutoff));
            if (found is not { } bad)
            {
                yield return Passed(label, $"every output finite for r in [{MinimumDistance}, {Show(kernels.Cutoff)}] Å");
                continue;
            }

            var output = kernel.Layout.OutputName(bad.Output);
            var spec = potential.Pairs.FirstOrDefault(p => (p.A == a && p.B == b) || (p.A == b && p.B == a));
            var culprit = spec is null ? null : PairCulprit(potential, spec, kernel.Layout, bad.Output, parameters, "r", bad.At);
            yield return Failed(label, bad.At, $"{output} is {Show(bad.Value)} at r = {Show(bad.At)} Å{culprit}");
        }

        foreach (var embedding in kernels.Embeddings)
        {
            var element = kernels.Elements[embedding.Element].Symbol;
            var rhoMax = DenseDensity(kernels, embedding.Element);
            var found = FirstNonFinite(embedding.Scalar, EmbeddingLayout.OutputCount, Densities(rhoMax));
            if (found is not { } bad)
            {
                yield return Passed(element, $"F, F' and F'' finite for rho in [0, {Show(rhoMax)}]");
                continue;
            }

            var output = EmbeddingLayout.OutputName(bad.Output);
            var formula = potential.Element(element).Embedding.Expr;
            var expression = bad.Output == EmbeddingLayout.Value ? formula : Differentiate.nth(bad.Output, "rho", formula);
            yield return Failed(element, bad.At, $"{output} is {Show(bad.Value)} at rho = {Show(bad.At)}{Culprit(expression, parameters, "rho", bad.At)}");
        }
    }

    private static (int Output, double At, double Value)? FirstNonFinite(ScalarKernel kernel, int outputs, IEnumerable<double> points)
    {
        var values = new double[outputs];
        foreach (var x in points)
        {
            kernel(x, values);
            for (var k = 0; k < outputs; k++)
            {
                if (!double.IsFinite(values[k]))
                    return (k, x, values[k]);
            }
        }

        return null;
    }

    private static IEnumerable<double> Distances(double cutoff) =>
        Enumerable.Range(0, Samples + 1).Select(i => MinimumDistance + (cutoff - MinimumDistance) * i / Samples);

    private static IEnumerable<double> Densities(double rhoMax) =>
        Enumerable.Range(0, Samples + 1).Select(i => rhoMax * i / Samples);

    /// <summary><see cref="DenseNeighbours"/> times the largest density any state of any element adds at this element at <see cref="DenseDistance"/> or beyond.</summary>
    private static double DenseDensity(PotentialKernels kernels, int element)
    {
        var most = 0.0;
        foreach (var kernel in kernels.Pairs.Where(k => k.A == element || k.B == element))
        {
            var values = new double[kernel.OutputCount];
            var outputs = kernel.A == element
                ? Enumerable.Range(0, kernel.Layout.StateCountB).Select(kernel.Layout.DensityAtA)
                : Enumerable.Range(0, kernel.Layout.StateCountA).Select(kernel.Layout.DensityAtB);
            var list = outputs.ToArray();
            foreach (var r in Distances(kernels.Cutoff).Where(r => r >= DenseDistance))
            {
                kernel.Scalar(r, values);
                foreach (var k in list)
                {
                    if (double.IsFinite(values[k]))
                        most = Math.Max(most, values[k]);
                }
            }
        }

        return DenseNeighbours * most;
    }

    private static string PairCulprit(Potential potential, PairSpec spec, PairLayout layout, int output, Dictionary<string, double> parameters, string variable, double at)
    {
        var terms = KernelSetModule.pairTerms(potential, spec);
        if (terms.IsError)
            return "";
        var value = output < layout.TermCount ? output : output - layout.TermCount;
        var name = layout.TermName(value);
        var term = terms.ResultValue.FirstOrDefault(t => t.Item1 == name);
        if (term is null)
            return "";
        var expression = output < layout.TermCount ? term.Item2 : Differentiate.withRespectTo(variable, term.Item2);
        return Culprit(expression, parameters, variable, at);
    }

    /// <summary>"; from ... " naming the subexpression where the formula first stops being finite, and its parameters.</summary>
    private static string Culprit(Expr expression, Dictionary<string, double> parameters, string variable, double at)
    {
        var values = parameters.Where(kv => expression.FreeSymbols.Contains(kv.Key)).Select(kv => Tuple.Create(kv.Key, kv.Value)).Append(Tuple.Create(variable, at));
        var missing = expression.FreeSymbols.Where(s => s != variable && !parameters.ContainsKey(s));
        if (missing.Any())
            return "";
        var found = Evaluate.firstNonFinite(MapModule.OfSeq(values), expression);
        if (found is null)
            return "";
        var (part, partValue) = found.Value;
        var named = part.FreeSymbols.Where(parameters.ContainsKey).Select(p => $"{p} = {Show(parameters[p])}").ToArray();
        var which = named.Length == 0 ? "" : $" (parameter{(named.Length > 1 ? "s" : "")} {string.Join(", ", named)})";
        return $": in the formula, {Infix.print(part)} is {Show(partValue)}{which}";
    }

    private static ConstraintResult Passed(string instance, string message) =>
        new(Name, instance, Name, "numeric", 0, 0, 0, 0, Outcome.Passed, $"{instance}: {message}");

    private static ConstraintResult Failed(string instance, double at, string message) =>
        new(Name, instance, Name, "numeric", at, double.NaN, double.PositiveInfinity, 0, Outcome.Failed, $"{instance}: {message}");

    private static string Show(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
