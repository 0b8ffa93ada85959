using Latent.Cli.Output;

namespace Latent.Cli.Validate;

/// <summary>
/// A dimer pulled apart, in every potential that has the pair: the energy against the separated atoms on the left axis
/// (blue), the charge of the first atom on the right (red), one line pattern per potential, the ionic–covalent crossing
/// estimate dashed. A model that dissociates into neutral atoms drops its charge to zero near the crossing; one with
/// continuous charges keeps a fraction of an electron out to any distance.
/// </summary>
internal static class DissociationPlot
{
    /// <summary>Writes the plot of <paramref name="curves"/> (one pair) to <paramref name="path"/>.</summary>
    public static void Write(string path, IReadOnlyList<DissociationCurve> curves)
    {
        var (a, b) = (curves[0].A, curves[0].B);
        var plot = PlotFile.Create($"{a}–{b} pulled apart to {Numbers.Short(DissociationCurve.Longest)} Å");
        double low = 0, high = 0;
        for (var k = 0; k < curves.Count; k++)
        {
            var c = curves[k];
            var r = c.Points.Select(p => p.R).ToArray();
            var energy = c.Points.Select(p => p.FreeEnergy - c.SeparatedAtoms).ToArray();
            var pattern = PlotFile.Patterns[k % PlotFile.Patterns.Length];
            var e = plot.Add.ScatterLine(r, energy, PlotFile.Energy);
            (e.LineWidth, e.LinePattern, e.LegendText) = (2.5f, pattern, $"{c.Potential}: energy against the neutral atoms");
            var q = plot.Add.ScatterLine(r, c.Points.Select(p => p.Charges[0]).ToArray(), PlotFile.Charge);
            (q.LineWidth, q.LinePattern, q.LegendText) = (2.5f, pattern, $"{c.Potential}: charge of {a}");
            q.Axes.YAxis = plot.Axes.Right;
            low = Math.Min(low, energy.Min());
            high = Math.Max(high, energy[^1]);
        }

        if (curves[0].Crossing is { } crossing)
        {
            var marker = plot.Add.VerticalLine(crossing.Distance, 1.5f, PlotFile.Reference, ScottPlot.LinePattern.Dashed);
            marker.LegendText = $"ionic–covalent crossing estimate R_c = {Numbers.Fixed(crossing.Distance, 2)} Å";
        }

        plot.XLabel($"{a}–{b} distance r (Å)", size: 16);
        PlotFile.Label(plot.Axes.Left, "energy against the separated atoms (eV)", PlotFile.Energy);
        PlotFile.Label(plot.Axes.Right, $"charge of {a} (e)", PlotFile.Charge);
        plot.Axes.SetLimitsX(DissociationCurve.Shortest, DissociationCurve.Longest);
        // The well and the plateau, not the repulsive wall's tens of eV.
        var span = Math.Max(high - low, 0.5);
        plot.Axes.SetLimitsY(low - 0.08 * span, high + 0.5 * span, plot.Axes.Left);
        plot.Axes.SetLimitsY(-0.1, 1.1, plot.Axes.Right);
        plot.Axes.Right.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(0.25);
        PlotFile.Save(plot, path);
    }
}
