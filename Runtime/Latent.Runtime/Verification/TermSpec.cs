using Latent.Symbolic.Kernels;

namespace Latent.Runtime.Verification;

/// <summary>
/// A term of a kernel: the outputs that belong to it, and which of them are derivatives of which
/// (each such pair is one <c>derivative</c> property, named by its label).
/// </summary>
/// <param name="Name">The term: <c>c.cation.anion</c>, <c>phi</c>, <c>fB.neutral</c>, or <c>F</c>.</param>
/// <param name="States">The states of a <c>c.α.β</c> term, <c>α, β</c>; else null.</param>
/// <param name="Outputs">Indices of the term's outputs in the kernel's layout.</param>
/// <param name="Derivatives">(value output, derivative output, label of the derivative property).</param>
internal sealed record TermSpec(string Name, string? States, int[] Outputs, (int Value, int Derivative, string Label)[] Derivatives)
{
    /// <summary>Value <paramref name="k"/> of a pair kernel and its r-derivative, where the layout puts them.</summary>
    public static TermSpec Pair(PairLayout layout, int k)
    {
        var name = layout.TermName(k);
        var states = layout.Term(k) is PairTerm.Electrostatics c ? layout.StatesA[c.alpha] + ", " + layout.StatesB[c.beta] : null;
        var derivative = layout.Derivative(k);
        return new TermSpec(name, states, [k, derivative], [(k, derivative, name)]);
    }

    /// <summary>The embedding F, F′, F″: F′ checked against differences of F, F″ against differences of F′.</summary>
    public static TermSpec Embedding { get; } = new(
        EmbeddingLayout.OutputName(EmbeddingLayout.Value), null,
        [EmbeddingLayout.Value, EmbeddingLayout.Slope, EmbeddingLayout.Curvature],
        [
            (EmbeddingLayout.Value, EmbeddingLayout.Slope, EmbeddingLayout.OutputName(EmbeddingLayout.Slope)),
            (EmbeddingLayout.Slope, EmbeddingLayout.Curvature, EmbeddingLayout.OutputName(EmbeddingLayout.Curvature)),
        ]);
}
