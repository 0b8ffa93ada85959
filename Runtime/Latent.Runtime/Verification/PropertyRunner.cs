using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Collections;
using Microsoft.FSharp.Core;

namespace Latent.Runtime.Verification;

/// <summary>
/// Runs one property with FsCheck (replayable seed, fixed case count) and captures the outcome and the
/// shrunk argument through an <see cref="IRunner"/> instead of letting FsCheck print or throw.
/// </summary>
internal static class PropertyRunner
{
    /// <summary>What FsCheck found: cases judged, and the shrunk failing argument if any.</summary>
    public sealed record Outcome<T>(int Cases, bool Passed, T? Shrunk, string? Note);

    public static Outcome<T> Run<T>(Arbitrary<T> arbitrary, Func<T, Verdict> check, int cases, ulong seed)
    {
        var capture = new Capture();
        var config = Config.Quick
            .WithMaxTest(cases)
            .WithMaxRejected(20 * cases)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed), FSharpOption<int>.None)))
            .WithRunner(capture);
        var property = Prop.ForAll(arbitrary, x =>
        {
            var verdict = check(x);
            return Prop.When(verdict.Judged, () => verdict.Failure is null);
        });
        Check.One(config, property);
        return capture.Result switch
        {
            TestResult.Passed p => new Outcome<T>(p.Item1.NumberOfTests, true, default, null),
            TestResult.Failed f => new Outcome<T>(
                f.Item1.NumberOfTests, false, f.Item3.IsEmpty ? default : (T)f.Item3.Head,
                f.Item4 is FsCheck.Outcome.Failed e ? e.Item.Message : null),
            // Too few points where the reference could be computed: no evidence, which is a failure of the check.
            TestResult.Exhausted x => new Outcome<T>(x.Item.NumberOfTests, false, default, $"only {x.Item.NumberOfTests} of {cases} cases could be judged"),
            _ => throw new InvalidOperationException("FsCheck reported no result"),
        };
    }

    /// <summary>A seed per property, stable across runs and independent of how many properties come before it.</summary>
    public static ulong SeedFor(ulong seed, string key)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in key)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }
        return seed ^ hash;
    }

    private sealed class Capture : IRunner
    {
        public TestResult? Result { get; private set; }

        public void OnStartFixture(Type t)
        {
        }

        public void OnArguments(int ntest, FSharpList<object> args, FSharpFunc<int, FSharpFunc<FSharpList<object>, string>> every)
        {
        }

        public void OnShrink(FSharpList<object> args, FSharpFunc<FSharpList<object>, string> everyShrink)
        {
        }

        public void OnFinished(string name, TestResult testResult) => Result = testResult;
    }
}
