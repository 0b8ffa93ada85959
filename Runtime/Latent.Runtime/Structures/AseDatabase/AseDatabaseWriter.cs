using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Latent.Runtime.Structures.ExtendedXyz;
using Latent.Symbolic.PotentialFile;

namespace Latent.Runtime.Structures.AseDatabase;

/// <summary>
/// Structures as rows of an ASE database in its JSON form (what <c>ase.io.write("x.json", atoms)</c> writes): the only
/// file ASE 3.22 reads back with the charges as the calculator's, so <c>atoms.get_charges()</c> works (its
/// extended-XYZ reader turns a <c>charges</c> column into <c>initial_charges</c>). The results go under ASE's property
/// names (energy, free_energy, forces, stress, charges, energies), masses, momenta, initial charges, tags, initial
/// magnetic moments and a FixAtoms constraint from <c>move_mask</c> beside them; every other info key goes into the
/// key–value pairs when ASE would take it as one (a name that is no property, no element, one number, text or
/// logical) and every other column, with the latent weights, into the row's data, so a row keeps what an extended
/// XYZ frame of the same structure keeps. One row is a file (<see cref="Format"/>); a trajectory appends them
/// (<see cref="AseDatabaseTrajectoryWriter"/>).
/// </summary>
public static class AseDatabaseWriter
{
    /// <summary>Columns the row holds under ASE's own names (move_mask becomes the constraint).</summary>
    private static readonly string[] OwnColumns =
        ["forces", "charges", "energies", "momenta", "initial_charges", CarriedInput.InitialChargesColumn, "tags", "initial_magmoms", "move_mask"];

    /// <summary>Info the row holds under ASE's own names.</summary>
    private static readonly string[] OwnInfo = ["energy", "free_energy", "stress"];

    /// <summary>Names ASE 3.22 refuses as keys (ase.db.core.reserved_keys; element symbols are checked apart).</summary>
    private static readonly HashSet<string> ReservedKeys =
    [
        "energy", "forces", "stress", "stresses", "dipole", "charges", "magmom", "magmoms", "free_energy", "energies",
        "positions", "numbers", "cell", "pbc", "initial_charges", "initial_magmoms",
        "id", "unique_id", "ctime", "mtime", "user", "fmax", "smax", "momenta", "constraints", "natoms", "formula", "age",
        "calculator", "calculator_parameters", "key_value_pairs", "data", "masses", "tags",
    ];

    /// <summary>The text of a database of one row, <paramref name="frame"/>.</summary>
    /// <exception cref="ArgumentException">An element has no atomic number in the atomic data.</exception>
    public static string Format(XyzFrame frame)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WritePropertyName("1");
            WriteRow(w, frame);
            w.WriteStartArray("ids");
            w.WriteNumberValue(1);
            w.WriteEndArray();
            w.WriteNumber("nextid", 2);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>Writes <paramref name="frame"/> as one row: the JSON object ASE keeps under the row's id.</summary>
    /// <exception cref="ArgumentException">An element has no atomic number in the atomic data.</exception>
    public static void WriteRow(Utf8JsonWriter w, XyzFrame frame)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(frame);
        var s = frame.Structure;
        var n = s.Count;
        w.WriteStartObject();
        w.WriteString("calculator", "unknown");
        w.WriteStartObject("calculator_parameters");
        w.WriteEndObject();
        var cell = new double[9];
        for (var i = 0; i < 3; i++)
            (cell[3 * i], cell[3 * i + 1], cell[3 * i + 2]) = (s.Cell[i].X, s.Cell[i].Y, s.Cell[i].Z);
        Array(w, "cell", [3, 3], cell);
        var numbers = s.Symbols.Select(AtomicNumber).ToArray();
        Integers(w, "numbers", [n], numbers);
        var positions = new double[3 * n];
        for (var i = 0; i < n; i++)
            (positions[3 * i], positions[3 * i + 1], positions[3 * i + 2]) = (s.X[i], s.Y[i], s.Z[i]);
        Array(w, "positions", [n, 3], positions);
        Logicals(w, "pbc", [3], s.Cell.Periodic.ToArray());
        Array(w, "masses", [n], s.Masses);

        if (frame.Info.TryGetDouble("energy", out var energy))
            w.WriteNumber("energy", energy);
        if (frame.Info.TryGetDouble("free_energy", out var free))
            w.WriteNumber("free_energy", free);
        if (frame.Info.TryGetVoigt("stress", out var stress))
            Array(w, "stress", [6], stress);
        foreach (var (name, components) in new[] { ("forces", 3), ("charges", 1), ("energies", 1), ("momenta", 3) })
        {
            if (Reals(frame, name, components) is { } values)
                Array(w, name, components == 1 ? [n] : [n, components], values);
        }

        // The input's initial charges, which the extended XYZ frames carry under another name (CarriedInput).
        if ((Reals(frame, "initial_charges", 1) ?? Reals(frame, CarriedInput.InitialChargesColumn, 1)) is { } initialCharges)
            Array(w, "initial_charges", [n], initialCharges);
        if (frame.Columns.TryGet("tags", out var tags) && tags.Type == XyzColumnType.Integer && tags.Components == 1)
            Integers(w, "tags", [n], tags.Integers);
        if (frame.Columns.TryGet("initial_magmoms", out var magmoms) && magmoms.Type == XyzColumnType.Real && magmoms.Components is 1 or 3)
            Array(w, "initial_magmoms", magmoms.Components == 1 ? [n] : [n, 3], magmoms.Reals);
        Constraint(w, frame);

        w.WriteStartObject("key_value_pairs");
        var toData = new List<KeyValuePair<string, object>>();
        foreach (var pair in frame.Info)
        {
            if (OwnInfo.Contains(pair.Key))
                continue;
            if (IsKey(pair.Key) && pair.Value is string or int or double or bool)
                Value(w, pair.Key, pair.Value);
            else
                toData.Add(pair);
        }

        w.WriteEndObject();
        var columns = frame.Columns.Where(c => !OwnColumns.Contains(c.Key)).ToList();
        if (columns.Count > 0 || toData.Count > 0)
        {
            w.WriteStartObject("data");
            foreach (var (name, column) in columns)
                Column(w, name, column, n);
            foreach (var (key, value) in toData)
                Value(w, key, value);
            w.WriteEndObject();
        }

        // ASE keeps times in years since 2000; a stable id makes the same structure the same row.
        var years = (DateTime.UtcNow - new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc)).TotalDays / 365.25;
        w.WriteNumber("ctime", years);
        w.WriteNumber("mtime", years);
        w.WriteString("unique_id", UniqueId(numbers, positions));
        w.WriteString("user", Environment.UserName);
        w.WriteEndObject();
    }

    /// <summary>A name ASE takes as a key–value pair: an identifier that is no property, row field or element symbol.</summary>
    private static bool IsKey(string key) =>
        key.Length > 0 && (char.IsAsciiLetter(key[0]) || key[0] == '_') && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
        && !ReservedKeys.Contains(key) && key != "X" && AtomicData.tryFind(key) is null;

    /// <summary>The atoms <c>move_mask</c> holds still, as ASE's FixAtoms.</summary>
    private static void Constraint(Utf8JsonWriter w, XyzFrame frame)
    {
        if (!frame.Columns.TryGet("move_mask", out var mask) || mask.Type != XyzColumnType.Logical || mask.Components != 1)
            return;
        var fixedAtoms = Enumerable.Range(0, frame.Structure.Count).Where(i => !mask.Logicals[i]).ToArray();
        if (fixedAtoms.Length == 0)
            return;
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

    private static double[]? Reals(XyzFrame frame, string name, int components) =>
        frame.Columns.TryGet(name, out var c) && c.Type == XyzColumnType.Real && c.Components == components ? c.Reals : null;

    /// <summary>A column of the data: numbers and logicals as arrays of one row per atom, strings as a list.</summary>
    private static void Column(Utf8JsonWriter w, string name, XyzColumn column, int n)
    {
        int[] shape = column.Components == 1 ? [n] : [n, column.Components];
        switch (column.Type)
        {
            case XyzColumnType.Real:
                Array(w, name, shape, column.Reals);
                break;
            case XyzColumnType.Integer:
                Integers(w, name, shape, column.Integers);
                break;
            case XyzColumnType.Logical:
                Logicals(w, name, shape, column.Logicals);
                break;
            default:
                w.WriteStartArray(name);
                foreach (var text in column.Strings)
                    w.WriteStringValue(text);
                w.WriteEndArray();
                break;
        }
    }

    /// <summary>An info value: one number, text or logical as itself, several as an array.</summary>
    private static void Value(Utf8JsonWriter w, string key, object value)
    {
        switch (value)
        {
            case string text:
                w.WriteString(key, text);
                break;
            case int i:
                w.WriteNumber(key, i);
                break;
            case double d when double.IsFinite(d):
                w.WriteNumber(key, d);
                break;
            case double d:
                // JSON has no NaN or infinity (ASE's encoder writes Python's literals, which other readers refuse).
                w.WriteString(key, d.ToString(System.Globalization.CultureInfo.InvariantCulture));
                break;
            case bool b:
                w.WriteBoolean(key, b);
                break;
            case double[] reals:
                Array(w, key, [reals.Length], reals);
                break;
            case int[] integers:
                Integers(w, key, [integers.Length], integers);
                break;
            case bool[] logicals:
                Logicals(w, key, [logicals.Length], logicals);
                break;
            default:
                throw new ArgumentException($"info '{key}' holds a {value.GetType().Name}, which an ASE database row cannot hold", nameof(value));
        }
    }

    private static int AtomicNumber(string symbol) =>
        AtomicData.tryFind(symbol) is { } record
            ? record.Value.AtomicNumber
            : throw new ArgumentException($"'{symbol}' has no atomic number in Latent's atomic data, which an ASE database needs");

    /// <summary>numpy's array encoding in ASE's JSON: shape, dtype, the values flattened in C order.</summary>
    private static void Array(Utf8JsonWriter w, string name, int[] shape, IReadOnlyList<double> values)
    {
        StartArray(w, name, shape, "float64");
        foreach (var v in values)
        {
            if (double.IsFinite(v))
                w.WriteNumberValue(v);
            else
                throw new ArgumentException($"'{name}' holds {v}, which JSON cannot hold");
        }

        EndArray(w);
    }

    private static void Integers(Utf8JsonWriter w, string name, int[] shape, IReadOnlyList<int> values)
    {
        StartArray(w, name, shape, "int64");
        foreach (var v in values)
            w.WriteNumberValue(v);
        EndArray(w);
    }

    private static void Logicals(Utf8JsonWriter w, string name, int[] shape, IReadOnlyList<bool> values)
    {
        StartArray(w, name, shape, "bool");
        foreach (var v in values)
            w.WriteBooleanValue(v);
        EndArray(w);
    }

    private static void StartArray(Utf8JsonWriter w, string name, int[] shape, string dtype)
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
    }

    private static void EndArray(Utf8JsonWriter w)
    {
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
