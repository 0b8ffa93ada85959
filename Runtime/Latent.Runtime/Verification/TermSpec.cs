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
    /// <summary>Term k of a pair kernel with n terms: value k and r-derivative n + k.</summary>
    public static TermSpec Pair(string name, int k, int n)
    {
        string? states = null;
        var parts = name.Split('.');
        if (parts.Length == 3 && parts[0] == "c")
            states = parts[1] + ", " + parts[2];
        return new TermSpec(name, states, [k, n + k], [(k, n + k, name)]);
    }

    /// <summary>The embedding F, F′, F″: F′ checked against differences of F, F″ against differences of F′.</summary>
    public static TermSpec Embedding { get; } = new("F", null, [0, 1, 2], [(0, 1, "F′"), (1, 2, "F″")]);
}
