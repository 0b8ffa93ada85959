using System.Globalization;
using System.Text.Json;

namespace Latent.Cli.Tests;

/// <summary>One point of <c>latent dimer --json</c>, read back.</summary>
public sealed record DimerCurvePoint(double R, double Energy, double[] Charges, double[][] Weights);

/// <summary>Runs <c>latent dimer --json</c> and reads its points.</summary>
public static class DimerCurve
{
    public static DimerCurvePoint[] Run(string a, string b, double from, double to, double step, params string[] extra)
    {
        string Text(double x) => x.ToString("R", CultureInfo.InvariantCulture);
        var run = CliRun.Of(["dimer", a, b, "--potential", "NaCl", "--from", Text(from), "--to", Text(to), "--step", Text(step), "--json", .. extra]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal("", run.Stderr);
        using var doc = JsonDocument.Parse(run.Stdout);
        return doc.RootElement.GetProperty("points").EnumerateArray().Select(p => new DimerCurvePoint(
            p.GetProperty("r").GetDouble(),
            p.GetProperty("energy").GetDouble(),
            p.GetProperty("charges").EnumerateArray().Select(q => q.GetDouble()).ToArray(),
            p.GetProperty("weights").EnumerateArray().Select(w => w.EnumerateArray().Select(x => x.GetDouble()).ToArray()).ToArray())).ToArray();
    }
}

/// <summary>The full default NaCl curve (1.5 to 20 Å in steps of 0.05 Å), computed once for the tests that read it.</summary>
public sealed class NaClCurve
{
    public DimerCurvePoint[] Points { get; } = DimerCurve.Run("Na", "Cl", 1.5, 20, 0.05);
}
