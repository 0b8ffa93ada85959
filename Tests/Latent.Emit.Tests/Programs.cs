using FsCheck;
using FsCheck.Fluent;
using Latent.Symbolic;
using Microsoft.FSharp.Collections;
using Microsoft.FSharp.Core;
using E = Latent.Symbolic.ExprModule;
using SlProgram = Latent.Symbolic.StraightLine.Program;

namespace Latent.Emit.Tests;

/// <summary>Programs for the tests, built with the F# smart constructors, and FsCheck generators of random ones.</summary>
internal static class Programs
{
    public static Expr Sym(string name) => E.symbol(name);

    public static Expr Num(int i) => E.ofInt(i);

    public static Expr Sum(params Expr[] terms) => E.sum(terms);

    public static Expr Product(params Expr[] factors) => E.product(factors);

    public static SlProgram Build(params (string Name, Expr Value)[] outputs) =>
        StraightLine.build(ListModule.OfSeq(outputs.Select(o => Tuple.Create(o.Name, o.Value))));

    /// <summary>The reference interpreter at one point (inputs by name).</summary>
    public static double[] Evaluate(SlProgram program, IReadOnlyDictionary<string, double> point) =>
        StraightLine.evaluate(program, FuncConvert.FromFunc<string, double>(name => point[name]));

    /// <summary>exp(-z r) (1 + z r) / r and its r-derivative: the small example of the golden test.</summary>
    public static SlProgram Screened()
    {
        Expr r = Sym("r"), z = Sym("z");
        var zr = E.mul(z, r);
        var f = E.divide(Product(E.exp(E.negate(zr)), E.add(E.one, zr)), r);
        return Build(("f", f), ("df_dr", Differentiate.withRespectTo("r", f)));
    }

    /// <summary>exp, log, sin and cos of one input: the functions whose vector versions are not bitwise exact.</summary>
    public static SlProgram VectorFunctions()
    {
        var x = Sym("x");
        return Build(("exp", E.exp(x)), ("log", E.log(x)), ("sin", E.sin(x)), ("cos", E.cos(x)));
    }

    /// <summary>A comparison used both as a select condition and as a number (mask and 1.0/0.0 in SIMD).</summary>
    public static SlProgram MaskAndValue()
    {
        Expr x = Sym("x"), y = Sym("y"), z = Sym("z");
        var less = E.compare(Relation.Less, x, y);
        return Build(("mixed", Sum(E.select(less, x, z), Product(less, z))), ("flag", less), ("max", E.maximum(x, y)));
    }

    /// <summary>Selects on plain values (not comparisons): zero and -0.0 pick the second branch, anything else, NaN included, the first.</summary>
    public static SlProgram NonZeroCondition()
    {
        Expr x = Sym("x"), y = Sym("y"), z = Sym("z");
        return Build(("byX", E.@select(x, y, z)), ("byProduct", E.@select(Product(x, y), y, z)));
    }

    /// <summary>Inputs whose names clash with C# keywords, generated locals, the output span and types.</summary>
    public static SlProgram Clashes(out string[] inputOrder)
    {
        string[] names = { "Math", "a.b", "a_b", "if", "t0", "values", "\u03c1", "2x" };
        var value = names.Select((n, i) => Product(Num(i + 1), Sym(n))).ToArray();
        inputOrder = names.Reverse().ToArray();
        return Build(("sum", Sum(value)), ("product", Product(names.Select(Sym).ToArray())));
    }

    public static readonly string[] Variables = { "x", "y", "z" };

    private static readonly Func[] Funcs =
        { Func.Exp, Func.Log, Func.Sin, Func.Cos, Func.Tanh, Func.Erf, Func.Erfc, Func.Abs };

    private static readonly Relation[] Relations =
        { Relation.Less, Relation.LessEqual, Relation.Greater, Relation.GreaterEqual };

    private static Gen<Expr> Leaf() =>
        Gen.Frequency(
            (5, Gen.Elements(Variables).Select(Sym)),
            (2, Gen.Choose(-5, 5).Select(Num)),
            (1, Gen.Choose(-9, 9).SelectMany(n => Gen.Choose(1, 6), (n, d) => E.rational(n, d))),
            // Many significant digits, so literals must round-trip.
            (1, Gen.Choose(-50000, 50000).Select(i => E.ofFloat(i / 997.0))),
            (1, Gen.Constant(E.pi)));

    /// <summary>
    /// Any expression over x, y, z: every function, every relation in selects and as numbers,
    /// integer, half-integer, rational and symbolic powers, quotients. Undefined places (log of a
    /// negative, 0^-1) are wanted: NaN and infinities must propagate exactly as in the interpreter.
    /// </summary>
    private static Gen<Expr> Any(int size)
    {
        if (size <= 0) return Leaf();
        var sub = Any(size / 2);
        var exponent = Gen.OneOf(
            Gen.Choose(-5, 5).Select(Num),
            Gen.Choose(-9, 9).SelectMany(n => Gen.Choose(1, 4), (n, d) => E.rational(n, d)),
            sub);
        var comparison =
            from r in Gen.Elements(Relations)
            from a in sub
            from b in sub
            select E.compare(r, a, b);
        return Gen.Frequency(
            (2, Leaf()),
            (3, Gen.Two(sub).Select(p => Sum(p.Item1, p.Item2))),
            (3, Gen.Two(sub).Select(p => Product(p.Item1, p.Item2))),
            (1, Gen.Two(sub).Select(p => E.subtract(p.Item1, p.Item2))),
            (1, Gen.Two(sub).Select(p => E.divide(p.Item1, p.Item2))),
            (2, sub.SelectMany(_ => exponent, (b, e) => E.pow(b, e))),
            (2, Gen.Elements(Funcs).SelectMany(_ => sub, (f, a) => E.apply(f, a))),
            (1, (from c in comparison from a in sub from b in sub select E.@select(c, a, b))),
            // Any value as a condition: non-zero, and NaN, select the first branch.
            (1, (from c in sub from a in sub from b in sub select E.@select(c, a, b))),
            (1, (from c in comparison from a in sub select Product(c, a))));
    }

    /// <summary>Lists of one to six random outputs, lowered together.</summary>
    public static Gen<SlProgram> AnyProgram() =>
        Gen.NonEmptyListOf(Gen.Sized(size => Any(Math.Min(size, 24))))
            .Select(es => Build(es.Take(6).Select((e, i) => ("out" + i, e)).ToArray()));

    /// <summary>Ordinary values, signed zeros, NaN, infinities, subnormals and huge numbers.</summary>
    public static Gen<double> Value() =>
        Gen.Frequency(
            (6, Gen.Choose(-30000, 30000).Select(i => i / 10007.0)),
            (2, Gen.Elements(0.0, -0.0, 1.0, -1.0, 0.5, 2.0)),
            (1, Gen.Elements(double.NaN, double.PositiveInfinity, double.NegativeInfinity, 5e-324, -1e-310, 1e300, -1e300, 710.0, -750.0)));

    /// <summary>A fixed-seed sample, so a failure reproduces.</summary>
    public static List<T> Sample<T>(Gen<T> gen, int count, ulong seed, int size = 30) =>
        Gen.Sample(gen, count, new Rnd(seed), size).ToList();
}
