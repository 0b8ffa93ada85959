using System.Globalization;
using Latent.Runtime.Structures;
using Latent.Runtime.Structures.ExtendedXyz;
using Latent.Symbolic;
using Latent.Symbolic.PotentialFile;
using Microsoft.FSharp.Core;

namespace Latent.Runtime.Fitting.Targets;

/// <summary>
/// Reads a targets file (TOML, docs/fitting.md) into a <see cref="TargetsFile"/>, or throws a
/// <see cref="TargetsFileException"/> that names the line and column of the first problem. What the file says
/// about the potential (its parameters and elements) is checked later, against the potential, by the fit.
/// </summary>
public static class TargetsReader
{
    private static readonly string[] TopLevelKeys = ["format", "description", "fit", "bounds", "structures", "targets"];
    private static readonly string[] FitKeys = ["max_iterations", "starts", "seed", "spread", "gradients", "step_tolerance", "cost_tolerance", "allow_broken"];
    private static readonly string[] TargetKeys = ["structure", "property", "value", "unit", "weight", "scale", "tolerance", "atoms", "source"];

    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    /// <exception cref="TargetsFileException">The file cannot be read, or says something that cannot be fitted.</exception>
    public static TargetsFile ReadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TargetsFileException(path, "", 0, 0, $"cannot read the targets file: {e.Message}");
        }

        return Read(text, path, System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) ?? ".");
    }

    /// <summary>Reads targets from text; <paramref name="directory"/> is where relative structure paths are found.</summary>
    public static TargetsFile Read(string text, string path, string directory)
    {
        var reading = new Reading(path, text, directory);
        var parsed = LocatedToml.parse(text);
        if (parsed.IsError)
            throw reading.Fail(parsed.ErrorValue.Position, parsed.ErrorValue.Message);
        return reading.File(parsed.ResultValue);
    }

    private sealed class Reading(string path, string text, string directory)
    {
        public TargetsFileException Fail(Position at, string message) => new(path, text, at.Line, at.Column, message);

        public TargetsFile File(LocatedTable root)
        {
            OnlyKeys(root, TopLevelKeys, "the targets file");
            if (Find(root, "format") is { } formatValue)
            {
                var format = Integer(formatValue, "format");
                if (format != 1)
                    throw Fail(formatValue.Position, $"targets format {format} is not known (this version reads format 1)");
            }

            var description = Find(root, "description") is { } d ? Text(d, "description") : null;
            var settings = Find(root, "fit") is { } fit ? Settings(Table(fit, "[fit]")) : new FitSettings();
            var bounds = Find(root, "bounds") is { } b ? Bounds(Table(b, "[bounds]")) : new Dictionary<string, ParameterBound>();
            if (Find(root, "structures") is not { } structuresValue)
                throw Fail(root.Position, "the targets file has no [structures.NAME] tables: name at least one structure to fit to");
            var structures = Structures(Table(structuresValue, "[structures]"));
            if (Find(root, "targets") is not { } targetsValue)
                throw Fail(root.Position, "the targets file has no [[targets]] entries: give at least one property to fit");
            if (targetsValue is not LocatedValue.TArray { } array)
                throw Fail(targetsValue.Position, "targets must be an array of tables: write each as [[targets]]");
            var targets = array.Item1.Select(v => Target(Table(v, "a [[targets]] entry"), structures)).ToArray();
            if (targets.Length == 0)
                throw Fail(targetsValue.Position, "the targets file has no [[targets]] entries");
            var duplicate = targets.GroupBy(t => t.Label).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
                throw Fail(new Position(duplicate.Last().Line, 1), $"the target '{duplicate.Key}' is given twice");
            return new TargetsFile(path, text, description, settings, bounds, structures, targets);
        }

        private FitSettings Settings(LocatedTable table)
        {
            OnlyKeys(table, FitKeys, "[fit]");
            var settings = new FitSettings();
            foreach (var (key, _, value) in Entries(table))
            {
                settings = key switch
                {
                    "max_iterations" => settings with { MaxIterations = Positive(Integer(value, key), value, key) },
                    "starts" => settings with { Starts = Positive(Integer(value, key), value, key) },
                    "seed" => settings with { Seed = Integer(value, key) },
                    "spread" => settings with { Spread = Range(Number(value, key), value, key, 0, 1) },
                    "step_tolerance" => settings with { StepTolerance = Range(Number(value, key), value, key, 0, 1) },
                    "cost_tolerance" => settings with { CostTolerance = Range(Number(value, key), value, key, 0, 1) },
                    "gradients" => settings with { Gradients = Gradients(value) },
                    "allow_broken" => settings with { AllowBroken = AllowBroken(value) },
                    _ => settings,
                };
            }

            return settings;
        }

        private List<AllowedBreak> AllowBroken(LocatedValue value)
        {
            if (value is not LocatedValue.TArray { } array)
                throw Fail(value.Position, "allow_broken must be a list of exact-condition names, e.g. [\"pplb\", \"dissociation\"]");
            var names = new List<AllowedBreak>();
            foreach (var item in array.Item1)
            {
                var name = Text(item, "allow_broken");
                if (name.Length == 0)
                    throw Fail(item.Position, "allow_broken lists an empty name");
                if (names.Any(n => n.Name == name))
                    throw Fail(item.Position, $"allow_broken lists '{name}' twice");
                names.Add(new AllowedBreak(name, item.Position.Line));
            }

            return names;
        }

        private GradientMethod Gradients(LocatedValue value) => Text(value, "gradients") switch
        {
            "analytic" => GradientMethod.Analytic,
            "central-differences" => GradientMethod.CentralDifferences,
            var other => throw Fail(value.Position, $"gradients = \"{other}\" is not known: use \"analytic\" (the default) or \"central-differences\""),
        };

        private Dictionary<string, ParameterBound> Bounds(LocatedTable table)
        {
            var bounds = new Dictionary<string, ParameterBound>(StringComparer.Ordinal);
            foreach (var (name, at, value) in Entries(table))
            {
                if (value is not LocatedValue.TArray { Item1: { Length: 2 } pair })
                    throw Fail(value.Position, $"bounds of '{name}' must be [lower, upper] (numbers; \"-inf\" or \"inf\" for none)");
                var lower = Bound(pair.Head, name);
                var upper = Bound(pair.Tail.Head, name);
                if (!(lower < upper))
                    throw Fail(value.Position, $"bounds of '{name}': the lower bound {lower} must be below the upper bound {upper}");
                bounds[name] = new ParameterBound(lower, upper, at.Line);
            }

            return bounds;
        }

        private double Bound(LocatedValue value, string name) => value switch
        {
            LocatedValue.TString { value: "inf" or "+inf" } => double.PositiveInfinity,
            LocatedValue.TString { value: "-inf" } => double.NegativeInfinity,
            _ => Number(value, $"a bound of '{name}'"),
        };

        private List<FitStructure> Structures(LocatedTable table)
        {
            var structures = new List<FitStructure>();
            foreach (var (name, at, value) in Entries(table))
                structures.Add(Structure(name, at, Table(value, $"[structures.{name}]")));
            if (structures.Count == 0)
                throw Fail(table.Position, "[structures] names no structure");
            return structures;
        }

        private FitStructure Structure(string name, Position at, LocatedTable table)
        {
            var where = $"[structures.{name}]";
            if (Find(table, "kind") is not { } kindValue)
                throw Fail(at, $"{where} needs kind = \"dimer\", \"rocksalt\", \"fcc\", \"bcc\" or \"file\"");
            var kind = Text(kindValue, "kind") switch
            {
                "dimer" => StructureKind.Dimer,
                "rocksalt" => StructureKind.RockSalt,
                "fcc" => StructureKind.Fcc,
                "bcc" => StructureKind.Bcc,
                "file" => StructureKind.File,
                var other => throw Fail(kindValue.Position, $"{where}: unknown structure kind '{other}' (known: dimer, rocksalt, fcc, bcc, file)"),
            };
            switch (kind)
            {
                case StructureKind.Dimer:
                {
                    OnlyKeys(table, ["kind", "elements"], where);
                    var elements = Elements(table, at, where, 2, "a dimer names two elements, e.g. elements = [\"Na\", \"Cl\"]");
                    return new FitStructure(name, kind, elements, null, null, at.Line);
                }
                case StructureKind.RockSalt:
                case StructureKind.Fcc:
                case StructureKind.Bcc:
                {
                    OnlyKeys(table, ["kind", "elements", "lattice_constant"], where);
                    var count = kind == StructureKind.RockSalt ? 2 : 1;
                    var elements = Elements(table, at, where, count,
                        count == 2 ? "rock salt names its cation and anion, e.g. elements = [\"Na\", \"Cl\"]" : "an fcc or bcc crystal names one element, e.g. elements = [\"Cu\"]");
                    if (Find(table, "lattice_constant") is not { } aValue)
                        throw Fail(at, $"{where} needs lattice_constant (Å): where the search for zero stress starts");
                    var a = Number(aValue, "lattice_constant");
                    if (!(a > 0) || a > 100)
                        throw Fail(aValue.Position, $"{where}: lattice_constant must be a length in Å between 0 and 100, not {a}");
                    return new FitStructure(name, kind, elements, a, null, at.Line);
                }
                default:
                {
                    OnlyKeys(table, ["kind", "path", "frame"], where);
                    if (Find(table, "path") is not { } pathValue)
                        throw Fail(at, $"{where} needs path = \"...\": an extended XYZ file, relative to the targets file");
                    var file = Text(pathValue, "path");
                    var frame = Find(table, "frame") is { } f ? Integer(f, "frame") : 0;
                    var configuration = Configuration(System.IO.Path.Combine(directory, file), file, frame, pathValue.Position, Find(table, "frame")?.Position);
                    var elements = configuration.Structure.Symbols.Distinct().ToArray();
                    return new FitStructure(name, kind, elements, null, configuration, at.Line);
                }
            }
        }

        private ReferenceConfiguration Configuration(string fullPath, string written, int frame, Position pathAt, Position? frameAt)
        {
            if (!System.IO.File.Exists(fullPath))
                throw Fail(pathAt, $"no structure file '{written}' (looked for {fullPath})");
            IReadOnlyList<XyzFrame> frames;
            try
            {
                frames = ExtendedXyzReader.ReadFile(fullPath);
            }
            catch (XyzFormatException e)
            {
                throw Fail(pathAt, $"'{written}' is not readable extended XYZ: {e.Message}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw Fail(pathAt, $"cannot read '{written}': {e.Message}");
            }

            if (frame < 0 || frame >= frames.Count)
                throw Fail(frameAt ?? pathAt, $"'{written}' has {frames.Count} frame(s): frame {frame} does not exist (frames count from 0)");
            var chosen = frames[frame];
            double? energy = chosen.Info.TryGetDouble("energy", out var e0) ? e0 : null;
            double[]? stress = chosen.Info.TryGetVoigt("stress", out var s) ? s : null;
            var forces = chosen.Columns.TryGet("forces", out var f) && f.Type == XyzColumnType.Real && f.Components == 3 ? (double[])f.Reals.Clone() : null;
            var charges = chosen.Columns.TryGet("charges", out var q) && q.Type == XyzColumnType.Real && q.Components == 1 ? (double[])q.Reals.Clone() : null;
            return new ReferenceConfiguration(chosen.Structure, energy, forces, stress, charges, $"{written} frame {frame}");
        }

        private string[] Elements(LocatedTable table, Position at, string where, int count, string hint)
        {
            if (Find(table, "elements") is not LocatedValue.TArray { } array)
                throw Fail(Find(table, "elements")?.Position ?? at, $"{where}: {hint}");
            var symbols = array.Item1.Select(v => Text(v, "an element")).ToArray();
            if (symbols.Length != count)
                throw Fail(array.Item2, $"{where}: {hint}");
            return symbols;
        }

        private FitTarget Target(LocatedTable table, IReadOnlyList<FitStructure> structures)
        {
            OnlyKeys(table, TargetKeys, "a [[targets]] entry");
            var line = table.Position.Line;
            if (Find(table, "structure") is not { } structureValue)
                throw Fail(table.Position, "a target needs structure = \"NAME\" (one of the [structures] tables)");
            var structureName = Text(structureValue, "structure");
            var structure = structures.FirstOrDefault(s => s.Name == structureName)
                ?? throw Fail(structureValue.Position, $"unknown structure '{structureName}' (the file defines: {string.Join(", ", structures.Select(s => s.Name))})");
            if (Find(table, "property") is not { } propertyValue)
                throw Fail(table.Position, "a target needs property = \"...\"");
            var propertyName = Text(propertyValue, "property");
            var property = TargetProperty.Find(propertyName, structure.Kind);
            if (property is null)
            {
                var known = TargetProperty.All.Where(p => p.Kinds.Contains(structure.Kind)).Select(p => p.Name);
                var elsewhere = TargetProperty.All.FirstOrDefault(p => p.Name == propertyName);
                var reason = elsewhere is null
                    ? $"unknown property '{propertyName}'"
                    : $"'{propertyName}' is not a property of a {KindName(structure.Kind)} structure (it is of: {string.Join(", ", elsewhere.Kinds.Select(KindName))})";
                throw Fail(propertyValue.Position, $"{reason}; a {KindName(structure.Kind)} structure has: {string.Join(", ", known)}");
            }

            var factor = 1.0;
            if (Find(table, "unit") is { } unitValue)
            {
                var unit = Text(unitValue, "unit");
                factor = property.Quantity.Factor(unit)
                    ?? throw Fail(unitValue.Position, $"'{unit}' is not a unit of {property.Quantity.Name} (use one of: {string.Join(", ", property.Quantity.Units)})");
            }

            IReadOnlyList<int>? atoms = null;
            if (Find(table, "atoms") is { } atomsValue)
            {
                if (property != TargetProperty.Charges)
                    throw Fail(atomsValue.Position, "atoms = [...] chooses atoms for a charges target only");
                atoms = Integers(atomsValue, "atoms", structure.Configuration!.Structure.Count);
            }

            var values = Values(table, structure, property, factor, ref atoms);
            var weight = Find(table, "weight") is { } w ? Number(w, "weight") : 1.0;
            if (!(weight >= 0) || double.IsInfinity(weight))
                throw Fail(Find(table, "weight")!.Position, $"weight must be a finite number ≥ 0, not {weight}");
            var scale = ScaleOf(table, values, factor, property);
            var (tolerance, toleranceText) = ToleranceOf(table, values, factor, property);
            var source = Find(table, "source") is { } s ? Text(s, "source") : null;
            var label = atoms is null || property != TargetProperty.Charges || atoms.Count == structure.Configuration!.Structure.Count
                ? $"{structure.Name} {property.Name}"
                : $"{structure.Name} {property.Name} [{string.Join(",", atoms)}]";
            return new FitTarget(label, structure, property, values, atoms, weight, scale, tolerance, toleranceText, source, line);
        }

        /// <summary>The target values: written (converted to the canonical unit), or for a file structure taken from the file when absent.</summary>
        private double[] Values(LocatedTable table, FitStructure structure, TargetProperty property, double factor, ref IReadOnlyList<int>? atoms)
        {
            var given = Find(table, "value");
            var where = $"{structure.Name} {property.Name}";
            if (!property.IsArray)
            {
                if (given is null)
                {
                    if (property == TargetProperty.Energy && structure.Configuration?.Energy is { } e)
                        return [e];
                    throw Fail(table.Position, $"{where}: give value = ... (the {property.Description})"
                        + (property == TargetProperty.Energy ? ", or an energy in the file's comment line" : ""));
                }

                return [Number(given, "value") * factor];
            }

            var configuration = structure.Configuration!;
            var atomCount = configuration.Structure.Count;
            if (property == TargetProperty.Forces)
            {
                var forces = given is null ? configuration.Forces : Numbers(given, "value").Select(v => v * factor).ToArray();
                if (forces is null)
                    throw Fail(table.Position, $"{where}: give value = [...] (3 per atom, eV/Å) or a forces column in {configuration.Source}");
                if (forces.Length != 3 * atomCount)
                    throw Fail(given?.Position ?? table.Position, $"{where}: {forces.Length} force components for {atomCount} atoms (3 per atom expected)");
                return forces;
            }

            if (property == TargetProperty.Stress)
            {
                if (!configuration.Structure.Cell.IsPeriodic)
                    throw Fail(table.Position, $"{where}: {configuration.Source} is not periodic, so it has no stress");
                var stress = given is null
                    ? configuration.Stress?.Select(v => v * Quantity.Pressure.Factor("eV/Å³")!.Value).ToArray()
                    : Numbers(given, "value").Select(v => v * factor).ToArray();
                if (stress is null)
                    throw Fail(table.Position, $"{where}: give value = [xx, yy, zz, yz, xz, xy] or a stress in {configuration.Source}'s comment line");
                if (stress.Length != 6)
                    throw Fail(given?.Position ?? table.Position, $"{where}: stress has 6 Voigt components (xx yy zz yz xz xy), not {stress.Length}");
                return stress;
            }

            // Charges: of the listed atoms, or of all.
            atoms ??= Enumerable.Range(0, atomCount).ToArray();
            var charges = given is null
                ? configuration.Charges is { } all ? atoms.Select(i => all[i]).ToArray() : null
                : Numbers(given, "value").Select(v => v * factor).ToArray();
            if (charges is null)
                throw Fail(table.Position, $"{where}: give value = [...] or a charges column in {configuration.Source}");
            if (charges.Length != atoms.Count)
                throw Fail(given?.Position ?? table.Position, $"{where}: {charges.Length} charges for {atoms.Count} atoms");
            return charges;
        }

        private double ScaleOf(LocatedTable table, double[] values, double factor, TargetProperty property)
        {
            if (Find(table, "scale") is { } s)
            {
                var scale = Number(s, "scale") * factor;
                if (!(scale > 0) || double.IsInfinity(scale))
                    throw Fail(s.Position, $"scale must be a finite number > 0, not {scale / factor}");
                return scale;
            }

            // One non-zero number: relative residuals, so targets in different units weigh alike. Arrays and zeros: the unit.
            return !property.IsArray && values[0] != 0 ? Math.Abs(values[0]) : 1.0;
        }

        private (double?, string?) ToleranceOf(LocatedTable table, double[] values, double factor, TargetProperty property)
        {
            if (Find(table, "tolerance") is not { } t)
                return (null, null);
            if (t is LocatedValue.TString { value: var text } && text.Trim().EndsWith('%'))
            {
                if (property.IsArray)
                    throw Fail(t.Position, "a relative tolerance (%) needs one target value: give forces, stress and charges an absolute tolerance");
                if (!double.TryParse(text.Trim().TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) || !(percent > 0))
                    throw Fail(t.Position, $"tolerance \"{text}\" is not a positive percentage");
                if (values[0] == 0)
                    throw Fail(t.Position, "a relative tolerance (%) of a zero target means nothing: give an absolute one");
                return (Math.Abs(values[0]) * percent / 100, text.Trim());
            }

            var absolute = Number(t, "tolerance");
            if (!(absolute > 0) || double.IsInfinity(absolute))
                throw Fail(t.Position, $"tolerance must be a positive number (in the target's unit) or a percentage such as \"1%\", not {absolute}");
            return (absolute * factor, absolute.ToString("R", CultureInfo.InvariantCulture));
        }

        private static string KindName(StructureKind kind) => kind switch
        {
            StructureKind.RockSalt => "rocksalt",
            _ => kind.ToString().ToLowerInvariant(),
        };

        private void OnlyKeys(LocatedTable table, IReadOnlyCollection<string> allowed, string where)
        {
            foreach (var (key, at, _) in Entries(table))
            {
                if (!allowed.Contains(key))
                    throw Fail(at, $"{where}: unknown key '{key}' (known: {string.Join(", ", allowed)})");
            }
        }

        /// <summary>The value under <paramref name="key"/>, or null.</summary>
        private static LocatedValue? Find(LocatedTable table, string key) =>
            table.TryFind(key) is { } found ? found.Value : null;

        private static IEnumerable<(string Key, Position At, LocatedValue Value)> Entries(LocatedTable table) =>
            table.Entries.Select(e => (e.Item1, e.Item2, e.Item3));

        private LocatedTable Table(LocatedValue value, string what) =>
            value is LocatedValue.TTable { Item: var t } ? t : throw Fail(value.Position, $"{what} must be a table, not {value.Kind}");

        private string Text(LocatedValue value, string what) =>
            value is LocatedValue.TString { value: var s } ? s : throw Fail(value.Position, $"{what} must be a string, not {value.Kind}");

        private double Number(LocatedValue value, string what)
        {
            var number = value switch
            {
                LocatedValue.TFloat f => f.Item1,
                LocatedValue.TInteger i => i.Item1,
                _ => throw Fail(value.Position, $"{what} must be a number, not {value.Kind}"),
            };
            if (!double.IsFinite(number))
                throw Fail(value.Position, $"{what} must be finite, not {number}");
            return number;
        }

        private int Integer(LocatedValue value, string what) =>
            value is LocatedValue.TInteger { Item1: var i } && i is >= int.MinValue and <= int.MaxValue
                ? (int)i
                : throw Fail(value.Position, $"{what} must be a whole number, not {value.Kind}");

        private int Positive(int value, LocatedValue at, string what) =>
            value > 0 ? value : throw Fail(at.Position, $"{what} must be at least 1, not {value}");

        private double Range(double value, LocatedValue at, string what, double lower, double upper) =>
            value > lower && value <= upper ? value : throw Fail(at.Position, $"{what} must lie in ({lower}, {upper}], not {value}");

        private double[] Numbers(LocatedValue value, string what) =>
            value is LocatedValue.TArray { Item1: var items }
                ? items.Select(v => Number(v, what)).ToArray()
                : throw Fail(value.Position, $"{what} must be an array of numbers, not {value.Kind}");

        private int[] Integers(LocatedValue value, string what, int count)
        {
            if (value is not LocatedValue.TArray { Item1: var items } || items.IsEmpty)
                throw Fail(value.Position, $"{what} must be a non-empty array of atom indices (from 0)");
            var indices = items.Select(v => Integer(v, what)).ToArray();
            if (indices.Any(i => i < 0 || i >= count))
                throw Fail(value.Position, $"{what}: atom {indices.First(i => i < 0 || i >= count)} does not exist (the structure has {count} atoms, numbered from 0)");
            return indices;
        }
    }
}
