using Latent.Cli.Output;

namespace Latent.Cli.Validate;

/// <summary>
/// A crystal's energy per atom against the separated atoms as its volume is scaled about the potential's own V₀, in
/// every potential that has it, with experiment's point (V_exp/V₀, −E per atom) marked and its a₀ as a dashed line.
/// </summary>
internal static class EnergyVolumePlot
{
    /// <summary>Writes the plot of <paramref name="crystals"/> (one system, one curve per potential) to <paramref name="path"/>.</summary>
    public static void Write(string path, IReadOnlyList<(string Potential, SystemMeasurement Crystal)> crystals, ExperimentalData experiment)
    {
        var system = crystals[0].Crystal.System;
        var plot = PlotFile.Create($"{system.Title}: energy against volume");
        var a = experiment.Find(system.Key, "lattice_constant");
        var binding = ValidationTables.ExperimentPerAtom(system, experiment);
        for (var k = 0; k < crystals.Count; k++)
        {
            var (potential, crystal) = crystals[k];
            var curve = crystal.EnergyVolume!;
            var color = PlotFile.Series[k % PlotFile.Series.Length];
            var line = plot.Add.ScatterLine(curve.Ratios, curve.Energies, color);
            (line.LineWidth, line.LegendText) = (2.5f, $"{potential}: a₀ = {Numbers.Fixed(curve.LatticeConstant, 4)} Å at V₀");
            if (a is null)
                continue;
            var ratio = Math.Pow(a.Value / curve.LatticeConstant, 3);
            var marker = plot.Add.VerticalLine(ratio, 1.5f, color, ScottPlot.LinePattern.Dashed);
            marker.LegendText = $"experiment's a₀ = {ValidationTables.Experiment(a.Value)} Å ({a.Source.Short}), in {potential}'s V/V₀";
            if (binding is { } e)
            {
                var point = plot.Add.Marker(ratio, e, ScottPlot.MarkerShape.FilledDiamond, 12, PlotFile.Reference);
                point.LegendText = $"experiment: {ValidationTables.Experiment(e)} eV per atom at its a₀";
            }
        }

        plot.XLabel("V/V₀ (V₀: the potential's zero-stress volume)", size: 16);
        PlotFile.Label(plot.Axes.Left, "energy per atom against the neutral atoms (eV)");
        PlotFile.Save(plot, path);
    }
}
