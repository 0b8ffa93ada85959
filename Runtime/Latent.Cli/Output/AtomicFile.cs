namespace Latent.Cli.Output;

/// <summary>Writes files through a temporary sibling and a rename, so a reader never sees half a file
/// and an interrupted run leaves the old file in place.</summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string text) =>
        Write(path, temporary => File.WriteAllText(temporary, text));

    public static void WriteAllBytes(string path, byte[] bytes) =>
        Write(path, temporary => File.WriteAllBytes(temporary, bytes));

    private static void Write(string path, Action<string> writeTemporary)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            writeTemporary(temporary);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
