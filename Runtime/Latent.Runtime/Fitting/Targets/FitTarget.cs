namespace Latent.Runtime.Fitting.Targets;

/// <summary>
/// One <c>[[targets]]</c> entry: a property of a structure, the value(s) it should have (in the property's
/// canonical unit), how much it weighs, and what counts as meeting it.
/// </summary>
/// <param name="Label">How tables name it: "structure property" (and the atoms, for charges).</param>
/// <param name="Structure">The structure it is measured on.</param>
/// <param name="Property">What is measured.</param>
/// <param name="Values">The target value(s), canonical unit.</param>
/// <param name="Atoms">For charges: which atoms (0-based), in the order of <paramref name="Values"/>; null otherwise.</param>
/// <param name="Weight">w ≥ 0: each residual is √w·(value − target)/scale.</param>
/// <param name="Scale">The scale residuals are divided by (canonical unit): |target| for one non-zero number unless the
/// file gives one, 1 otherwise.</param>
/// <param name="Tolerance">What meets the target: |value − target| ≤ this (canonical unit; relative tolerances are
/// turned into absolute ones on reading), or null when the target has none.</param>
/// <param name="ToleranceText">The tolerance as written ("1%", "0.01 Å"), for tables.</param>
/// <param name="Source">Where the target value comes from, as the file says (optional).</param>
/// <param name="Line">Line of the entry in the targets file.</param>
public sealed record FitTarget(
    string Label,
    FitStructure Structure,
    TargetProperty Property,
    IReadOnlyList<double> Values,
    IReadOnlyList<int>? Atoms,
    double Weight,
    double Scale,
    double? Tolerance,
    string? ToleranceText,
    string? Source,
    int Line)
{
    /// <summary>Number of residuals this target contributes.</summary>
    public int Count => Values.Count;
}
