using Latent.Cli.Output;
using Latent.Runtime.Validation;

namespace Latent.Cli.Validate;

/// <summary>
/// An isolated atom's E(q) − E(0) between q = −1 and +1 in every potential that has the element, beside the exact
/// piecewise-linear line through the measured −EA, 0 and IP₁ (dashed).
/// </summary>
internal static class ChargeCurvePlot
{
    /// <summary>Writes the plot of <paramref name="curves"/> (one element, one curve per potential) to <paramref name="path"/>.</summary>
    public static void Write(string path, IReadOnlyList<(string Potential, ChargedAtomCurve Curve)> curves)
    {
        var first = curves[0].Curve;
        var plot = PlotFile.Create($"{first.Symbol} alone with its charge held at q  ·  θ = {Numbers.Short(first.Temperature)} eV");
        var line = plot.Add.ScatterLine(new[] { -1.0, 0, 1 }, new[] { first.Line.Value(-1), 0, first.Line.Value(1) }, PlotFile.Reference);
        (line.LineWidth, line.LinePattern, line.LegendText) = (2f, ScottPlot.LinePattern.Dashed,
            $"exact (PPLB): −EA = {Numbers.Short(-first.Line.ElectronAffinity, 5)} eV at q = −1, IP₁ = {Numbers.Short(first.Line.IonisationEnergy, 5)} eV at +1");
        for (var k = 0; k < curves.Count; k++)
        {
            var (potential, curve) = curves[k];
            var color = PlotFile.Series[k % PlotFile.Series.Length];
            var points = plot.Add.ScatterPoints(curve.Charges, curve.Energies, color);
            (points.MarkerSize, points.LegendText) = (7, $"{potential}: E(q) from the engine");
        }

        plot.XLabel($"charge q of {first.Symbol} (e)", size: 16);
        PlotFile.Label(plot.Axes.Left, "E(q) − E(0) (eV)");
        plot.Axes.SetLimitsX(-1.08, 1.08);
        PlotFile.Save(plot, path);
    }
}
