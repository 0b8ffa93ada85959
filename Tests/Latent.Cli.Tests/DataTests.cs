using System.Text.Json;

namespace Latent.Cli.Tests;

/// <summary><c>latent data</c>: the whole table and one element as text and JSON, with units and the table's
/// sources; an unknown symbol is one message naming the coverage and the nearest symbols, exit 2.</summary>
public sealed class DataTests
{
    private static string[] Lines(string text) => text.ReplaceLineEndings("\n").Split('\n');

    [Fact]
    public void The_table_lists_every_element_with_units_and_sources()
    {
        var run = CliRun.Of("data");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var lines = Lines(run.Stdout);
        Assert.Matches(@"^element\s+Z\s+mass \(amu\)\s+ip1 \(eV\)\s+ip2 \(eV\)\s+ea \(eV\)$", lines[0]);
        var rows = lines.Skip(1).TakeWhile(l => l.Length > 0).ToArray();
        Assert.Equal(57, rows.Length);
        Assert.Matches(@"^H\s+1\s+1\.008\s+13\.5984\s+–\s+0\.7542$", rows[0]);
        Assert.Matches(@"^K\s+19\s+39\.098\s+4\.3407\s+31\.625\s+0\.5015$", rows.Single(r => r.StartsWith("K ")));
        Assert.Matches(@"^Xe\s+54\s+131\.293\s+12\.1298\s+20\.975\s+–$", rows.Single(r => r.StartsWith("Xe ")));
        Assert.Matches(@"^Au\s+79\s+196\.967\s+9\.2256\s+20\.203\s+2\.3086$", rows[^1]);
        Assert.Contains("Gas-phase atomic data of every element from H to Ba (Z 1–56) and of Au (Z 79): 57 elements.", run.Stdout);
        Assert.Contains("NIST Atomic Spectra Database", run.Stdout);
        Assert.Contains("Andersen, Haugen and Hotop, J. Phys. Chem. Ref. Data 28, 1511 (1999)", run.Stdout);
        Assert.Contains("IUPAC/CIAAW 2021", run.Stdout);
    }

    [Fact]
    public void One_element_gives_each_quantity_with_its_formula_name_and_unit()
    {
        var run = CliRun.Of("data", "Rb");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var lines = Lines(run.Stdout);
        Assert.Equal("Rb, Z = 37", lines[0]);
        Assert.Matches(@"^quantity\s+in formulas\s+value\s+unit$", lines[1]);
        Assert.Matches(@"^standard atomic weight\s+mass_Rb\s+85\.468\s+amu$", lines[2]);
        Assert.Matches(@"^first ionisation energy\s+ip1_Rb\s+4\.1771\s+eV$", lines[3]);
        Assert.Matches(@"^second ionisation energy\s+ip2_Rb\s+27\.2895\s+eV$", lines[4]);
        Assert.Matches(@"^electron affinity\s+ea_Rb\s+0\.4859\s+eV$", lines[5]);
        Assert.Contains("NIST Atomic Spectra Database", run.Stdout);
    }

    [Fact]
    public void Json_gives_units_notes_and_null_where_there_is_no_value()
    {
        var run = CliRun.Of("data", "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var doc = JsonDocument.Parse(run.Stdout);
        var root = doc.RootElement;
        Assert.Equal("amu", root.GetProperty("units").GetProperty("mass").GetString());
        Assert.Equal("eV", root.GetProperty("units").GetProperty("ea").GetString());
        Assert.Contains(root.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("NIST Atomic Spectra Database"));
        var elements = root.GetProperty("elements").EnumerateArray().ToArray();
        Assert.Equal(Enumerable.Range(1, 56).Append(79), elements.Select(e => e.GetProperty("z").GetInt32()));
        var nitrogen = elements.Single(e => e.GetProperty("symbol").GetString() == "N");
        Assert.Equal(JsonValueKind.Null, nitrogen.GetProperty("ea").ValueKind);
        Assert.Equal(14.5341, nitrogen.GetProperty("ip1").GetDouble());

        using var one = JsonDocument.Parse(CliRun.Of("data", "Cs", "--json").Stdout);
        var cs = one.RootElement.GetProperty("elements").EnumerateArray().Single();
        Assert.Equal(3.8939, cs.GetProperty("ip1").GetDouble());
        Assert.Equal(0.4716, cs.GetProperty("ea").GetDouble());
        Assert.Equal(132.905, cs.GetProperty("mass").GetDouble());
    }

    [Theory]
    [InlineData("Pt", "no atomic data for element 'Pt': the table covers H–Ba (Z 1–56) and Au (Z 79); did you mean P or Pd?")]
    [InlineData("na", "no atomic data for element 'na': the table covers H–Ba (Z 1–56) and Au (Z 79); did you mean Na?")]
    [InlineData("Qq", "no atomic data for element 'Qq': the table covers H–Ba (Z 1–56) and Au (Z 79)")]
    public void An_unknown_element_is_a_user_error(string symbol, string message)
    {
        var run = CliRun.Of("data", symbol);
        run.AssertUserError(message);
        Assert.Equal($"latent: error: {message}", Lines(run.Stderr)[0]);
    }
}
