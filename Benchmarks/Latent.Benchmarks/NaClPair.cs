using System.Reflection;
using System.Text;
using Latent.Emit;
using Latent.Runtime.Potentials;
using Latent.Symbolic;
using Latent.Symbolic.Components;
using Latent.Symbolic.Kernels;
using Latent.Symbolic.PotentialFile;
using Microsoft.FSharp.Collections;
using Microsoft.FSharp.Core;

namespace Latent.Benchmarks;

/// <summary>
/// The shipped NaCl potential as every baseline sees it: the file text (embedded in Latent.Runtime, so
/// the benchmarks run from any directory), the straight-line program of its Na–Cl pair kernel (the
/// program the generator printed as <c>NaClKernels.Pair_Na_Cl</c>), and the 32 expression trees that
/// program was built from.
/// </summary>
internal static class NaClPair
{
    public const int Outputs = 32;

    /// <summary>potentials/NaCl.toml as compiled into Latent.Runtime.</summary>
    public static string Text() => PotentialSource.Resolve("NaCl").Text;

    /// <summary>Parses the file; throws with the reader's messages if it does not read.</summary>
    public static Potential Read(string text)
    {
        var read = PotentialReader.readWith(FunctionLibrary.table(), text);
        if (read.IsError)
            throw new InvalidOperationException("NaCl.toml does not read: " + string.Join("; ", read.ErrorValue.Select(e => e.Message)));
        return read.ResultValue;
    }

    /// <summary>Every kernel of the potential, built as the generator builds them; throws with the problems if they do not build.</summary>
    public static KernelSet Kernels(string text)
    {
        var built = KernelPipeline.fromText(text);
        if (built.IsError)
            throw new InvalidOperationException("NaCl kernels do not build: " + string.Join("; ", built.ErrorValue.Select(e => e.Message)));
        return built.ResultValue;
    }

    /// <summary>The straight-line program of the Na–Cl pair.</summary>
    public static StraightLine.Program Program(KernelSet set) =>
        set.Pairs.Single(p => p.A == "Na" && p.B == "Cl").Program;

    /// <summary>
    /// The 16 switched Na–Cl terms and their r-derivatives with parameters folded in, in kernel output
    /// order: the expressions KernelSet lowers into the program (its private programFor, repeated here).
    /// </summary>
    public static IReadOnlyList<Expr> Expressions(Potential potential)
    {
        var pair = potential.Pairs.Single(p => p.A == "Na" && p.B == "Cl");
        var terms = KernelSetModule.pairTerms(potential, pair);
        if (terms.IsError)
            throw new InvalidOperationException("Na–Cl terms do not build");
        var s = KernelSetModule.@switch(potential);
        var bindings = new Dictionary<string, Expr>();
        foreach (var p in potential.Parameters)
            bindings[p.Name] = ExprModule.ofFloat(p.Value);
        var switched = terms.ResultValue.Select(t => ExprModule.product(ListModule.OfArray(new[] { t.Item2, s }))).ToList();
        var result = new List<Expr>();
        for (var order = 0; order <= 1; order++)
            foreach (var e in switched)
                result.Add(ExprModule.substitute(bindings, Differentiate.nth(order, "r", e)));
        return result;
    }

    /// <summary>Emitted C# of the whole potential as (path, text), ready for the run-time loader.</summary>
    public static IReadOnlyList<(string Path, string Text)> Sources(string text, KernelSet set, string @namespace)
    {
        return PotentialEmitter.Emit(set, SourceHash.ofText(text), @namespace).Select(s => (s.HintName, s.Text)).ToList();
    }

    /// <summary>The interpreter's lookup for a program whose one input is r.</summary>
    public static FSharpFunc<string, double> Lookup(double r) => FuncConvert.FromFunc<string, double>(_ => r);

    /// <summary>Evaluate.at's symbol values at one distance.</summary>
    public static FSharpMap<string, double> Point(double r) => MapModule.OfArray(new[] { Tuple.Create("r", r) });

    /// <summary>
    /// Distances in [2, 12] Å (seeded), the range a neighbour list feeds the kernel; about a fifth fall in
    /// the switching region, so the switch's selects see both outcomes.
    /// </summary>
    public static double[] Radii(int count, int seed = 20250101)
    {
        var random = new Random(seed);
        var radii = new double[count];
        for (var i = 0; i < count; i++)
            radii[i] = 2.0 + 10.0 * random.NextDouble();
        return radii;
    }

    /// <summary>The compiled-in Latent.Runtime assembly, for messages.</summary>
    public static Assembly RuntimeAssembly => typeof(Latent.Runtime.Kernels.PotentialKernels).Assembly;
}
