using System.Text.Json;
using Latent.Cli.Dimer;

namespace Latent.Cli.Tests;

/// <summary><c>latent dimer</c>: the NaCl dissociation curve (its physics and its independence of the path),
/// the JSON, text and PNG forms, and argument errors.</summary>
public sealed class DimerTests(NaClCurve curve) : IClassFixture<NaClCurve>, IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void JsonHasOnePointPerDistanceWithChargesAndWeightsOfBothAtoms()
    {
        var run = CliRun.Of("dimer", "Na", "Cl", "--potential", "NaCl", "--from", "2", "--to", "3", "--step", "0.25", "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var doc = JsonDocument.Parse(run.Stdout);
        var points = doc.RootElement.GetProperty("points").EnumerateArray().ToArray();
        Assert.Equal([2, 2.25, 2.5, 2.75, 3], points.Select(p => p.GetProperty("r").GetDouble()).ToArray());
        foreach (var p in points)
        {
            Assert.True(p.GetProperty("energy").GetDouble() < 0);
            Assert.Equal(2, p.GetProperty("charges").GetArrayLength());
            var weights = p.GetProperty("weights").EnumerateArray().ToArray();
            Assert.Equal(2, weights.Length);
            Assert.All(weights, w =>
            {
                Assert.Equal(3, w.GetArrayLength());
                Assert.Equal(1, w.EnumerateArray().Sum(x => x.GetDouble()), 10);
            });
        }
    }

    [Fact]
    public void DefaultGridRunsFromOneAndAHalfToTwentyAngstrom()
    {
        Assert.Equal(371, curve.Points.Length);
        Assert.Equal(1.5, curve.Points[0].R);
        Assert.Equal(20, curve.Points[^1].R);
        // Each r is what one would type: 1.5 + 17·0.05 is 2.35, not 2.3500000000000005.
        Assert.Equal(2.35, curve.Points[17].R);
    }

    [Fact]
    public void ChargesAreNeutralBeyondFifteenAngstrom()
    {
        var far = curve.Points.Where(p => p.R >= 15).ToArray();
        Assert.NotEmpty(far);
        Assert.All(far, p => Assert.True(Math.Abs(p.Charges[0]) < 0.01 && Math.Abs(p.Charges[1]) < 0.01, $"r = {p.R}: charges {p.Charges[0]}, {p.Charges[1]}"));
    }

    [Fact]
    public void TheBondIsIonicAtItsEquilibriumDistance()
    {
        var point = DimerCurve.Run("Na", "Cl", 2.36, 2.37, 0.01)[0];
        Assert.Equal(2.36, point.R);
        Assert.True(point.Charges[0] > 0.9, $"q(Na) = {point.Charges[0]}");
        Assert.True(point.Charges[1] < -0.9, $"q(Cl) = {point.Charges[1]}");
        Assert.Equal(0, point.Charges[0] + point.Charges[1], 10);
    }

    [Fact]
    public void ChargeSwitchesOffNearTheIonicCovalentCrossing()
    {
        // k_e/(IP_Na − EA_Cl) = 14.40/(5.1391 − 3.6127) = 9.43 Å; the neutral atoms' degeneracies lower the
        // covalent free energy by θ ln 12, which moves the switch somewhat inwards.
        var ionic = curve.Points.TakeWhile(p => Math.Abs(p.Charges[0]) >= 0.5).ToArray();
        var switchAt = curve.Points[ionic.Length].R;
        Assert.InRange(switchAt, 8.5, 10);
        Assert.All(ionic.Where(p => p.R >= 2), p => Assert.True(p.Charges[0] > 0.9, $"r = {p.R}: q(Na) = {p.Charges[0]}"));
        Assert.All(curve.Points.Where(p => p.R > switchAt), p => Assert.True(Math.Abs(p.Charges[0]) < 0.5, $"r = {p.R}: q(Na) = {p.Charges[0]}"));
    }

    [Fact]
    public void EnergyHasItsMinimumNearTwoPointThreeSixAngstrom()
    {
        var minimum = curve.Points.MinBy(p => p.Energy)!;
        Assert.InRange(minimum.R, 2.3, 2.4);
        // Far apart: two free neutral atoms, A = −θ ln(g_Na·g_Cl) = −0.025 ln 12.
        Assert.Equal(-0.025 * Math.Log(12), curve.Points[^1].Energy, 6);
    }

    [Theory]
    [InlineData(2.0, 2.5)]
    [InlineData(8.8, 9.3)]
    [InlineData(14.5, 15)]
    public void PointsDoNotDependOnTheRestOfTheCurve(double from, double to)
    {
        // A shorter scan, run from another start, gives exactly the numbers of the full one: no hysteresis.
        var part = DimerCurve.Run("Na", "Cl", from, to, 0.05);
        Assert.Equal(11, part.Length);
        foreach (var p in part)
        {
            var same = curve.Points.Single(q => q.R == p.R);
            Assert.Equal(same.Energy, p.Energy);
            Assert.Equal(same.Charges, p.Charges);
            Assert.Equal(same.Weights, p.Weights);
        }
    }

    [Theory]
    [InlineData(2.35)]
    [InlineData(9.05)]
    [InlineData(9.1)]
    public void EvalOfTheSameDimerGivesTheSameNumbers(double r)
    {
        var path = temp.Write("dimer.extxyz", Structures.Dimer("Na", "Cl", r));
        var run = CliRun.Of("eval", path, "--potential", "NaCl", "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var doc = JsonDocument.Parse(run.Stdout);
        var same = curve.Points.Single(q => q.R == r);
        Assert.Equal(same.Energy, doc.RootElement.GetProperty("energy").GetDouble());
        Assert.Equal(same.Charges, doc.RootElement.GetProperty("charges").EnumerateArray().Select(q => q.GetDouble()).ToArray());
    }

    [Fact]
    public void SwappingTheElementsMirrorsTheCurve()
    {
        var forward = DimerCurve.Run("Na", "Cl", 2, 12, 1);
        var backward = DimerCurve.Run("cl", "NA", 2, 12, 1);
        for (var k = 0; k < forward.Length; k++)
        {
            Assert.Equal(forward[k].Energy, backward[k].Energy, 9);
            Assert.Equal(forward[k].Charges[0], backward[k].Charges[1], 9);
            Assert.Equal(forward[k].Weights[0], backward[k].Weights[1], new ToleranceComparer(1e-9));
        }
    }

    [Fact]
    public void TextIsATableWithTheCrossingEstimate()
    {
        var run = CliRun.Of("dimer", "Na", "Cl", "--potential", "NaCl", "--from", "2", "--to", "12", "--step", "1");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal("", run.Stderr);
        var lines = run.Stdout.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.Equal("Na–Cl dimer, potential NaCl, θ = 0.025 eV: 11 points, r from 2 to 12 Å", lines[0]);
        Assert.Equal("ionic–covalent crossing estimate R_c = 14.40/(IP_Na − EA_Cl) = 14.40/(5.1391 − 3.6127) = 9.43 Å", lines[1]);
        Assert.Equal("", lines[2]);
        Assert.Matches(@"^r/Å +A/eV +q Na +q Cl +Na neutral +Na cation +Na anion +Cl neutral +Cl anion +Cl cation$", lines[3]);
        Assert.Matches(@"^ +2 +-\d\.\d{6} +1\.0000 +-1\.0000 ", lines[4]);
        Assert.Matches(@"^ +12 +-0\.062123 +0\.0000 +0\.0000 ", lines[14]);
        Assert.Equal("", lines[15]);
        // The molecule's properties follow the table, each saying what it is.
        Assert.Equal("Na–Cl molecule (R_e refined off the grid, every distance solved afresh):", lines[16]);
        Assert.Equal("  R_e = 2.3614 Å, A(R_e) = -3.700835 eV", lines[17]);
        Assert.StartsWith("  D_e = 3.6387 eV   well depth against the separated atoms, A(∞) − A(R_e), A(∞) = -0.062123 eV", lines[18]);
        Assert.Matches(@"^  D₀ = 3\.61\d\d eV   D_e − hcω_e/2, from the lowest vibrational level \(what experiment measures\)$", lines[19]);
        Assert.Matches(@"^  ω_e = 3\d\d\.\d cm⁻¹   harmonic, from k = [\d.]+ eV/Å² and μ = 13\.9459 amu$", lines[20]);
        Assert.Matches(@"^  q\(Na\) = 1\.0000 e at R_e, dipole 11\.\d{3} D$", lines[21]);
        Assert.Matches(@"^  switch-off 9\.0\d\d Å \(\|q\(Na\)\| falls through half its value at R_e\), beside R_c = 9\.43 Å$", lines[22]);
        Assert.Equal(23, lines.Length);
    }

    [Fact]
    public void JsonCarriesTheMoleculeProperties()
    {
        var run = CliRun.Of("dimer", "Na", "Cl", "--potential", "NaCl", "--from", "2", "--to", "12", "--step", "0.1", "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var doc = JsonDocument.Parse(run.Stdout);
        var p = doc.RootElement.GetProperty("properties");
        double Get(string key) => p.GetProperty(key).GetDouble();

        // The figures of the shipped NaCl the demo reports (docs/potentials.md).
        Assert.Equal(2.3614, Get("equilibrium"), 0.0005);
        Assert.Equal(3.639, Get("binding_energy_de"), 0.001);
        Assert.Equal(Get("separated_atoms") - Get("energy_at_equilibrium"), Get("binding_energy_de"), 12);
        Assert.Equal(9.06, Get("switch_off"), 0.01);
        Assert.True(Get("switch_off") < doc.RootElement.GetProperty("crossing").GetDouble());
        // The far end of the curve is the separated atoms, computed here each alone.
        Assert.Equal(doc.RootElement.GetProperty("points").EnumerateArray().Last().GetProperty("energy").GetDouble(), Get("separated_atoms"), 9);
        Assert.Equal(22.98976928 * 35.453 / (22.98976928 + 35.453), Get("reduced_mass"), 3);
        Assert.InRange(Get("wavenumber"), 250, 450);
        Assert.Equal(Get("binding_energy_de") - 0.5 * 1.239841984e-4 * Get("wavenumber"), Get("binding_energy_d0"), 9);
        Assert.Equal(Get("charge_a") * Get("equilibrium") * 4.80320471, Get("dipole"), 9);
        Assert.InRange(Get("dipole"), 10, 12);
        Assert.True(Get("curvature") > 0);
    }

    [Fact]
    public void RangeWithoutTheMinimumInsideHasNoPropertiesAndSaysWhy()
    {
        var text = CliRun.Of("dimer", "Na", "Cl", "--potential", "NaCl", "--from", "3", "--to", "4", "--step", "0.5");
        Assert.True(text.ExitCode == 0, text.Stderr);
        Assert.EndsWith("no molecule properties: the lowest point of the curve is at an end of the range; widen --from/--to so the minimum lies inside it",
            text.Stdout.TrimEnd());
        var json = CliRun.Of("dimer", "Na", "Cl", "--potential", "NaCl", "--from", "3", "--to", "4", "--step", "0.5", "--json");
        using var doc = JsonDocument.Parse(json.Stdout);
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("properties").ValueKind);
    }

    [Fact]
    public void DefaultRangeForNaClEndsAtTwentyAngstrom()
    {
        var run = CliRun.Of("dimer", "Na", "Cl", "--potential", "NaCl", "--step", "0.5", "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var doc = JsonDocument.Parse(run.Stdout);
        Assert.Equal(20, doc.RootElement.GetProperty("points").EnumerateArray().Last().GetProperty("r").GetDouble());
    }

    [Theory]
    // No crossing and a short cutoff: the 20 Å floor.
    [InlineData(double.NaN, 12, 20)]
    // NaCl: R_c = 9.43 Å, 1.25·R_c = 11.8 Å.
    [InlineData(9.43, 12, 20)]
    // K–Cl: IP_K − EA_Cl = 4.3407 − 3.6127 eV, R_c = 19.78 Å; 1.25·R_c = 24.7 Å, up to 25.
    [InlineData(19.78, 12, 25)]
    // A long cutoff: one Å past it.
    [InlineData(9.43, 24.5, 26)]
    public void DefaultRangeReachesPastTheCrossingAndTheCutoff(double crossing, double cutoff, double expected)
    {
        var estimate = double.IsNaN(crossing) ? null : new IonicCrossing("K", "Cl", 4.3407, 3.6127, crossing);
        Assert.Equal(expected, DistanceGrid.DefaultLongest(estimate, cutoff));
    }

    [Fact]
    public void PlotIsAPngAndNoTemporaryFileIsLeft()
    {
        var png = temp.File("curve.png");
        var run = CliRun.Of("dimer", "Na", "Cl", "--potential", "NaCl", "--from", "2", "--to", "12", "--step", "0.1", "--plot", png);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains($"wrote {png}", run.Stdout);
        var bytes = File.ReadAllBytes(png);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        // A labelled two-axis plot with curves, not a blank canvas (which compresses to a few hundred bytes).
        Assert.True(bytes.Length > 20_000, $"{bytes.Length} bytes");
        Assert.Equal([png], Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void PlotWithJsonKeepsStdoutPureJson()
    {
        var png = temp.File("curve.png");
        var run = CliRun.Of("dimer", "Na", "Cl", "--potential", "NaCl", "--from", "3", "--to", "4", "--step", "0.5", "--plot", png, "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var doc = JsonDocument.Parse(run.Stdout);
        Assert.Equal(3, doc.RootElement.GetProperty("points").GetArrayLength());
        Assert.True(File.Exists(png));
    }

    [Theory]
    [InlineData("--from", "3", "--to", "2", "must be less than --to")]
    [InlineData("--from", "2", "--to", "2", "must be less than --to")]
    [InlineData("--step", "0", "--to", "5", "--step must be positive")]
    [InlineData("--step", "-0.1", "--to", "5", "--step must be positive")]
    [InlineData("--from", "0", "--to", "5", "--from must be a positive distance")]
    [InlineData("--step", "0.0001", "--to", "20", "at most 100000 are allowed")]
    [InlineData("--temperature", "0", "--to", "5", "--temperature must be a positive")]
    public void BadRangesAreUserErrors(string option1, string value1, string option2, string value2, string message) =>
        CliRun.Of("dimer", "Na", "Cl", "--potential", "NaCl", option1, value1, option2, value2).AssertUserError(message);

    [Fact]
    public void ElementOutsideThePotentialIsNamed() =>
        CliRun.Of("dimer", "Na", "Ar", "--potential", "NaCl").AssertUserError("B: element 'Ar' is not in potential NaCl", "Na, Cl");

    [Fact]
    public void UnknownPotentialIsAUserError() =>
        CliRun.Of("dimer", "Na", "Cl", "--potential", "Argon").AssertUserError("no potential named 'Argon'");

    [Fact]
    public void MissingElementIsAUsageError() =>
        CliRun.Of("dimer", "Na", "--potential", "NaCl").AssertUserError("latent dimer --help");

    [Theory]
    [InlineData("eval")]
    [InlineData("dimer")]
    public void HelpListsJsonAndPotential(string command)
    {
        var run = CliRun.Of(command, "--help");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--json", run.Stdout);
        Assert.Contains("--potential", run.Stdout);
        Assert.Contains("--temperature", run.Stdout);
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
