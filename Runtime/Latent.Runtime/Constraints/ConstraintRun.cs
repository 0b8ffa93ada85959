using Latent.Runtime.Engine.Solver;
using Latent.Runtime.Potentials;
using Latent.Symbolic;
using Latent.Symbolic.Components;
using Latent.Symbolic.Constraints;
using Latent.Symbolic.PotentialFile;

namespace Latent.Runtime.Constraints;

/// <summary>
/// Checks every constraint of a potential: the formula-level kinds in the symbolic checker, the
/// system-level ones through <see cref="EngineChecks"/> on the potential's kernels.
/// </summary>
public static class ConstraintRun
{
    /// <summary>The results for a shipped potential (by name) or a file (by path), in file order; each engine solve on at
    /// most <paramref name="threads"/> threads (null: every core).</summary>
    /// <exception cref="PotentialLoadException">The file cannot be found, read or compiled.</exception>
    public static IReadOnlyList<ConstraintResult> Check(string nameOrPath, int? threads = null) =>
        Check(nameOrPath, FunctionLibrary.table(), new PotentialLoader(), threads: threads);

    /// <summary>The results for a potential given as text and the kernels compiled from it (a fit checks every
    /// parameter set it tries this way, without compiling twice).</summary>
    /// <exception cref="PotentialLoadException">The text does not read.</exception>
    public static IReadOnlyList<ConstraintResult> Check(PotentialSource source, Latent.Runtime.Kernels.PotentialKernels kernels, int? threads = null)
    {
        var functions = FunctionLibrary.table();
        var potential = PotentialLoader.Read(source, functions);
        return ConstraintChecker.check(potential, functions, new EngineChecks(kernels, null, threads)).Concat(FiniteKernels.Check(potential, kernels)).ToArray();
    }

    /// <summary>
    /// The same, with the file's formulas read against another component library and the kernels
    /// from a given loader (tests: their own cache). A changed library reaches what the formulas say,
    /// the state densities among them, so tests can give a density no file can write (one that goes
    /// negative); the kernels are built with the shipped library whatever <paramref name="functions"/> says.
    /// <paramref name="solver"/> replaces the solver settings of the checks that test the solver (tests: a
    /// solver that misses a branch).
    /// </summary>
    internal static IReadOnlyList<ConstraintResult> Check(string nameOrPath, IReadOnlyDictionary<string, FunctionDefinition> functions, PotentialLoader loader, SolverOptions? solver = null, int? threads = null)
    {
        var source = PotentialSource.Resolve(nameOrPath);
        var potential = PotentialLoader.Read(source, functions);
        var kernels = loader.Load(nameOrPath);
        return ConstraintChecker.check(potential, functions, new EngineChecks(kernels, solver, threads)).Concat(FiniteKernels.Check(potential, kernels)).ToArray();
    }
}
