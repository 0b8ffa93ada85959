using ScottPlot;
using SkiaSharp;

namespace Latent.Cli.Output;

/// <summary>
/// <c>md --plot</c> and <c>relax --plot</c>: a PNG of panels stacked over one step axis — free energy A,
/// temperature (md) and max |F| (logarithmic for a relaxation, whose forces fall by decades) — drawn
/// in the dimer plot's face and colours.
/// </summary>
public static class RunPlot
{
    private const int PanelHeight = 330;

    private static readonly Color EnergyColor = Color.FromHex("#1f5fa8");
    private static readonly Color TemperatureColor = Color.FromHex("#d1495b");
    private static readonly Color ForceColor = Color.FromHex("#2a9d55");

    /// <exception cref="UserError">The file cannot be written.</exception>
    public static void Write(string path, string title, RunHistory history, bool relaxation)
    {
        var steps = history.Steps.Select(s => (double)s).ToArray();
        var panels = new List<byte[]>();
        panels.Add(Panel(title, steps, history.Energy.ToArray(), "free energy A (eV)", EnergyColor, log: false, xLabel: null));
        if (history.Temperature.Count > 0)
        {
            panels.Add(Panel(null, steps, history.Temperature.ToArray(), "temperature (K)", TemperatureColor, log: false, xLabel: null));
        }

        panels.Add(Panel(null, steps, history.MaxForce.ToArray(), relaxation ? "max |F| (eV/Å, log scale)" : "max |F| (eV/Å)", ForceColor, log: relaxation, xLabel: "step"));

        byte[] png;
        using (var surface = SKSurface.Create(new SKImageInfo(DimerPlot.Width, PanelHeight * panels.Count)))
        {
            surface.Canvas.Clear(SKColors.White);
            for (var k = 0; k < panels.Count; k++)
            {
                using var bitmap = SKBitmap.Decode(panels[k]);
                surface.Canvas.DrawBitmap(bitmap, 0, k * PanelHeight);
            }

            using var image = surface.Snapshot();
            using var data = image.Encode(SKEncodedImageFormat.Png, 100);
            png = data.ToArray();
        }

        try
        {
            AtomicFile.WriteAllBytes(path, png);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"--plot: cannot write '{path}': {error.Message}");
        }
    }

    /// <exception cref="UserError">A path that does not end in .png, said before the run rather than after it.</exception>
    public static void RequirePng(string path)
    {
        if (!string.Equals(Path.GetExtension(path), ".png", StringComparison.OrdinalIgnoreCase))
        {
            throw new UserError($"--plot: '{path}' must end in .png (the plot is written as PNG)");
        }
    }

    private static byte[] Panel(string? title, double[] steps, double[] values, string label, Color color, bool log, string? xLabel)
    {
        using var plot = new Plot();
        plot.Font.Set(DimerPlot.SansFont());
        if (title is not null)
        {
            plot.Title(title, size: 16);
        }

        // A force of exactly zero has no logarithm: drawn at the floor of the axis instead.
        var shown = log ? values.Select(v => Math.Log10(Math.Max(v, 1e-12))).ToArray() : values;
        var line = plot.Add.ScatterLine(steps, shown, color);
        line.LineWidth = 2;
        line.MarkerSize = steps.Length <= 60 ? 4 : 0;
        if (log)
        {
            // Whole decades when the forces fall by more than one and a half; else the automatic steps, as values.
            static string Label(double y) => Numbers.Short(Math.Pow(10, y), 2);
            var decades = shown.Max() - shown.Min();
            plot.Axes.Left.TickGenerator = decades > 1.5
                ? new ScottPlot.TickGenerators.NumericFixedInterval(1) { LabelFormatter = Label }
                : new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = Label };
        }

        plot.Axes.Left.Label.Text = label;
        plot.Axes.Left.Label.FontSize = 14;
        plot.Axes.Left.Label.ForeColor = color;
        if (xLabel is not null)
        {
            plot.XLabel(xLabel, size: 14);
        }

        if (steps.Length == 1)
        {
            plot.Axes.SetLimitsX(steps[0] - 1, steps[0] + 1);
        }

        plot.Grid.MajorLineColor = Colors.Black.WithAlpha(0.08);
        // Panels share one step axis: the same left margin keeps them lined up.
        plot.Layout.Fixed(new PixelPadding(90, 30, xLabel is null ? 20 : 50, title is null ? 15 : 45));
        return plot.GetImageBytes(DimerPlot.Width, PanelHeight, ImageFormat.Png);
    }
}
