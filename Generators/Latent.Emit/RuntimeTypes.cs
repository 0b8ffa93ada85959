namespace Latent.Emit;

/// <summary>
/// The fully qualified names of the run-time types generated code constructs, in one place: a type
/// renamed or moved in the runtime is renamed here, and generated code that no longer matches fails
/// to compile (the generator's tests compile it) rather than failing at run time.
/// </summary>
public static class RuntimeTypes
{
    private const string Kernels = "global::Latent.Runtime.Kernels.";
    private const string SymbolicKernels = "global::Latent.Symbolic.Kernels.";

    /// <summary>Everything a potential's generated class hands to the runtime.</summary>
    public const string PotentialKernels = Kernels + "PotentialKernels";

    /// <summary>An element's description (symbol, mass, valence, states).</summary>
    public const string ElementDescription = Kernels + "ElementDescription";

    /// <summary>A basis state's description (name, charge, degeneracy, energy).</summary>
    public const string StateDescription = Kernels + "StateDescription";

    /// <summary>χ and J of a continuous-charge element.</summary>
    public const string ChargeParameters = Kernels + "ChargeParameters";

    /// <summary>The compiled kernels of one element pair.</summary>
    public const string PairKernel = Kernels + "PairKernel";

    /// <summary>The compiled embedding kernels of one element.</summary>
    public const string EmbeddingKernel = Kernels + "EmbeddingKernel";

    /// <summary>Which output of a pair kernel holds what (Latent.Symbolic's <c>PairLayout</c>).</summary>
    public const string PairLayout = SymbolicKernels + "PairLayout";
}
