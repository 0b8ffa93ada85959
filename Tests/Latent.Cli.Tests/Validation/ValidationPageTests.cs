using Latent.Cli.Output;
using Latent.Cli.Validate;
using Latent.Runtime.Fitting.Targets;

namespace Latent.Cli.Tests.Validation;

/// <summary>
/// docs/validation.md is pinned: every row of every table on the committed page is recomputed through the library code
/// <c>latent validate</c> runs and checked against the number printed, to within half a unit of its last digit, and
/// every goal status against the one the unrounded numbers give; so the page, the potential files, experiment.toml
/// and the code cannot drift apart. Regenerate the page with <c>latent validate</c> after changing any of them.
/// </summary>
public sealed class ValidationPageTests(ValidationResultsFixture fixture) : IClassFixture<ValidationResultsFixture>
{
    private static readonly string PagePath = Path.Combine(ValidationResultsFixture.Root, "docs", "validation.md");

    private static string Section()
    {
        var text = File.ReadAllText(PagePath);
        var begin = text.IndexOf(MarkedSection.Validate.Begin, StringComparison.Ordinal);
        var end = text.IndexOf(MarkedSection.Validate.End, StringComparison.Ordinal);
        Assert.True(begin >= 0 && end > begin, "docs/validation.md has no validate section between its markers");
        return text[begin..end];
    }

    [Fact]
    public void Every_table_the_command_writes_is_on_the_page_and_no_other()
    {
        var printed = PageTables.Parse(Section());
        Assert.Equal(fixture.Tables.Select(t => t.Title), printed.Keys);
    }

    [Fact]
    public void Every_row_printed_on_the_page_is_what_the_code_computes_now()
    {
        var printed = PageTables.Parse(Section());
        var checkedNumbers = 0;
        foreach (var table in fixture.Tables)
        {
            Assert.True(printed.TryGetValue(table.Title, out var rows), $"the page has no table '{table.Title}': run latent validate");
            Assert.Equal(table.Rows.Select(r => r[0].Text), rows!.Select(r => r[0]));
            for (var i = 0; i < table.Rows.Count; i++)
            {
                var (computed, cells) = (table.Rows[i], rows[i]);
                Assert.Equal(computed.Length, cells.Length);
                for (var k = 0; k < computed.Length; k++)
                {
                    var where = $"'{table.Title}', row '{computed[0].Text}', column '{table.Headers[k]}'";
                    if (computed[k].Value is { } value)
                    {
                        var number = PageTables.Number(cells[k]);
                        // Half a unit of the last printed digit, and a hair for a value that sits on a rounding boundary.
                        var tolerance = 0.5 * Math.Pow(10, -computed[k].Decimals) + 1e-9 * Math.Max(1, Math.Abs(value));
                        Assert.True(Math.Abs(number - value) <= tolerance,
                            $"{where}: the page prints {cells[k]}, the code now gives {value:R}; regenerate the page with latent validate");
                        checkedNumbers++;
                    }
                    else
                    {
                        Assert.True(computed[k].Text == cells[k], $"{where}: the page prints '{cells[k]}', the code now writes '{computed[k].Text}'");
                    }
                }
            }
        }

        // Every potential's rows, the defects, the curves' tables: far more than a handful of numbers.
        Assert.True(checkedNumbers > 60, $"only {checkedNumbers} numbers checked");
    }

    [Fact]
    public void Every_goal_status_printed_is_the_one_the_unrounded_numbers_give()
    {
        var printed = PageTables.Parse(Section());
        var goals = 0;
        foreach (var potential in fixture.Results)
        {
            var rows = printed[$"{potential.Name}: properties against experiment"];
            foreach (var row in potential.Rows)
            {
                var cells = rows.Single(r => r[0] == row.Definition.Label);
                var status = row.Status switch { GoalStatus.Met => "met", GoalStatus.Missed => "missed", _ => "—" };
                Assert.True(status == cells[5], $"{potential.Name} {row.Definition.Label}: the page says '{cells[5]}', the numbers say '{status}'");
                if (row.Definition.Goal is { } goal)
                {
                    goals++;
                    var error = Math.Abs(row.RelativeError ?? double.PositiveInfinity);
                    Assert.Equal(error <= goal, row.Status == GoalStatus.Met);
                }
            }
        }

        // The goals: seven for each Na–Cl salt (the ensemble NaCl and its QEq baseline), seven for Cu, and
        // NaCl's less D₀ (no measured value among the sources) for LiF.
        Assert.Equal(27, goals);
    }

    /// <summary>The page says why each goal is missed: every missed row is named in a note that is not about the experiment.</summary>
    [Fact]
    public void Every_missed_goal_has_a_note_that_says_why()
    {
        var section = Section();
        foreach (var potential in fixture.Results)
        {
            var start = section.IndexOf($"## {potential.Name} (", StringComparison.Ordinal);
            Assert.True(start >= 0, $"the page has no section for {potential.Name}");
            var next = section.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
            var notes = section[start..(next < 0 ? section.Length : next)].Split('\n')
                .Where(l => l.StartsWith("- ", StringComparison.Ordinal) && !l.Contains(", experiment: ", StringComparison.Ordinal)).ToArray();
            foreach (var row in potential.Missed)
                Assert.True(notes.Any(n => n.Contains(row.Definition.Label, StringComparison.Ordinal)),
                    $"{potential.Name}: '{row.Definition.Label}' misses its goal and no note on the page says why");
        }
    }

    [Fact]
    public void Every_row_compares_with_an_experimental_value_in_the_unit_it_is_printed_in()
    {
        foreach (var potential in ShippedPotentials.All)
        {
            foreach (var row in potential.Properties)
            {
                var measured = ExperimentalData.Shipped.Find(row.System.Key, row.Property);
                Assert.True(measured is not null, $"experiment.toml has no {row.System.Key}.{row.Property} for {potential.Name}'s row '{row.Label}'");
                Assert.Equal(row.Format.Unit, measured!.Unit);
                Assert.True(measured.Value > 0, $"{row.System.Key}.{row.Property}");
            }
        }
    }

    [Fact]
    public void The_rows_marked_fitted_or_predicted_follow_the_files_fitted_records()
    {
        foreach (var potential in fixture.Results)
        {
            // No shipped file carries a [fitted] record until the potentials are refitted with latent fit.
            var expected = potential.Fitted.IsFitted ? null : FittedTargets.HandSet;
            foreach (var row in potential.Rows)
                Assert.True(expected is null ? row.Origin is "fitted" or "predicted" : row.Origin == expected, $"{potential.Name} {row.Definition.Label}: {row.Origin}");
        }
    }

    [Fact]
    public void Every_source_cited_in_a_table_is_listed_in_full_on_the_page()
    {
        var section = Section();
        foreach (var source in fixture.Results.SelectMany(p => p.Rows).Select(r => r.Experiment!.Source).Distinct())
            Assert.Contains($"- {source.Short}: {source.Full}.", section);
    }

    [Fact]
    public void Every_plot_the_page_links_is_committed_beside_it_as_a_png()
    {
        var section = Section();
        var names = ValidationTables.DissociationGroups(fixture.Results).Select(g => ValidationPlots.DissociationName(g[0].A, g[0].B))
            .Concat(ValidationPlots.ChargeGroups(fixture.Results).Select(g => ValidationPlots.ChargeName(g[0].Curve.Symbol)))
            .Concat(ValidationPlots.CrystalGroups(fixture.Results).Select(g => ValidationPlots.EnergyVolumeName(g[0].Crystal.System)))
            .ToArray();
        // One dissociation plot (Na–Cl), two E(q) plots (Na, Cl), three energy–volume curves (NaCl, LiF, Cu).
        Assert.Equal(6, names.Length);
        foreach (var name in names)
        {
            Assert.Contains($"](validation/{name})", section);
            var png = File.ReadAllBytes(Path.Combine(ValidationResultsFixture.Root, "docs", "validation", name));
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        }
    }

    [Fact]
    public void The_rows_measure_what_the_fit_measures()
    {
        // The page's numbers for the fit's own properties are the fit's measurements, not a second implementation.
        var nacl = fixture.Results.Single(p => p.Name == "NaCl");
        var dimer = nacl.Systems.Single(s => s.System.Key == "dimer.Na-Cl");
        var context = new Latent.Runtime.Fitting.Measures.MeasureContext(new Latent.Runtime.Potentials.PotentialLoader().Load("NaCl"), 0, null);
        var fit = Latent.Runtime.Fitting.Measures.DimerMeasure.Measure(context, dimer.System.Structure());
        Assert.Equal(fit[TargetProperty.BondLength].Values[0], dimer.Values["bond_length"]);
        Assert.Equal(fit[TargetProperty.Dipole].Values[0], nacl.Rows.Single(r => r.Definition.Property == "dipole").Value);
    }
}
