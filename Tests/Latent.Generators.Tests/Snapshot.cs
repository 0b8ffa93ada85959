namespace Latent.Generators.Tests;

/// <summary>Golden files under Snapshots/: compare, or rewrite them all when LATENT_UPDATE_SNAPSHOTS=1.</summary>
internal static class Snapshot
{
    public const string Suffix = ".txt";

    public static bool Updating => Environment.GetEnvironmentVariable("LATENT_UPDATE_SNAPSHOTS") == "1";

    /// <summary>Null when <paramref name="actual"/> equals the expected text, else why not.</summary>
    public static string? Difference(string name, string expected, string actual)
    {
        // Git may check snapshots out with CRLF; the generator itself writes '\n' only.
        expected = expected.Replace("\r\n", "\n");
        if (expected == actual)
            return null;
        int i = 0;
        while (i < expected.Length && i < actual.Length && expected[i] == actual[i])
            i++;
        int line = expected.AsSpan(0, i).Count('\n') + 1;
        string Around(string s) => s.Substring(Math.Max(0, i - 40), Math.Min(s.Length, i + 40) - Math.Max(0, i - 40));
        return $"{name} differs from its snapshot at line {line} (offset {i}):\n  expected: …{Around(expected)}…\n  actual:   …{Around(actual)}…\n" +
               "If the change is intended, run the tests with LATENT_UPDATE_SNAPSHOTS=1 and review the diff.";
    }

    /// <summary>Asserts that Snapshots/{name}.txt holds <paramref name="actual"/>, or writes it when updating.</summary>
    public static void Match(string name, string actual)
    {
        string path = Path.Combine(Repo.Snapshots, name + Suffix);
        if (Updating)
        {
            Directory.CreateDirectory(Repo.Snapshots);
            File.WriteAllText(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"missing snapshot {path}: run the tests with LATENT_UPDATE_SNAPSHOTS=1 to create it");
        string? difference = Difference(name, File.ReadAllText(path), actual);
        Assert.True(difference is null, difference);
    }
}
