using Latent.Cli.Dimer;
using Latent.Runtime.Properties;
using ScottPlot;

namespace Latent.Cli.Output;

/// <summary>
/// The dissociation curve as a PNG: free energy against distance on the left axis, the charge of
/// the first atom on the right axis, and a dashed marker at the ionic–covalent crossing estimate.
/// It is usually the first thing a user looks at, so the axes are labelled with units and in their
/// curve's colour (which makes a legend unnecessary), the energy axis is framed on the well and the
/// plateau rather than the steep repulsive wall, the minimum marked is the refined R_e (not the nearest
/// grid point), and the charge axis is framed so the charge curve passes clear of that marker.
/// </summary>
public static class DimerPlot
{
    public const int Width = 1000;
    public const int Height = 660;

    private static readonly Color EnergyColor = Color.FromHex("#1f5fa8");
    private static readonly Color ChargeColor = Color.FromHex("#d1495b");
    private static readonly Color CrossingColor = Color.FromHex("#555555");

    public static void Write(string path, string symbolA, string symbolB, string potentialName, double? temperature, IReadOnlyList<DimerPoint> points, IonicCrossing? crossing, DimerProperties? properties)
    {
        var plot = Create(symbolA, symbolB, potentialName, temperature, points, crossing, properties);
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

    private static Plot Create(string symbolA, string symbolB, string potentialName, double? temperature, IReadOnlyList<DimerPoint> points, IonicCrossing? crossing, DimerProperties? properties)
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

        var chargeLine = plot.Add.ScatterLine(r, charge, ChargeColor);
        chargeLine.LineWidth = 2.5f;
        chargeLine.Axes.YAxis = plot.Axes.Right;

        var (low, high) = EnergyLimits(energy);
        if (crossing is not null && crossing.Distance >= r[0] && crossing.Distance <= r[^1])
        {
            // Labelled in place: a legend for one dashed line would be a mostly empty box.
            plot.Add.VerticalLine(crossing.Distance, 1.5f, CrossingColor, LinePattern.Dashed);
            // At the top beside the line, on the side with more room.
            var right = crossing.Distance < 0.6 * (r[0] + r[^1]);
            var text = plot.Add.Text($"R_c = {Numbers.Fixed(crossing.Distance, 2)} Å\nionic–covalent crossing estimate", crossing.Distance, high);
            text.LabelFontSize = 13;
            text.LabelFontColor = CrossingColor;
            text.LabelAlignment = right ? Alignment.UpperLeft : Alignment.UpperRight;
            text.OffsetX = right ? 6 : -6;
            text.OffsetY = 6;
        }

        // The refined minimum (R_e off the grid, solved afresh) is the bond; on the grid it would be up to half a step off.
        double? fraction = null;
        if (properties is not null)
        {
            var (re, ae) = (properties.Equilibrium, properties.EnergyAtEquilibrium);
            plot.Add.Marker(re, ae, MarkerShape.FilledCircle, 9, EnergyColor);
            var label = plot.Add.Text($"refined minimum\nR_e = {Numbers.Fixed(re, 3)} Å, A = {Numbers.Fixed(ae, 3)} eV", re, ae);
            label.LabelFontSize = 14;
            label.LabelFontColor = EnergyColor;
            // Text runs away from the nearer edge, so it stays inside the axes.
            var rightHalf = re > 0.5 * (r[0] + r[^1]);
            label.LabelAlignment = rightHalf ? Alignment.MiddleRight : Alignment.MiddleLeft;
            label.OffsetX = rightHalf ? -16 : 16;
            fraction = (ae - low) / (high - low);
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
        plot.Axes.SetLimitsY(low, high, plot.Axes.Left);
        // ScottPlot packs ticks as densely as the labels allow; fewer read faster.
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { TargetTickCount = 8 };
        var (qLow, qHigh) = ChargeLimits(charge);
        if (fraction is { } f && properties is not null)
        {
            (qLow, qHigh) = ClearOf(r, charge, properties.Equilibrium, 0.25 * (r[^1] - r[0]), f, qLow, qHigh);
        }

        plot.Axes.SetLimitsY(qLow, qHigh, plot.Axes.Right);
        // Charges read best at round fractions of e; the automatic ticks crowd the axis in steps of 0.05.
        plot.Axes.Right.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(qHigh - qLow > 1.6 ? 0.5 : 0.25);

        plot.Grid.MajorLineColor = Colors.Black.WithAlpha(0.08);
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

    /// <summary>Minimum clearance, as a fraction of the plot's height, between the marker and the charge curve near it.</summary>
    internal const double Clearance = 0.15;

    /// <summary>
    /// Charge-axis limits that keep the charge curve, within <paramref name="reach"/> of the minimum's distance,
    /// at least <see cref="Clearance"/> of the height away from the marker (at height <paramref name="markerFraction"/>):
    /// above it when the marker sits low (the usual well), below it otherwise, by widening the axis on the other side.
    /// </summary>
    internal static (double Low, double High) ClearOf(double[] r, double[] charge, double re, double reach, double markerFraction, double qLow, double qHigh)
    {
        var near = Enumerable.Range(0, r.Length).Where(i => Math.Abs(r[i] - re) <= reach).Select(i => charge[i]).ToArray();
        if (near.Length == 0)
        {
            return (qLow, qHigh);
        }

        if (markerFraction < 0.5)
        {
            // Every nearby charge at least t up the axis: (q − low)/(high − low) ≥ t.
            var t = Math.Min(markerFraction + Clearance, 0.95);
            return (Math.Min(qLow, near.Min(q => (q - t * qHigh) / (1 - t))), qHigh);
        }

        // Every nearby charge at most t up the axis: (q − low)/(high − low) ≤ t.
        var top = Math.Max(markerFraction - Clearance, 0.05);
        return (qLow, Math.Max(qHigh, near.Max(q => qLow + (q - qLow) / top)));
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
