using System.Globalization;
using Latent.Symbolic;
using Latent.Symbolic.PotentialFile;

namespace Latent.Cli.Validate;

/// <summary>
/// The experimental values the validation compares with: experiment.toml beside this file, embedded in the tool, the
/// one place they are written (the page and its tests both read them from here). A table per system
/// (<c>[dimer.Na-Cl]</c>), a value per property, and the sources they cite (<c>[sources.KEY]</c>).
/// </summary>
internal sealed class ExperimentalData
{
    private const string Resource = "Latent.Cli.Validate.experiment.toml";
    private static readonly Lazy<ExperimentalData> shipped = new(() =>
    {
        using var stream = typeof(ExperimentalData).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"the tool was built without its resource {Resource}");
        using var reader = new StreamReader(stream);
        return Read(reader.ReadToEnd(), "Runtime/Latent.Cli/Validate/experiment.toml");
    });

    private readonly Dictionary<(string System, string Property), ExperimentalValue> values;

    private ExperimentalData(IReadOnlyList<ExperimentSource> sources, IReadOnlyList<ExperimentalValue> values)
    {
        Sources = sources;
        Values = values;
        this.values = values.ToDictionary(v => (v.System, v.Property));
    }

    /// <summary>The values the tool ships.</summary>
    public static ExperimentalData Shipped => shipped.Value;

    /// <summary>Every source, in the file's order.</summary>
    public IReadOnlyList<ExperimentSource> Sources { get; }

    /// <summary>Every value, in the file's order.</summary>
    public IReadOnlyList<ExperimentalValue> Values { get; }

    /// <summary>The value of <paramref name="property"/> of <paramref name="system"/>, or null when none was measured.</summary>
    public ExperimentalValue? Find(string system, string property) => values.GetValueOrDefault((system, property));

    /// <summary>Reads the file's text.</summary>
    /// <exception cref="InvalidDataException">The text is not what the format above says, naming the line.</exception>
    public static ExperimentalData Read(string text, string path)
    {
        var parsed = LocatedToml.parse(text);
        if (parsed.IsError)
            throw Fail(path, parsed.ErrorValue.Position, parsed.ErrorValue.Message);
        var root = parsed.ResultValue;
        var sources = new List<ExperimentSource>();
        var values = new List<ExperimentalValue>();
        foreach (var (kind, at, value) in root.Entries.Select(e => (e.Item1, e.Item2, e.Item3)))
        {
            var table = Table(path, value, at, kind);
            if (kind == "sources")
            {
                foreach (var (key, keyAt, entry) in table.Entries.Select(e => (e.Item1, e.Item2, e.Item3)))
                {
                    var source = Table(path, entry, keyAt, $"sources.{key}");
                    sources.Add(new ExperimentSource(key, Text(path, source, "short"), Text(path, source, "full")));
                }

                continue;
            }

            foreach (var (elements, systemAt, system) in table.Entries.Select(e => (e.Item1, e.Item2, e.Item3)))
            {
                var key = $"{kind}.{elements}";
                foreach (var (property, propertyAt, entry) in Table(path, system, systemAt, key).Entries.Select(e => (e.Item1, e.Item2, e.Item3)))
                {
                    var item = Table(path, entry, propertyAt, $"{key}.{property}");
                    var sourceKey = Text(path, item, "source");
                    var source = sources.FirstOrDefault(s => s.Key == sourceKey)
                        ?? throw Fail(path, item.Position, $"{key}.{property} cites '{sourceKey}', which no [sources.{sourceKey}] table above it defines");
                    var note = item.TryFind("note") is null ? null : Text(path, item, "note");
                    values.Add(new ExperimentalValue(key, property, Number(path, item, "value"), Text(path, item, "unit"), source, note));
                }
            }
        }

        var repeated = values.GroupBy(v => (v.System, v.Property)).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
            throw new InvalidDataException($"{path}: {repeated.Key.System}.{repeated.Key.Property} is given twice");
        return new ExperimentalData(sources, values);
    }

    private static LocatedTable Table(string path, LocatedValue value, Position at, string name) =>
        value is LocatedValue.TTable t ? t.Item : throw Fail(path, at, $"{name} must be a table, not {value.Kind}");

    private static string Text(string path, LocatedTable table, string key) =>
        table.TryFind(key) switch
        {
            { Value: LocatedValue.TString s } => s.value,
            null => throw Fail(path, table.Position, $"missing '{key}'"),
            { Value: var other } => throw Fail(path, other.Position, $"'{key}' must be a string, not {other.Kind}"),
        };

    private static double Number(string path, LocatedTable table, string key) =>
        table.TryFind(key) switch
        {
            { Value: LocatedValue.TFloat f } => f.Item1,
            { Value: LocatedValue.TInteger i } => i.Item1,
            null => throw Fail(path, table.Position, $"missing '{key}'"),
            { Value: var other } => throw Fail(path, other.Position, $"'{key}' must be a number, not {other.Kind}"),
        };

    private static InvalidDataException Fail(string path, Position at, string message) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{path}:{at.Line}:{at.Column}: {message}"));
}
