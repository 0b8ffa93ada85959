using System.Text;
using System.Text.Json.Nodes;
using Latent.Cli.Validate;

namespace Latent.Cli.Tests.Validation;

/// <summary>One run of <c>latent validate --json</c> into a scratch page with prose around its markers, shared by the tests below.</summary>
public sealed class ValidateRunFixture : IDisposable
{
    public const string Before = "\uFEFF# My validation\r\n\r\nProse before | with a pipe.\r\n<!-- validate:begin -->\r\n";
    public const string After = "<!-- validate:end -->\r\nProse after.\r\nNo newline at the end";

    public ValidateRunFixture()
    {
        Page = Directory.File("page.md");
        Plots = Path.Combine(Directory.Path, "figures");
        File.WriteAllBytes(Page, new UTF8Encoding(false).GetBytes(Before + "stale\r\n" + After));
        // A [fitted] record's targets file is found in the repository's potentials/, wherever the tests run.
        Run = CliRun.Of("validate", "-o", Page, "--plots", Plots, "--potentials", Path.Combine(ValidationResultsFixture.Root, "potentials"), "--json");
    }

    public TempDirectory Directory { get; } = new();

    public string Page { get; }

    public string Plots { get; }

    public CliRun Run { get; }

    public void Dispose() => Directory.Dispose();
}

/// <summary>The command: the page's section replaced and nothing else, the plots written, the JSON, the exit code, and its refusals.</summary>
public sealed class ValidateCommandTests(ValidateRunFixture fixture) : IClassFixture<ValidateRunFixture>
{
    [Fact]
    public void The_section_is_replaced_and_every_byte_around_it_kept_crlf_and_byte_order_mark_included()
    {
        var bytes = File.ReadAllBytes(fixture.Page);
        var utf8 = new UTF8Encoding(false);
        var before = utf8.GetBytes(ValidateRunFixture.Before);
        var after = utf8.GetBytes(ValidateRunFixture.After);
        Assert.Equal(before, bytes[..before.Length]);
        Assert.Equal(after, bytes[^after.Length..]);
        var section = utf8.GetString(bytes[before.Length..^after.Length]);
        Assert.DoesNotContain("stale", section);
        // The page's own line endings throughout.
        Assert.DoesNotContain("\n", section.Replace("\r\n", "", StringComparison.Ordinal));
        Assert.Contains("**NaCl: properties against experiment**", section);
        Assert.Contains("**Cu: properties against experiment**", section);
        // Plots linked relative to the page.
        Assert.Contains("](figures/dissociation-Na-Cl.png)", section);
    }

    [Fact]
    public void Every_plot_is_a_png_of_the_dimer_plots_size()
    {
        var json = JsonNode.Parse(fixture.Run.Stdout)!;
        var plots = json["plots"]!.AsArray().Select(p => (string)p!).ToArray();
        Assert.Equal(6, plots.Length);
        foreach (var plot in plots)
        {
            Assert.StartsWith(fixture.Plots, plot);
            var png = File.ReadAllBytes(plot);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
            // IHDR: width and height, big-endian, at bytes 16 and 20.
            Assert.Equal(Output.DimerPlot.Width, (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19]);
            Assert.Equal(Output.DimerPlot.Height, (png[20] << 24) | (png[21] << 16) | (png[22] << 8) | png[23]);
        }

        Assert.Empty(Directory.GetFiles(fixture.Plots, "*.tmp"));
    }

    [Fact]
    public void The_json_has_every_row_with_its_numbers_and_the_exit_code_says_whether_a_goal_was_missed()
    {
        var json = JsonNode.Parse(fixture.Run.Stdout)!;
        Assert.Equal(fixture.Page, (string)json["page"]!);
        var potentials = json["potentials"]!.AsArray();
        Assert.Equal(ShippedPotentials.All.Select(p => p.Name), potentials.Select(p => (string)p!["name"]!));
        var missed = 0;
        foreach (var (entry, p) in ShippedPotentials.All.Zip(potentials))
        {
            var rows = p!["rows"]!.AsArray();
            Assert.Equal(entry.Properties.Select(r => r.Label), rows.Select(r => (string)r!["label"]!));
            foreach (var row in rows)
            {
                Assert.NotNull(row!["experiment"]!["value"]);
                Assert.False(row["value"] is null && row["failure"] is null, $"{row["label"]}: neither a value nor why not");
                if ((string?)row["status"] == "missed")
                    missed++;
            }
        }

        var nacl = potentials[0]!;
        var dissociation = nacl["dissociation"]!;
        Assert.Equal("Na-Cl", (string)dissociation["pair"]!);
        Assert.Equal(dissociation["distances"]!.AsArray().Count, dissociation["charges"]!.AsArray().Count);
        Assert.Equal(["10", "15", "20"], dissociation["charges_at"]!.AsObject().Select(kv => kv.Key));
        Assert.Equal(["Na", "Cl"], nacl["charged_atoms"]!.AsArray().Select(a => (string)a!["element"]!));
        var cu = potentials.Single(p => (string)p!["name"]! == "Cu")!["systems"]!.AsArray().Single()!;
        Assert.Equal(["(100)", "(111)"], cu["surfaces"]!.AsArray().Select(s => (string)s!["face"]!));
        Assert.NotNull(cu["stacking_fault"]!["relaxed"]);
        Assert.NotNull(cu["energy_volume"]!["energies_per_atom"]);

        Assert.Equal(missed, (int)json["goals_missed"]!);
        Assert.Equal(missed > 0 ? 1 : 0, fixture.Run.ExitCode);
        if (missed > 0)
            Assert.Contains($"latent: {missed} goal(s) missed: NaCl ", fixture.Run.Stderr);
        fixture.Run.AssertNoStackTrace();
    }

    [Fact]
    public void A_missing_page_is_refused_before_any_work()
    {
        using var directory = new TempDirectory();
        var run = CliRun.Of("validate", "-o", directory.File("none.md"), "--plots", directory.File("plots"));
        run.AssertUserError("--out", "none.md: no such file", "<!-- validate:begin -->");
        Assert.False(Directory.Exists(directory.File("plots")));
    }

    [Fact]
    public void A_page_without_the_markers_is_refused_and_left_as_it_was()
    {
        using var directory = new TempDirectory();
        var page = directory.Write("page.md", "# A page\n<!-- soak:begin -->\n<!-- soak:end -->\n");
        CliRun.Of("validate", "-o", page, "--plots", directory.File("plots")).AssertUserError("no <!-- validate:begin --> line", "latent validate writes its tables");
        Assert.Equal("# A page\n<!-- soak:begin -->\n<!-- soak:end -->\n", File.ReadAllText(page));
    }

    [Fact]
    public void A_plots_folder_that_is_a_file_is_refused_before_any_work()
    {
        using var directory = new TempDirectory();
        var page = directory.Write("page.md", "<!-- validate:begin -->\n<!-- validate:end -->\n");
        var file = directory.Write("plots", "not a folder");
        CliRun.Of("validate", "-o", page, "--plots", file).AssertUserError("--plots", "is a file");
    }
}
