using Latent.Runtime.Potentials;
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
    /// <summary>The results for a shipped potential (by name) or a file (by path), in file order.</summary>
    /// <exception cref="PotentialLoadException">The file cannot be found, read or compiled.</exception>
    public static IReadOnlyList<ConstraintResult> Check(string nameOrPath)
    {
        var source = PotentialSource.Resolve(nameOrPath);
        var potential = PotentialLoader.Read(source);
        var kernels = new PotentialLoader().Load(nameOrPath);
        return ConstraintChecker.check(potential, FunctionLibrary.table(), new EngineChecks(kernels)).ToArray();
    }
}
