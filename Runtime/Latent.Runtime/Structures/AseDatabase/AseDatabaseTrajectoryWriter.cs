using System.Globalization;
using System.Text;
using System.Text.Json;
using Latent.Runtime.Structures.ExtendedXyz;

namespace Latent.Runtime.Structures.AseDatabase;

/// <summary>
/// A trajectory as an ASE database in its JSON form, one row per frame (<see cref="AseDatabaseWriter.WriteRow"/>), so
/// <c>ase.io.read("md.json", index=":")</c> gives every frame with its calculator's charges. The file is a whole,
/// readable database after every frame: it ends in the tail ASE needs (<c>"ids": [1, …, k], "nextid": k + 1}</c>), and
/// a frame is appended by writing its row and a new tail over the old tail in one write call from an unbuffered
/// stream. A run killed between frames leaves a database of the frames written; nothing else touches the file, and
/// unlike rewriting it through a temporary file per frame the cost per frame does not grow with the rows before it
/// (only the id list does, a few bytes a row).
/// </summary>
public sealed class AseDatabaseTrajectoryWriter : ITrajectoryWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private static readonly JsonWriterOptions Compact = new() { Indented = false };

    private readonly FileStream file;
    private readonly MemoryStream buffer = new();
    private readonly StringBuilder ids = new();
    // Where the tail starts: the next row is written from here.
    private long tail;
    private int rows;
    private bool disposed;

    private AseDatabaseTrajectoryWriter(FileStream file, long tail, int rows)
    {
        this.file = file;
        this.tail = tail;
        this.rows = rows;
        for (var id = 1; id <= rows; id++)
            AddId(id);
    }

    /// <summary>Frames written so far by this writer (not counting rows kept by <see cref="Continue"/>).</summary>
    public int FramesWritten { get; private set; }

    /// <summary>Starts an empty database at <paramref name="path"/>, replacing any file there.</summary>
    public static AseDatabaseTrajectoryWriter Create(string path) => Start(path, []);

    /// <summary>
    /// Continues the trajectory at <paramref name="path"/> from <paramref name="step"/>: the rows written before that
    /// step (key–value pair <c>step</c>) are kept, renumbered from 1, later ones removed, since the continued run
    /// writes them again; the file is replaced atomically, then rows are appended.
    /// </summary>
    /// <exception cref="FormatException">The file is not a readable ASE JSON database; the message says why.</exception>
    public static AseDatabaseTrajectoryWriter Continue(string path, int step)
    {
        var kept = new List<string>();
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("ids", out var idList) || idList.ValueKind != JsonValueKind.Array)
                throw new FormatException("it is not an ASE JSON database (no \"ids\" list)");
            foreach (var id in idList.EnumerateArray())
            {
                var key = id.GetInt64().ToString(CultureInfo.InvariantCulture);
                if (!root.TryGetProperty(key, out var row) || row.ValueKind != JsonValueKind.Object)
                    throw new FormatException($"id {key} is listed but has no row");
                if (row.TryGetProperty("key_value_pairs", out var pairs) && pairs.ValueKind == JsonValueKind.Object
                    && pairs.TryGetProperty("step", out var rowStep) && rowStep.ValueKind == JsonValueKind.Number && rowStep.GetDouble() < step)
                {
                    kept.Add(row.GetRawText());
                }
            }
        }
        catch (JsonException error)
        {
            throw new FormatException($"it is not valid JSON: {error.Message}", error);
        }
        catch (InvalidOperationException error)
        {
            throw new FormatException($"its \"ids\" are not whole numbers: {error.Message}", error);
        }

        return Start(path, kept);
    }

    /// <summary>Writes the opening, <paramref name="rows"/> and the tail atomically (a temporary file renamed over the path), then opens it to append.</summary>
    private static AseDatabaseTrajectoryWriter Start(string path, IReadOnlyList<string> rows)
    {
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        var head = new StringBuilder("{\n");
        for (var i = 0; i < rows.Count; i++)
            head.Append(CultureInfo.InvariantCulture, $"\"{i + 1}\": ").Append(rows[i]).Append(",\n");
        var headBytes = Utf8.GetBytes(head.ToString());
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(headBytes);
                stream.Write(Utf8.GetBytes(Tail(rows.Count, string.Join(", ", Enumerable.Range(1, rows.Count)))));
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }

        var file = new FileStream(full, FileMode.Open, FileAccess.Write, FileShare.Read, bufferSize: 0);
        return new AseDatabaseTrajectoryWriter(file, headBytes.Length, rows.Count);
    }

    /// <summary>Appends the frame as the next row, the file whole again when the call returns.</summary>
    /// <exception cref="ArgumentException">The frame cannot be written as a row (an element without an atomic number, a non-finite value); nothing is written.</exception>
    public void Write(XyzFrame frame)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var id = rows + 1;
        buffer.SetLength(0);
        var prefix = Utf8.GetBytes($"\"{id.ToString(CultureInfo.InvariantCulture)}\": ");
        buffer.Write(prefix);
        using (var w = new Utf8JsonWriter(buffer, Compact))
            AseDatabaseWriter.WriteRow(w, frame);
        buffer.Write(",\n"u8);
        var rowLength = buffer.Length;
        var idsBefore = ids.Length;
        AddId(id);
        buffer.Write(Utf8.GetBytes(Tail(id, ids.ToString())));
        try
        {
            // Row and tail are always longer than the old tail, so this one write is the file's only change.
            file.Position = tail;
            file.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
            file.Flush();
        }
        catch
        {
            ids.Length = idsBefore;
            throw;
        }

        tail += rowLength;
        rows = id;
        FramesWritten++;
    }

    private void AddId(int id)
    {
        if (ids.Length > 0)
            ids.Append(", ");
        ids.Append(id.ToString(CultureInfo.InvariantCulture));
    }

    private static string Tail(int count, string idList) =>
        $"\"ids\": [{idList}],\n\"nextid\": {(count + 1).ToString(CultureInfo.InvariantCulture)}}}\n";

    /// <inheritdoc/>
    public void Dispose()
    {
        if (disposed)
            return;
        disposed = true;
        file.Dispose();
        buffer.Dispose();
    }
}
