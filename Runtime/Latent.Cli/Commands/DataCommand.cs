using System.CommandLine;
using System.Text.Json.Nodes;
using Latent.Cli.Output;
using Latent.Symbolic.PotentialFile;
using Microsoft.FSharp.Core;

namespace Latent.Cli.Commands;

/// <summary>
/// <c>latent data [ELEMENT]</c>: the atomic-data table potential files draw on (mass_X, ip1_X, ip2_X, ea_X),
/// for every element or one, with units and the table's own sources, so a user can see what a formula
/// will get before writing it.
/// </summary>
public static class DataCommand
{
    private static readonly (string Key, string Quantity, string Unit)[] Columns =
    [
        ("mass", "standard atomic weight", "amu"),
        ("ip1", "first ionisation energy", "eV"),
        ("ip2", "second ionisation energy", "eV"),
        ("ea", "electron affinity", "eV"),
    ];

    public static Command Create()
    {
        var element = new Argument<string?>("element")
        {
            Description = "An element symbol, e.g. K (default: every element in the table).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var json = CommonOptions.Json();
        var command = new Command("data",
            "Print the atomic data (standard atomic weight, ionisation energies, electron affinity) that potential files use, with units and sources.")
        {
            element, json,
        };
        command.SetAction(parse => Run(parse.GetValue(element), parse.GetValue(json), parse.InvocationConfiguration.Output));
        return command;
    }

    private static int Run(string? symbol, bool json, TextWriter stdout)
    {
        var records = symbol is null ? AtomicData.all().ToArray() : [Find(symbol)];
        if (json)
        {
            JsonOutput.Write(stdout, Json(records));
        }
        else if (symbol is null)
        {
            WriteTable(stdout, records);
        }
        else
        {
            WriteOne(stdout, records[0]);
        }

        return ExitCodes.Success;
    }

    /// <exception cref="UserError">The table has no such element; the message says which it covers and the nearest symbols.</exception>
    private static AtomicRecord Find(string symbol)
    {
        if (AtomicData.tryFind(symbol) is { } found)
        {
            return found.Value;
        }

        var all = AtomicData.all().ToArray();
        var sameLetters = all.Where(r => string.Equals(r.Symbol, symbol, StringComparison.OrdinalIgnoreCase)).ToArray();
        var near = sameLetters.Length > 0 ? sameLetters : all.Where(r => OneEditApart(r.Symbol.ToLowerInvariant(), symbol.ToLowerInvariant())).Take(3).ToArray();
        var hint = near.Length > 0 ? $"; did you mean {string.Join(" or ", near.Select(r => r.Symbol))}?" : "";
        throw new UserError($"no atomic data for element '{symbol}': the table covers {Coverage(all)}{hint}");
    }

    /// <summary>Whether one insertion, deletion or substitution turns one string into the other.</summary>
    private static bool OneEditApart(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 1 || a == b)
        {
            return false;
        }

        var prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix])
        {
            prefix++;
        }

        // Past the first difference, the rest must match once the differing character is skipped.
        return a.Length == b.Length ? a[(prefix + 1)..] == b[(prefix + 1)..]
            : a.Length > b.Length ? a[(prefix + 1)..] == b[prefix..]
            : a[prefix..] == b[(prefix + 1)..];
    }

    /// <summary>The elements as runs of consecutive atomic numbers: "H–Ba (Z 1–56) and Au (Z 79)".</summary>
    private static string Coverage(IReadOnlyList<AtomicRecord> records)
    {
        var runs = new List<(AtomicRecord First, AtomicRecord Last)>();
        foreach (var r in records.OrderBy(r => r.AtomicNumber))
        {
            if (runs.Count > 0 && runs[^1].Last.AtomicNumber + 1 == r.AtomicNumber)
            {
                runs[^1] = (runs[^1].First, r);
            }
            else
            {
                runs.Add((r, r));
            }
        }

        var parts = runs.Select(run => run.First == run.Last
            ? $"{run.First.Symbol} (Z {run.First.AtomicNumber})"
            : $"{run.First.Symbol}–{run.Last.Symbol} (Z {run.First.AtomicNumber}–{run.Last.AtomicNumber})").ToArray();
        return parts.Length == 1 ? parts[0] : string.Join(", ", parts[..^1]) + " and " + parts[^1];
    }

    private static double? Value(AtomicRecord r, string key) => key switch
    {
        "mass" => r.Mass,
        "ip1" => Optional(r.Ip1),
        "ip2" => Optional(r.Ip2),
        "ea" => Optional(r.ElectronAffinity),
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "not a column of the atomic-data table"),
    };

    private static double? Optional(FSharpOption<double>? value) => FSharpOption<double>.get_IsSome(value) ? value!.Value : null;

    private static string Cell(double? value) => value is { } v ? Numbers.Format(v) : "–";

    private static void WriteTable(TextWriter stdout, IReadOnlyList<AtomicRecord> records)
    {
        var table = new TextTable().Column("element", rightAligned: false).Column("Z");
        foreach (var (key, _, unit) in Columns)
        {
            table.Column($"{key} ({unit})");
        }

        foreach (var r in records)
        {
            table.Row([r.Symbol, r.AtomicNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), .. Columns.Select(c => Cell(Value(r, c.Key)))]);
        }

        table.Write(stdout, Terminal.IsStdout(stdout));
        WriteNotes(stdout);
    }

    private static void WriteOne(TextWriter stdout, AtomicRecord r)
    {
        stdout.WriteLine($"{r.Symbol}, Z = {r.AtomicNumber}");
        var table = new TextTable()
            .Column("quantity", rightAligned: false)
            .Column("in formulas", rightAligned: false)
            .Column("value")
            .Column("unit", rightAligned: false);
        foreach (var (key, quantity, unit) in Columns)
        {
            table.Row(quantity, $"{key}_{r.Symbol}", Cell(Value(r, key)), unit);
        }

        table.Write(stdout, Terminal.IsStdout(stdout));
        WriteNotes(stdout);
    }

    /// <summary>The table's header: coverage, meaning, units and sources of each column, why a value is missing.</summary>
    private static void WriteNotes(TextWriter stdout)
    {
        stdout.WriteLine();
        foreach (var line in AtomicData.notes())
        {
            stdout.WriteLine(line);
        }
    }

    private static JsonObject Json(IReadOnlyList<AtomicRecord> records) => new()
    {
        ["units"] = new JsonObject(Columns.Select(c => KeyValuePair.Create(c.Key, (JsonNode?)c.Unit))),
        ["notes"] = new JsonArray(AtomicData.notes().Select(line => (JsonNode?)line).ToArray()),
        ["elements"] = new JsonArray(records.Select(r =>
        {
            var element = new JsonObject { ["symbol"] = r.Symbol, ["z"] = r.AtomicNumber };
            foreach (var (key, _, _) in Columns)
            {
                element[key] = Value(r, key) is { } v ? JsonOutput.Number(v) : null;
            }

            return (JsonNode?)element;
        }).ToArray()),
    };
}
