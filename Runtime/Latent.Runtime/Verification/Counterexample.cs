namespace Latent.Runtime.Verification;

/// <summary>
/// The shrunk failing case of a property: where (<see cref="Variable"/> = <see cref="At"/>), which
/// output, the reference number and the generated one. For system properties <see cref="Case"/>
/// describes the structure and <see cref="At"/> is the step used.
/// </summary>
/// <param name="Potential">The potential's name.</param>
/// <param name="Pair">Element pair (<c>Na-Cl</c>), element (embeddings), or <c>system</c>.</param>
/// <param name="States">The two states of a <c>c.α.β</c> term (<c>cation, anion</c>), else null.</param>
/// <param name="Term">The term (<c>c.cation.anion</c>, <c>phi</c>, <c>F</c>, <c>forces</c>).</param>
/// <param name="Output">The output compared, e.g. <c>d/dr c.cation.anion</c>.</param>
/// <param name="Variable"><c>r</c>, <c>rho</c> or a description of the structure variable.</param>
/// <param name="At">The variable's value.</param>
/// <param name="Reference">What the output should be (difference, interpreter, scalar or build-time code).</param>
/// <param name="Generated">What the generated code computed.</param>
/// <param name="Case">The structure of a system property, or an exception's message.</param>
public sealed record Counterexample(
    string Potential, string Pair, string? States, string Term, string Output, string Variable, double At,
    double Reference, double Generated, string? Case = null)
{
    /// <summary>Generated minus reference.</summary>
    public double Difference => Generated - Reference;
}
