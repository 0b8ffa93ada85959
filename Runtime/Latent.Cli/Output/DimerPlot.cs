using Latent.Cli.Dimer;
using ScottPlot;

namespace Latent.Cli.Output;

/// <summary>
/// The dissociation curve as a PNG: free energy against distance on the left axis, the charge of
/// the first atom on the right axis, and a dashed marker at the ionic–covalent crossing estimate.
/// It is usually the first thing a user looks at, so the axes are labelled with units and the
/// energy axis is framed on the well and the plateau rather than the steep repulsive wall.
/// </summary>
public static class DimerPlot
{
    public const int Width = 1000;
    public const int Height = 660;

    private static readonly Color EnergyColor = Color.FromHex("#1f5fa8");
    private static readonly Color ChargeColor = Color.FromHex("#d1495b");
    private static readonly Color CrossingColor = Color.FromHex("#555555");

    public static void Write(string path, string symbolA, string symbolB, string potentialName, double? temperature, IReadOnlyList<DimerPoint> points, IonicCrossing? crossing)
    {
        var plot = Create(symbolA, symbolB, potentialName, temperature, points, crossing);
        byte[] png;
        try
        {
            png = plot.GetImageBytes(Width, Height, ImageFormat.Png);
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
            throw new UserError($"--plot: cannot write '{path}': {error.Message}");
        }
    }

    private static Plot Create(string symbolA, string symbolB, string potentialName, double? temperature, IReadOnlyList<DimerPoint> points, IonicCrossing? crossing)
    {
        var r = points.Select(p => p.R).ToArray();
        var energy = points.Select(p => p.FreeEnergy).ToArray();
        var charge = points.Select(p => p.Charges[0]).ToArray();

        var plot = new Plot();
        plot.Font.Set(SansFont());
        var model = temperature is { } theta ? $"θ = {Numbers.Short(theta, 4)} eV" : "continuous charges";
        plot.Title($"{symbolA}–{symbolB} dissociation curve  ·  potential {potentialName}, {model}", size: 18);

        var energyLine = plot.Add.ScatterLine(r, energy, EnergyColor);
        energyLine.LineWidth = 2.5f;
        energyLine.LegendText = temperature is null ? "energy E" : "free energy A";

        var chargeLine = plot.Add.ScatterLine(r, charge, ChargeColor);
        chargeLine.LineWidth = 2.5f;
        chargeLine.LegendText = $"charge of {symbolA}";
        chargeLine.Axes.YAxis = plot.Axes.Right;

        if (crossing is not null && crossing.Distance >= r[0] && crossing.Distance <= r[^1])
        {
            var marker = plot.Add.VerticalLine(crossing.Distance, 1.5f, CrossingColor, LinePattern.Dashed);
            marker.LegendText = $"ionic–covalent crossing estimate R_c = {Numbers.Fixed(crossing.Distance, 2)} Å";
        }

        var well = Array.IndexOf(energy, energy.Min());
        if (well > 0 && well < energy.Length - 1)
        {
            // A minimum inside the range is the bond: mark it with its length and depth.
            plot.Add.Marker(r[well], energy[well], MarkerShape.FilledCircle, 9, EnergyColor);
            var label = plot.Add.Text($"minimum: r = {Numbers.Fixed(r[well], 2)} Å, A = {Numbers.Short(energy[well], 3)} eV", r[well], energy[well]);
            label.LabelFontSize = 14;
            label.LabelFontColor = EnergyColor;
            // Text runs away from the nearer edge, so it stays inside the axes.
            var rightHalf = r[well] > 0.5 * (r[0] + r[^1]);
            label.LabelAlignment = rightHalf ? Alignment.MiddleRight : Alignment.MiddleLeft;
            label.OffsetX = rightHalf ? -12 : 12;
        }

        plot.XLabel($"{symbolA}–{symbolB} distance r (Å)", size: 16);
        plot.Axes.Left.Label.Text = "free energy A (eV)";
        plot.Axes.Left.Label.FontSize = 16;
        plot.Axes.Left.Label.ForeColor = EnergyColor;
        plot.Axes.Left.TickLabelStyle.ForeColor = EnergyColor;
        plot.Axes.Right.Label.Text = $"charge of {symbolA} (e)";
        plot.Axes.Right.Label.FontSize = 16;
        plot.Axes.Right.Label.ForeColor = ChargeColor;
        plot.Axes.Right.TickLabelStyle.ForeColor = ChargeColor;

        // A one-point "curve" still gets an x range to draw in.
        plot.Axes.SetLimitsX(r[0] - (r.Length == 1 ? 0.5 : 0), r[^1] + (r.Length == 1 ? 0.5 : 0));
        var (low, high) = EnergyLimits(energy);
        plot.Axes.SetLimitsY(low, high, plot.Axes.Left);
        // ScottPlot packs ticks as densely as the labels allow; fewer read faster.
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { TargetTickCount = 8 };
        var (qLow, qHigh) = ChargeLimits(charge);
        plot.Axes.SetLimitsY(qLow, qHigh, plot.Axes.Right);
        // Charges read best at round fractions of e; the automatic ticks crowd the axis in steps of 0.05.
        plot.Axes.Right.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(qHigh - qLow > 1.6 ? 0.5 : 0.25);

        plot.Grid.MajorLineColor = Colors.Black.WithAlpha(0.08);
        // Outside the data area, so no curve is ever hidden behind it.
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.FontSize = 14;
        return plot;
    }

    /// <summary>
    /// ScottPlot's own choice of a sans-serif face can land on a serif one (it does with only DejaVu
    /// installed), so take the first common sans family the system has.
    /// </summary>
    internal static string SansFont()
    {
        var installed = SkiaSharp.SKFontManager.Default.FontFamilies.ToHashSet(StringComparer.OrdinalIgnoreCase);
        string[] preferred = ["DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial", "Helvetica", "Segoe UI", "Open Sans", "Roboto"];
        return preferred.FirstOrDefault(installed.Contains) ?? Fonts.Sans;
    }

    /// <summary>From a little below the well to a little above the far end, so the repulsive wall at short r
    /// (tens of eV) does not flatten the part that matters; the whole range when the curve has no well.</summary>
    private static (double Low, double High) EnergyLimits(double[] energy)
    {
        var min = energy.Min();
        var max = energy.Max();
        var far = energy[^1];
        var span = Math.Max(far - min, 1e-3);
        var high = Math.Min(max, far + 0.6 * span);
        var low = min - 0.08 * span;
        if (high <= low)
        {
            high = low + 1;
        }

        return (low, high + 0.08 * span);
    }

    /// <summary>At least one unit of charge from 0 towards the charges taken, so a neutral curve reads as
    /// "0 of a possible 1" rather than noise magnified, with some air around it.</summary>
    private static (double Low, double High) ChargeLimits(double[] charge)
    {
        var low = Math.Min(0, charge.Min());
        var high = Math.Max(0, charge.Max());
        if (high - low < 1)
        {
            if (-low > high)
            {
                low = high - 1;
            }
            else
            {
                high = low + 1;
            }
        }

        var span = high - low;
        return (low - 0.08 * span, high + 0.08 * span);
    }
}
