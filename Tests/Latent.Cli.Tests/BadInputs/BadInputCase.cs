using System.Text;

namespace Latent.Cli.Tests.BadInputs;

/// <summary>One line of <c>corpus.tsv</c>: a bad input, the exit code it must end with and a fragment of the one error line.</summary>
public sealed record BadInputCase(string Id, int ExitCode, string Message, string CommandLine)
{
    /// <summary>This folder in the source tree: the corpus is read where it is edited, as the docs page that lists it is.</summary>
    public static string Folder { get; } = Path.Combine(RepositoryRoot(), "Tests", "Latent.Cli.Tests", "BadInputs");

    public static string FilesFolder => Path.Combine(Folder, "Files");

    /// <summary>Every case, in file order.</summary>
    public static IReadOnlyList<BadInputCase> All { get; } = Read(Path.Combine(Folder, "corpus.tsv"));

    /// <summary>The arguments, with <c>{files}</c> and <c>{out}</c> put in.</summary>
    public string[] Arguments(string output) => Split(CommandLine).Select(a => Substitute(a, output)).ToArray();

    /// <summary>The message fragment, with the same placeholders put in.</summary>
    public string ExpectedMessage(string output) => Substitute(Message, output);

    private static string Substitute(string text, string output) =>
        text.Replace("{files}", FilesFolder, StringComparison.Ordinal).Replace("{out}", output, StringComparison.Ordinal);

    private static List<BadInputCase> Read(string path)
    {
        var cases = new List<BadInputCase>();
        var lines = File.ReadAllLines(path, Encoding.UTF8);
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0 || lines[i].StartsWith('#'))
            {
                continue;
            }

            var fields = lines[i].Split('\t');
            if (fields.Length != 4 || !int.TryParse(fields[1], out var exit))
            {
                throw new FormatException($"{path}:{i + 1}: expected id, exit code, message and command line separated by tabs");
            }

            cases.Add(new BadInputCase(fields[0], exit, fields[2], fields[3]));
        }

        var twice = cases.GroupBy(c => c.Id).FirstOrDefault(g => g.Count() > 1);
        return twice is null ? cases : throw new FormatException($"{path}: the id '{twice.Key}' is used twice");
    }

    /// <summary>
    /// Words separated by spaces; a word in double quotes keeps its spaces and may be empty (<c>""</c>), and in it
    /// <c>\n</c> is a line break (for formulas of several lines).
    /// </summary>
    public static List<string> Split(string commandLine)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < commandLine.Length; i++)
        {
            var c = commandLine[i];
            if (c == '"')
            {
                var end = commandLine.IndexOf('"', i + 1);
                if (end < 0)
                {
                    throw new FormatException($"unclosed quote in: {commandLine}");
                }

                word.Append(commandLine[(i + 1)..end].Replace("\\n", "\n", StringComparison.Ordinal));
                inWord = true;
                i = end;
            }
            else if (c == ' ')
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                }

                word.Clear();
                inWord = false;
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    /// <summary>The folder of Pipeline.sln above the test's binaries: where the committed files the tests check live.</summary>
    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pipeline.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Pipeline.sln above {AppContext.BaseDirectory}");
    }
}
