using Latent.Emit;
using Latent.Runtime.Kernels;
using Latent.Runtime.Potentials;
using Latent.Symbolic.Components;
using Latent.Symbolic.Kernels;
using Latent.Symbolic.PotentialFile;

namespace Latent.Runtime.Verification;

/// <summary>
/// Verifies the generated code of a potential with FsCheck properties: for every term of every pair
/// kernel and every embedding, the derivative against a Richardson difference, the generated code
/// against the interpreter, SIMD against scalar, build-time against run-time compiled code, and every
/// parameter gradient against a difference in the parameter; then forces and stress of random small
/// structures against energy differences. The code checked is the run-time compiled one; a shipped
/// potential's build-time class is checked bitwise against it, so both are covered.
/// </summary>
public sealed class PotentialVerifier
{
    private readonly PotentialLoader loader;

    /// <summary>A verifier compiling through <paramref name="loader"/> (default: the user's kernel cache).</summary>
    public PotentialVerifier(PotentialLoader? loader = null)
    {
        this.loader = loader ?? new PotentialLoader();
    }

    /// <summary>Checks every property of a shipped potential (by name) or a file (by path).</summary>
    /// <exception cref="PotentialLoadException">Unknown name, missing file, or a file with problems.</exception>
    public VerificationReport Verify(string nameOrPath, VerificationOptions? options = null) =>
        Verify(nameOrPath, options, perturbation: null);

    /// <summary>As <see cref="Verify(string, VerificationOptions?)"/>, checking code compiled with one output corrupted (tests of the verifier).</summary>
    internal VerificationReport Verify(string nameOrPath, VerificationOptions? options, OutputPerturbation? perturbation)
    {
        options ??= new VerificationOptions();
        if (options.Cases < 1)
            throw new ArgumentOutOfRangeException(nameof(options), "at least one case per property");
        var source = PotentialSource.Resolve(nameOrPath);
        var potential = PotentialLoader.Read(source);
        var set = PotentialLoader.BuildKernelSet(source);
        var underTest = perturbation is null ? loader.Load(nameOrPath, compileAtRunTime: true) : PotentialLoader.CompilePerturbed(source, perturbation);
        var buildTime = source.IsShipped ? loader.Load(source.Name) : null;
        var seed = options.Seed ?? (ulong)Random.Shared.NextInt64(0, long.MaxValue);

        var properties = new KernelProperties(source.Name, options, seed, new ShiftedPotentials(potential));
        var work = new List<(CheckedKernel Kernel, TermSpec Term)>();
        for (var i = 0; i < underTest.Pairs.Count; i++)
        {
            var kernel = Pair(set, underTest, buildTime, i);
            var layout = underTest.Pairs[i].Layout;
            for (var k = 0; k < layout.TermCount; k++)
                work.Add((kernel, TermSpec.Pair(layout, k)));
        }
        for (var i = 0; i < underTest.Embeddings.Count; i++)
            work.Add((Embedding(set, underTest, buildTime, i), TermSpec.Embedding));

        // Terms are independent: check them in parallel, report them in order.
        var parallel = work.AsParallel().AsOrdered();
        if (options.Threads is { } threads)
            parallel = parallel.WithDegreeOfParallelism(threads);
        var results = parallel.SelectMany(w => properties.Check(w.Kernel, w.Term).ToList()).ToList();
        results.AddRange(new SystemProperties(underTest, options, seed).Check());
        return new VerificationReport(source.Name, seed, options.Cases, results);
    }

    private static CheckedKernel Pair(KernelSet set, PotentialKernels underTest, PotentialKernels? buildTime, int i)
    {
        var program = set.Pairs[i];
        var kernel = underTest.Pairs[i];
        var other = buildTime?.Pairs[i];
        return new CheckedKernel
        {
            Label = $"{program.A}-{program.B}",
            Index = i,
            IsPair = true,
            Range = ArgumentRange.Distances(set.Cutoff),
            // 2 mÅ: a hundredth of the fastest decay length (Slater e^{−2ζr} with ζ ≈ 2.5/Å).
            Step = _ => 2e-3,
            Knots = [set.Cutoff - set.CutoffWidth, set.Cutoff],
            Kernel = kernel,
            BuildTime = other,
            Program = program.Program,
            GradientProgram = program.Gradient?.Value,
            Fitted = underTest.FittedParameters,
        };
    }

    private static CheckedKernel Embedding(KernelSet set, PotentialKernels underTest, PotentialKernels? buildTime, int i)
    {
        var program = set.Embeddings[i];
        var kernel = underTest.Embeddings[i];
        var other = buildTime?.Embeddings[i];
        return new CheckedKernel
        {
            Label = program.Symbol,
            Index = i,
            IsPair = false,
            Range = ArgumentRange.Densities,
            Step = rho => 1e-3 * rho,
            Knots = [],
            Kernel = kernel,
            BuildTime = other,
            Program = program.Program,
            GradientProgram = program.Gradient?.Value,
            Fitted = underTest.FittedParameters,
        };
    }
}
