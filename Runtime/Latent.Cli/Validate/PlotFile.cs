using Latent.Cli.Output;
using ScottPlot;

namespace Latent.Cli.Validate;

/// <summary>Writes a validation plot as a PNG of <see cref="DimerPlot"/>'s size, atomically, and disposes it.</summary>
internal static class PlotFile
{
    /// <summary>Energy, charge and reference lines: the colours <see cref="DimerPlot"/> uses for the same quantities.</summary>
    public static readonly Color Energy = Color.FromHex("#1f5fa8"), Charge = Color.FromHex("#d1495b"), Reference = Color.FromHex("#555555");

    /// <summary>A further curve's colour, by index (a second potential, a second element).</summary>
    public static readonly Color[] Series = [Color.FromHex("#1f5fa8"), Color.FromHex("#e07b00"), Color.FromHex("#2a9d55"), Color.FromHex("#7b3fa0")];

    /// <summary>Line patterns that tell potentials apart when colour tells quantities apart.</summary>
    public static readonly LinePattern[] Patterns = [LinePattern.Solid, LinePattern.Dashed, LinePattern.Dotted, LinePattern.DenselyDashed];

    /// <summary>A new plot in the project's sans-serif face, with its title.</summary>
    public static Plot Create(string title)
    {
        var plot = new Plot();
        plot.Font.Set(DimerPlot.SansFont());
        plot.Title(title, size: 18);
        plot.Grid.MajorLineColor = Colors.Black.WithAlpha(0.08);
        return plot;
    }

    /// <summary>Labels an axis in its colour at the size the dimer plot uses.</summary>
    public static void Label(IAxis axis, string text, Color? color = null)
    {
        axis.Label.Text = text;
        axis.Label.FontSize = 16;
        if (color is { } c)
        {
            axis.Label.ForeColor = c;
            axis.TickLabelStyle.ForeColor = c;
        }
    }

    /// <summary>Renders <paramref name="plot"/> to <paramref name="path"/> and disposes it.</summary>
    /// <exception cref="UserError">The file cannot be written.</exception>
    public static void Save(Plot plot, string path)
    {
        byte[] png;
        try
        {
            plot.ShowLegend(Edge.Bottom);
            plot.Legend.FontSize = 14;
            png = plot.GetImageBytes(DimerPlot.Width, DimerPlot.Height, ImageFormat.Png);
        }
        finally
        {
            plot.Dispose();
        }

        try
        {
            AtomicFile.WriteAllBytes(path, png);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"--plots: cannot write '{path}': {error.Message}");
        }
    }
}
