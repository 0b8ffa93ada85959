using Latent.Cli.Output;

namespace Latent.Cli.Tests;

/// <summary>The dimer plot's charge axis is framed so the charge curve passes clear of the marked minimum.</summary>
public sealed class DimerPlotTests
{
    private static double Fraction(double q, (double Low, double High) axis) => (q - axis.Low) / (axis.High - axis.Low);

    [Fact]
    public void A_charge_curve_through_a_low_marker_is_lifted_clear_of_it()
    {
        // Charges near 0 around R_e = 2.5 Å would run through a marker 10 % up the plot.
        double[] r = [2, 2.5, 3, 6, 9];
        double[] q = [0.02, 0.0, 0.03, 0.5, 1.0];
        var axis = DimerPlot.ClearOf(r, q, re: 2.5, reach: 1.0, markerFraction: 0.1, qLow: -0.1, qHigh: 1.1);
        Assert.True(axis.Low < -0.1);
        Assert.Equal(1.1, axis.High);
        foreach (var charge in q.Take(3))
            Assert.True(Fraction(charge, axis) >= 0.1 + DimerPlot.Clearance - 1e-12, $"{charge} is at {Fraction(charge, axis)}");
    }

    [Fact]
    public void A_high_marker_pushes_the_nearby_curve_below_it_and_a_clear_curve_is_left_alone()
    {
        double[] r = [2, 2.5, 3];
        double[] q = [0.9, 0.95, 0.9];
        var axis = DimerPlot.ClearOf(r, q, re: 2.5, reach: 1.0, markerFraction: 0.9, qLow: -0.1, qHigh: 1.1);
        Assert.All(q, charge => Assert.True(Fraction(charge, axis) <= 0.9 - DimerPlot.Clearance + 1e-12));

        // Already far from the marker: the limits do not change.
        Assert.Equal((-0.1, 1.1), DimerPlot.ClearOf(r, q, re: 2.5, reach: 1.0, markerFraction: 0.1, qLow: -0.1, qHigh: 1.1));
    }
}
