using Latent.Runtime.Engine;

namespace Latent.Runtime.Fitting.Measures;

/// <summary>
/// One evaluation and its derivatives in every fitted parameter (<c>[p]</c> first): the part of the engine's
/// parameter response the measurements use.
/// </summary>
/// <param name="Result">The evaluation.</param>
/// <param name="FreeEnergy">dA/dp.</param>
/// <param name="Forces">dF/dp, <c>[p][3 i + c]</c> (eV/Å per unit of p).</param>
/// <param name="Stress">dσ/dp, <c>[p][6]</c> (eV/Å³ per unit of p), null for a cluster.</param>
/// <param name="Charges">dq/dp, <c>[p][i]</c>.</param>
public sealed record StructureResponse(CalculationResult Result, double[] FreeEnergy, double[][] Forces, double[][]? Stress, double[][] Charges);
