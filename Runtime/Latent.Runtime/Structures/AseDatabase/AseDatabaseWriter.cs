using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Latent.Runtime.Structures.ExtendedXyz;
using Latent.Symbolic.PotentialFile;

namespace Latent.Runtime.Structures.AseDatabase;

/// <summary>
/// One structure as an ASE database in its JSON form (what <c>ase.io.write("x.json", atoms)</c> writes): the only
/// file ASE 3.22 reads back with the charges as the calculator's, so <c>atoms.get_charges()</c> works (its
/// extended-XYZ reader turns a <c>charges</c> column into <c>initial_charges</c>). The results go under ASE's property
/// names (energy, free_energy, forces, stress, charges, energies), masses and a FixAtoms constraint from
/// <c>move_mask</c> beside them, the potential's name and E as key–value pairs, the latent weights as data.
/// </summary>
public static class AseDatabaseWriter
{
    /// <summary>The file's text.</summary>
    /// <exception cref="ArgumentException">An element has no atomic number in the atomic data.</exception>
    public static string Format(XyzFrame frame)
    {
        var s = frame.Structure;
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartObject("1");
            w.WriteString("calculator", "unknown");
            w.WriteStartObject("calculator_parameters");
            w.WriteEndObject();
            var cell = new double[9];
            for (var i = 0; i < 3; i++)
                (cell[3 * i], cell[3 * i + 1], cell[3 * i + 2]) = (s.Cell[i].X, s.Cell[i].Y, s.Cell[i].Z);
            Array(w, "cell", [3, 3], cell);
            var numbers = s.Symbols.Select(AtomicNumber).ToArray();
            Array(w, "numbers", [s.Count], numbers.Select(n => (double)n).ToArray(), "int64");
            var positions = new double[3 * s.Count];
            for (var i = 0; i < s.Count; i++)
                (positions[3 * i], positions[3 * i + 1], positions[3 * i + 2]) = (s.X[i], s.Y[i], s.Z[i]);
            Array(w, "positions", [s.Count, 3], positions);
            w.WritePropertyName("pbc");
            w.WriteStartObject();
            w.WriteStartArray("__ndarray__");
            w.WriteStartArray();
            w.WriteNumberValue(3);
            w.WriteEndArray();
            w.WriteStringValue("bool");
            w.WriteStartArray();
            foreach (var p in s.Cell.Periodic)
                w.WriteBooleanValue(p);
            w.WriteEndArray();
            w.WriteEndArray();
            w.WriteEndObject();
            Array(w, "masses", [s.Count], s.Masses);

            if (frame.Info.TryGetDouble("energy", out var energy))
                w.WriteNumber("energy", energy);
            if (frame.Info.TryGetDouble("free_energy", out var free))
                w.WriteNumber("free_energy", free);
            if (frame.Info.TryGetVoigt("stress", out var stress))
                Array(w, "stress", [6], stress);
            foreach (var (name, components) in new[] { ("forces", 3), ("charges", 1), ("energies", 1) })
            {
                if (frame.Columns.TryGet(name, out var column) && column.Type == XyzColumnType.Real && column.Components == components)
                    Array(w, name, components == 1 ? [s.Count] : [s.Count, components], column.Reals);
            }

            if (frame.Columns.TryGet("move_mask", out var mask) && mask.Type == XyzColumnType.Logical && mask.Components == 1)
            {
                var fixedAtoms = Enumerable.Range(0, s.Count).Where(i => !mask.Logicals[i]).ToArray();
                if (fixedAtoms.Length > 0)
                {
                    w.WriteStartArray("constraints");
                    w.WriteStartObject();
                    w.WriteString("name", "FixAtoms");
                    w.WriteStartObject("kwargs");
                    w.WriteStartArray("indices");
                    foreach (var i in fixedAtoms)
                        w.WriteNumberValue(i);
                    w.WriteEndArray();
                    w.WriteEndObject();
                    w.WriteEndObject();
                    w.WriteEndArray();
                }
            }

            w.WriteStartObject("key_value_pairs");
            foreach (var key in new[] { "potential", "internal_energy" })
            {
                if (!frame.Info.TryGetValue(key, out var value))
                    continue;
                if (value is string text)
                    w.WriteString(key, text);
                else if (frame.Info.TryGetDouble(key, out var number))
                    w.WriteNumber(key, number);
            }

            w.WriteEndObject();
            if (frame.Columns.TryGet("weights", out var weights) && weights.Type == XyzColumnType.Real)
            {
                w.WriteStartObject("data");
                Array(w, "weights", [s.Count, weights.Components], weights.Reals);
                w.WriteEndObject();
            }

            // ASE keeps times in years since 2000; a stable id makes the same structure the same file.
            var years = (DateTime.UtcNow - new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc)).TotalDays / 365.25;
            w.WriteNumber("ctime", years);
            w.WriteNumber("mtime", years);
            w.WriteString("unique_id", UniqueId(numbers, positions));
            w.WriteString("user", Environment.UserName);
            w.WriteEndObject();
            w.WriteStartArray("ids");
            w.WriteNumberValue(1);
            w.WriteEndArray();
            w.WriteNumber("nextid", 2);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static int AtomicNumber(string symbol) =>
        AtomicData.tryFind(symbol) is { } record
            ? record.Value.AtomicNumber
            : throw new ArgumentException($"'{symbol}' has no atomic number in Latent's atomic data, which an ASE database needs");

    /// <summary>numpy's array encoding in ASE's JSON: shape, dtype, the values flattened in C order.</summary>
    private static void Array(Utf8JsonWriter w, string name, int[] shape, IReadOnlyList<double> values, string dtype = "float64")
    {
        w.WritePropertyName(name);
        w.WriteStartObject();
        w.WriteStartArray("__ndarray__");
        w.WriteStartArray();
        foreach (var n in shape)
            w.WriteNumberValue(n);
        w.WriteEndArray();
        w.WriteStringValue(dtype);
        w.WriteStartArray();
        foreach (var v in values)
        {
            if (dtype == "int64")
                w.WriteNumberValue((long)v);
            else
                w.WriteNumberValue(v);
        }

        w.WriteEndArray();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static string UniqueId(int[] numbers, double[] positions)
    {
        var bytes = new byte[numbers.Length * 4 + positions.Length * 8];
        Buffer.BlockCopy(numbers, 0, bytes, 0, numbers.Length * 4);
        Buffer.BlockCopy(positions, 0, bytes, numbers.Length * 4, positions.Length * 8);
        return Convert.ToHexString(SHA256.HashData(bytes))[..32].ToLowerInvariant();
    }
}
