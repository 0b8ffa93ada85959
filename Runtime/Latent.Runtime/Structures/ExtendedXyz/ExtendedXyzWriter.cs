using System.Text;
using Latent.Symbolic.PotentialFile;
using Microsoft.FSharp.Core;

namespace Latent.Runtime.Structures.ExtendedXyz;

/// <summary>
/// Writes frames in ASE's extended XYZ dialect: <c>Lattice="…"</c> (for a periodic or non-zero cell),
/// <c>Properties=species:S:1:pos:R:3[:masses:R:1][:extra columns]</c>, the info pairs in order, then
/// <c>pbc="T T T"</c>. Numbers are culture-invariant and round-trip, so reading gives back the same bits.
/// An instance appends frames to a trajectory, flushing after each; <see cref="WriteFile(string, IEnumerable{XyzFrame}, XyzWriteOptions?)"/>
/// replaces a file atomically.
/// </summary>
/// <remarks>
/// Lines end in \n on every platform, so output is byte-for-byte deterministic. ASE reads stress and
/// virial only as nine numbers: six Voigt values (xx yy zz yz xz xy) in the info are written as the full
/// symmetric matrix.
/// </remarks>
public sealed class ExtendedXyzWriter : ITrajectoryWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private static readonly string[] TensorKeys = ["stress", "virial"];

    private readonly TextWriter? writer;
    private readonly Stream? file;
    private readonly bool leaveOpen;
    private readonly XyzWriteOptions options;

    /// <summary>A writer onto a text writer (closed on dispose unless <paramref name="leaveOpen"/>).</summary>
    public ExtendedXyzWriter(TextWriter writer, XyzWriteOptions? options = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(writer);
        this.writer = writer;
        this.leaveOpen = leaveOpen;
        this.options = options ?? XyzWriteOptions.Default;
    }

    private ExtendedXyzWriter(Stream file, XyzWriteOptions? options)
    {
        this.file = file;
        this.options = options ?? XyzWriteOptions.Default;
    }

    /// <summary>
    /// A writer that appends frames to a trajectory file, creating it if needed. Each frame goes to the file
    /// in one write call from an unbuffered stream, so a process killed between frames leaves whole frames,
    /// and one killed during a write leaves at most the last frame cut short (which
    /// <see cref="ExtendedXyzReader"/> drops with a warning when asked to).
    /// </summary>
    public static ExtendedXyzWriter AppendToFile(string path, XyzWriteOptions? options = null) =>
        new(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0), options);

    /// <summary>Frames written so far by this writer.</summary>
    public int FramesWritten { get; private set; }

    /// <summary>Writes one frame whole, then flushes, so a reader of the growing file never sees half a frame from this writer's buffer.</summary>
    /// <exception cref="ArgumentException">The frame cannot be written readably (whitespace in a symbol, a non-finite coordinate…); nothing is written.</exception>
    public void Write(XyzFrame frame)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var text = Format(frame, options);
        if (file is not null)
        {
            file.Write(Utf8.GetBytes(text));
            file.Flush();
        }
        else
        {
            writer!.Write(text);
            writer.Flush();
        }

        FramesWritten++;
    }

    private bool disposed;

    /// <inheritdoc/>
    public void Dispose()
    {
        if (disposed)
            return;
        disposed = true;
        if (file is not null)
            file.Dispose();
        else if (leaveOpen)
            writer!.Flush();
        else
            writer!.Dispose();
    }

    /// <summary>Writes frames to a file atomically: to a temporary file beside it, then renamed over it, so the file is either the old one or the complete new one.</summary>
    public static void WriteFile(string path, IEnumerable<XyzFrame> frames, XyzWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(frames);
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                using (var text = new StreamWriter(stream, Utf8, leaveOpen: true))
                {
                    foreach (var frame in frames)
                        text.Write(Format(frame, options));
                }

                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>Writes one frame to a file atomically.</summary>
    public static void WriteFile(string path, XyzFrame frame, XyzWriteOptions? options = null) =>
        WriteFile(path, [frame], options);

    /// <summary>The text of several frames.</summary>
    public static string Format(IEnumerable<XyzFrame> frames, XyzWriteOptions? options = null) =>
        string.Concat(frames.Select(f => Format(f, options)));

    /// <summary>The text of one frame, ending in a newline.</summary>
    /// <exception cref="ArgumentException">The frame cannot be written readably.</exception>
    public static string Format(XyzFrame frame, XyzWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        options ??= XyzWriteOptions.Default;
        var s = frame.Structure;
        var n = s.Count;
        var columns = SelectColumns(frame, options);
        var withMasses = options.Masses switch
        {
            XyzMassColumn.Always => true,
            XyzMassColumn.Never => false,
            _ => Enumerable.Range(0, n).Any(i => !TableMass(s.Symbols[i], out var m) || BitConverter.DoubleToInt64Bits(m) != BitConverter.DoubleToInt64Bits(s.Masses[i])),
        };
        Check(s, withMasses);

        var header = new List<string>();
        var cell = s.Cell;
        if (cell.IsPeriodic || cell.A != Vec3.Zero || cell.B != Vec3.Zero || cell.C != Vec3.Zero)
        {
            var v = new[] { cell.A, cell.B, cell.C }.SelectMany(r => new[] { r.X, r.Y, r.Z });
            header.Add("Lattice=\"" + string.Join(' ', v.Select(XyzNumbers.Real)) + "\"");
        }

        var properties = new StringBuilder("Properties=species:S:1:pos:R:3");
        if (withMasses)
            properties.Append(":masses:R:1");
        foreach (var (name, column) in columns)
            properties.Append(':').Append(name).Append(':').Append(column.Descriptor);
        header.Add(properties.ToString());
        foreach (var (key, value) in frame.Info)
            header.Add(key + "=" + XyzCommentLine.Format(key, TensorKeys.Contains(key) ? FullTensor(key, value) : value));
        header.Add("pbc=\"" + string.Join(' ', cell.Periodic.Select(p => p ? "T" : "F")) + "\"");

        // Cells first, then each field padded to its column's widest entry so the table reads aligned.
        var fieldCount = 4 + (withMasses ? 1 : 0) + columns.Sum(c => c.Column.Components);
        var cells = new string[n][];
        for (var i = 0; i < n; i++)
        {
            var row = cells[i] = new string[fieldCount];
            var k = 0;
            row[k++] = s.Symbols[i];
            row[k++] = XyzNumbers.Real(s.X[i]);
            row[k++] = XyzNumbers.Real(s.Y[i]);
            row[k++] = XyzNumbers.Real(s.Z[i]);
            if (withMasses)
                row[k++] = XyzNumbers.Real(s.Masses[i]);
            foreach (var (_, column) in columns)
            {
                for (var c = 0; c < column.Components; c++)
                    row[k++] = Field(column, i * column.Components + c);
            }
        }

        var widths = new int[fieldCount];
        foreach (var row in cells)
        {
            for (var k = 0; k < fieldCount; k++)
                widths[k] = Math.Max(widths[k], row[k].Length);
        }

        var text = new StringBuilder();
        text.Append(XyzNumbers.Integer(n)).Append('\n');
        text.Append(string.Join(' ', header)).Append('\n');
        foreach (var row in cells)
        {
            text.Append(row[0].PadRight(widths[0]));
            for (var k = 1; k < fieldCount; k++)
                text.Append(' ').Append(row[k].PadLeft(widths[k]));
            text.Append('\n');
        }

        return text.ToString();
    }

    private static List<(string Name, XyzColumn Column)> SelectColumns(XyzFrame frame, XyzWriteOptions options)
    {
        if (options.Columns is null)
            return frame.Columns.Select(c => (c.Key, c.Value)).ToList();
        var chosen = new List<(string, XyzColumn)>();
        foreach (var name in options.Columns)
        {
            if (!frame.Columns.TryGet(name, out var column))
                throw new ArgumentException($"the frame has no column '{name}' to write (it has: {string.Join(", ", frame.Columns.Names)})", nameof(options));
            if (chosen.Any(c => c.Item1 == name))
                throw new ArgumentException($"column '{name}' is asked for twice", nameof(options));
            chosen.Add((name, column));
        }

        return chosen;
    }

    private static void Check(Structure s, bool withMasses)
    {
        for (var i = 0; i < s.Count; i++)
        {
            var symbol = s.Symbols[i];
            if (string.IsNullOrEmpty(symbol) || symbol.Any(char.IsWhiteSpace))
                throw new ArgumentException($"atom index {i}: symbol '{symbol}' must be non-empty and without whitespace");
            if (!double.IsFinite(s.X[i]) || !double.IsFinite(s.Y[i]) || !double.IsFinite(s.Z[i]))
                throw new ArgumentException($"atom index {i}: position {s.Position(i)} is not finite");
            if (withMasses && (!double.IsFinite(s.Masses[i]) || s.Masses[i] < 0))
                throw new ArgumentException($"atom index {i}: mass {XyzNumbers.Real(s.Masses[i])} must be finite and not negative");
        }
    }

    private static string Field(XyzColumn column, int index)
    {
        switch (column.Values)
        {
            case double[] d:
                return XyzNumbers.Real(d[index]);
            case int[] i:
                return XyzNumbers.Integer(i[index]);
            case bool[] b:
                return b[index] ? "T" : "F";
            default:
                var s = ((string[])column.Values)[index];
                if (string.IsNullOrEmpty(s) || s.Any(char.IsWhiteSpace))
                    throw new ArgumentException($"string column value '{s}' (atom index {index / column.Components}) must be non-empty and without whitespace");
                return s;
        }
    }

    private static bool TableMass(string symbol, out double mass)
    {
        var record = AtomicData.tryFind(symbol);
        mass = FSharpOption<AtomicRecord>.get_IsSome(record) ? record.Value.Mass : double.NaN;
        return FSharpOption<AtomicRecord>.get_IsSome(record);
    }

    /// <summary>Stress and virial as the nine numbers ASE requires.</summary>
    private static object FullTensor(string key, object value)
    {
        var v = value switch
        {
            double[] d => d,
            int[] i => Array.ConvertAll(i, x => (double)x),
            _ => null,
        };
        return v?.Length switch
        {
            9 => v,
            6 => new[] { v[0], v[5], v[4], v[5], v[1], v[3], v[4], v[3], v[2] },
            _ => throw new ArgumentException($"info '{key}' must be 6 Voigt or 9 numbers (ASE reads it as a 3×3 matrix)"),
        };
    }
}
