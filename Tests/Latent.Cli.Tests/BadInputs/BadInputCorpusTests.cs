using Latent.Runtime.Structures.ExtendedXyz;

namespace Latent.Cli.Tests.BadInputs;

/// <summary>
/// Every bad input of <c>corpus.tsv</c>, run through the CLI in process: it ends with its exit code and one error
/// line holding the expected fragment (a potential file's report may list several problems of that file, each
/// with its location), never a stack trace; a refused input (exit 2) prints no result and writes nothing; a
/// stopped run (exit 4) leaves its last good state; a failed check (exit 1) names the failure on a FAIL line.
/// </summary>
public sealed class BadInputCorpusTests
{
    public static TheoryData<string> Ids => new(BadInputCase.All.Select(c => c.Id));

    [Theory]
    [MemberData(nameof(Ids))]
    public void Bad_input_is_refused_where_it_is_wrong(string id)
    {
        var bad = BadInputCase.All.Single(c => c.Id == id);
        using var output = new TempDirectory();
        var filesBefore = Directory.GetFileSystemEntries(BadInputCase.FilesFolder).Order().ToArray();

        var run = CliRun.Of(bad.Arguments(output.Path));

        Assert.True(run.ExitCode == bad.ExitCode, $"exit {run.ExitCode}, expected {bad.ExitCode}; stderr: {run.Stderr}");
        run.AssertNoStackTrace();
        Assert.Equal(filesBefore, Directory.GetFileSystemEntries(BadInputCase.FilesFolder).Order().ToArray());
        var message = bad.ExpectedMessage(output.Path);
        var stderr = run.Stderr.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        var errors = stderr.Where(l => l.StartsWith("latent: error: ", StringComparison.Ordinal)).ToArray();
        AssertNamesOnlyRealOptions(bad.Arguments(output.Path), errors);
        switch (bad.ExitCode)
        {
            case 1:
                Assert.Empty(errors);
                Assert.Contains(run.Stdout.ReplaceLineEndings("\n").Split('\n'), l => l.StartsWith("FAIL ", StringComparison.Ordinal) && l.Contains(message, StringComparison.Ordinal));
                break;
            case 2:
                AssertOneErrorLine(errors, stderr, message);
                Assert.Equal("", run.Stdout);
                Assert.Empty(Directory.GetFileSystemEntries(output.Path));
                break;
            case 4:
                AssertOneErrorLine(errors, stderr, message);
                // The run started, so its trajectory ends on the last good step and reads back whole.
                var frames = ExtendedXyzReader.ReadFile(Path.Combine(output.Path, "traj.extxyz"));
                Assert.NotEmpty(frames);
                Assert.All(frames, f => Assert.All(f.Structure.X, x => Assert.True(double.IsFinite(x))));
                break;
            default:
                Assert.Fail($"the corpus holds exit codes 1, 2 and 4, not {bad.ExitCode}");
                break;
        }
    }

    /// <summary>The page that lists the corpus lists exactly it, so neither goes stale without the other.</summary>
    [Fact]
    public void Reliability_page_lists_exactly_the_corpus()
    {
        var page = File.ReadAllText(Path.Combine(BadInputCase.Folder, "..", "..", "..", "docs", "reliability.md")).ReplaceLineEndings("\n");
        var begin = page.IndexOf(CorpusTable.Begin, StringComparison.Ordinal);
        var end = page.IndexOf(CorpusTable.End, StringComparison.Ordinal);
        Assert.True(begin >= 0 && end > begin, $"docs/reliability.md needs the markers {CorpusTable.Begin} and {CorpusTable.End}");
        var listed = page[(begin + CorpusTable.Begin.Length)..end].Trim('\n') + "\n";
        var expected = CorpusTable.Render(BadInputCase.All);
        if (listed != expected)
        {
            var path = Path.Combine(Path.GetTempPath(), "reliability-corpus-table.md");
            File.WriteAllText(path, expected);
            Assert.Fail($"docs/reliability.md's corpus table differs from corpus.tsv; the table corpus.tsv gives is in {path}");
        }
    }

    [Fact]
    public void Corpus_covers_every_kind_of_input()
    {
        var ids = BadInputCase.All.Select(c => c.Id).ToArray();
        foreach (var kind in new[] { "potential-", "xyz-", "cli-", "formula-", "md-" })
        {
            Assert.True(ids.Count(i => i.StartsWith(kind, StringComparison.Ordinal)) >= 3, $"fewer than 3 cases of {kind}");
        }

        Assert.True(ids.Length >= 120, $"{ids.Length} cases");
    }

    [Fact]
    public void Command_lines_split_as_written() =>
        Assert.Equal(["sym", "simplify", "a = 1\nb", "", "x"], BadInputCase.Split("sym simplify \"a = 1\\nb\" \"\" x"));

    /// <summary>
    /// Every option an error names (<c>--restart-every</c>, not a name the command never had) is one of the command's
    /// options, or of another command the message tells the user to run (<c>latent md --restart …</c>).
    /// </summary>
    private static void AssertNamesOnlyRealOptions(string[] arguments, string[] errors)
    {
        var root = Latent.Cli.Commands.CliRoot.Create();
        var names = Names(Command(root, arguments));
        foreach (var error in errors)
        {
            foreach (System.Text.RegularExpressions.Match named in System.Text.RegularExpressions.Regex.Matches(error, @"(?<=^|[\s(`""])--[a-z][a-z0-9-]*"))
            {
                // Named after "latent <command>": an option of that command.
                var invoked = System.Text.RegularExpressions.Regex.Match(error[..named.Index], @"latent ((?:[a-z]+ )+)[^`']*$");
                var known = invoked.Success ? Names(Command(root, invoked.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))) : names;
                Assert.True(known.Contains(named.Value), $"the error names {named.Value}, which is no option of the command: {error}");
            }
        }

        static System.CommandLine.Command Command(System.CommandLine.Command command, IEnumerable<string> words)
        {
            foreach (var word in words)
            {
                var sub = command.Subcommands.FirstOrDefault(c => c.Name == word);
                if (sub is null)
                    break;
                command = sub;
            }

            return command;
        }

        static HashSet<string> Names(System.CommandLine.Command command) =>
            command.Options.SelectMany(o => o.Aliases.Append(o.Name)).Append("--help").ToHashSet();
    }

    /// <summary>One error line (after any warnings) with the fragment, followed only by the source and caret lines of a
    /// located error; a potential file's report may hold more located errors, all in that file.</summary>
    private static void AssertOneErrorLine(string[] errors, string[] stderr, string message)
    {
        Assert.NotEmpty(errors);
        Assert.Contains(message, errors[0]);
        if (errors.Length > 1)
        {
            var file = errors[0]["latent: error: ".Length..errors[0].IndexOf(".toml:", StringComparison.Ordinal)];
            Assert.All(errors, e => Assert.Matches(@"^latent: error: " + System.Text.RegularExpressions.Regex.Escape(file) + @"\.toml:\d+:\d+: LAT\d{3}: ", e));
            Assert.Equal(errors.Length, errors.Distinct().Count());
        }

        var first = Array.IndexOf(stderr, errors[0]);
        Assert.All(stderr[..first], l => Assert.StartsWith("latent: warning: ", l));
        foreach (var line in stderr[(first + 1)..])
        {
            Assert.True(line.StartsWith("latent: error: ", StringComparison.Ordinal) || line.StartsWith("  ", StringComparison.Ordinal) || line.StartsWith("latent: see '", StringComparison.Ordinal),
                $"a line that is neither an error, its source and caret, nor the help hint: {line}");
        }
    }
}
