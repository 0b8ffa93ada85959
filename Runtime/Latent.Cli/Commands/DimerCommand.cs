using System.CommandLine;
using System.Text.Json.Nodes;
using Latent.Cli.Dimer;
using Latent.Cli.Input;
using Latent.Cli.Output;
using Latent.Runtime.Kernels;
using Latent.Runtime.Properties;

namespace Latent.Cli.Commands;

/// <summary><c>latent dimer</c>: the dissociation curve of an isolated A–B dimer, as a table, JSON and a plot, and the
/// molecule's properties (<see cref="DimerProperties"/>).</summary>
public static class DimerCommand
{
    public static Command Create()
    {
        var first = new Argument<string>("A") { Description = "First element (at the origin), e.g. Na." };
        var second = new Argument<string>("B") { Description = "Second element (on the x axis), e.g. Cl." };
        var potential = CommonOptions.Potential();
        var from = new Option<double>("--from") { Description = "Shortest distance in Å.", DefaultValueFactory = _ => 1.5 };
        var to = new Option<double?>("--to") { Description = "Longest distance in Å (default max(20, 1.25·R_c, cutoff + 1), rounded up to a whole Å)." };
        var step = new Option<double>("--step") { Description = "Distance step in Å.", DefaultValueFactory = _ => 0.05 };
        var plot = new Option<string?>("--plot")
        {
            Description = "Write a PNG of the free energy and the charge of A against r, with the ionic–covalent crossing marked.",
        };
        var temperature = CommonOptions.Temperature();
        var json = CommonOptions.Json();
        var threads = CommonOptions.Threads();
        threads.Description = $"Distances solved at once (default: ${CommonOptions.ThreadsVariable}, else every core). Results do not depend on it.";
        var command = new Command("dimer", "Dissociation curve of an isolated A–B dimer: energy, charges and latent weights against distance.")
        {
            first, second, potential, from, to, step, plot, temperature, json, threads,
        };
        command.SetAction(parse => Run(
            parse.GetValue(first)!,
            parse.GetValue(second)!,
            parse.GetValue(potential)!,
            parse.GetValue(from),
            parse.GetValue(to),
            parse.GetValue(step),
            parse.GetValue(plot),
            CommonOptions.CheckTemperature(parse.GetValue(temperature)),
            parse.GetValue(json),
            CommonOptions.CheckThreads(parse.GetValue(threads)),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string symbolA, string symbolB, string potentialName, double from, double? to, double step, string? plotPath, double? temperature, bool json, int? threads, TextWriter stdout, TextWriter stderr)
    {
        var kernels = PotentialInput.Load(potentialName);
        PotentialInput.RequireTemperatureApplies(kernels, temperature);
        var indexA = PotentialInput.ElementIndex(kernels, symbolA, "A");
        var indexB = PotentialInput.ElementIndex(kernels, symbolB, "B");
        var (a, b) = (kernels.Elements[indexA], kernels.Elements[indexB]);
        var crossing = IonicCrossing.Estimate(a, b);
        var distances = DistanceGrid.Create(from, to ?? DistanceGrid.DefaultLongest(crossing, kernels.Cutoff), step);
        var scan = new DimerScan(kernels, indexA, indexB, temperature, threads);
        var points = ProgressBar.Run(stderr, show: !json, $"{a.Symbol}–{b.Symbol}", distances.Length, tick => scan.Run(distances, tick));
        var properties = scan.Properties(points);

        if (plotPath is not null)
        {
            DimerPlot.Write(plotPath, a.Symbol, b.Symbol, kernels.Name, scan.Temperature, points, crossing, properties);
        }

        if (json)
        {
            JsonOutput.Write(stdout, Json(points, crossing, properties));
        }
        else
        {
            WriteText(stdout, kernels, a, b, scan.Temperature, points, crossing, properties);
            if (plotPath is not null)
            {
                stdout.WriteLine();
                stdout.WriteLine($"wrote {plotPath}");
            }
        }

        return ExitCodes.Success;
    }

    private static JsonObject Json(DimerPoint[] points, IonicCrossing? crossing, DimerProperties? properties)
    {
        static JsonArray Values(IEnumerable<double> values) => new(values.Select(v => (JsonNode?)JsonOutput.Number(v)).ToArray());
        JsonObject Point(DimerPoint p)
        {
            var point = new JsonObject
            {
                ["r"] = JsonOutput.Number(p.R),
                ["energy"] = JsonOutput.Number(p.FreeEnergy),
                ["internal_energy"] = JsonOutput.Number(p.InternalEnergy),
                ["charges"] = Values(p.Charges),
            };
            // Continuous charges have no latent weights: the key is left out rather than given empty.
            if (p.Weights is { } weights)
            {
                point["weights"] = new JsonArray(weights.Select(w => (JsonNode?)Values(w)).ToArray());
            }

            point["lambda"] = JsonOutput.Number(p.Lambda);
            return point;
        }

        return new JsonObject
        {
            ["points"] = new JsonArray(points.Select(p => (JsonNode?)Point(p)).ToArray()),
            ["crossing"] = crossing is null ? null : JsonOutput.Number(crossing.Distance),
            ["properties"] = properties is null ? null : DimerPropertiesOutput.Json(properties),
        };
    }

    private static void WriteText(TextWriter stdout, PotentialKernels kernels, ElementDescription a, ElementDescription b, double? temperature, DimerPoint[] points, IonicCrossing? crossing, DimerProperties? properties)
    {
        var model = temperature is { } theta ? $"θ = {Numbers.Short(theta)} eV" : "continuous charges";
        stdout.WriteLine($"{a.Symbol}–{b.Symbol} dimer, potential {kernels.Name}, {model}: "
            + $"{points.Length} {(points.Length == 1 ? "point" : "points")}, r from {Numbers.Format(points[0].R)} to {Numbers.Format(points[^1].R)} Å");
        if (crossing is not null)
        {
            stdout.WriteLine($"ionic–covalent crossing estimate R_c = 14.40/(IP_{crossing.Cation} − EA_{crossing.Anion}) "
                + $"= 14.40/({Numbers.Short(crossing.IonisationEnergy)} − {Numbers.Short(crossing.ElectronAffinity)}) = {Numbers.Fixed(crossing.Distance, 2)} Å");
        }

        stdout.WriteLine();
        var table = new TextTable().Column("r/Å").Column(temperature is null ? "E/eV" : "A/eV").Column($"q {a.Symbol}").Column($"q {b.Symbol}");
        foreach (var state in a.States)
        {
            table.Column($"{a.Symbol} {state.Name}");
        }

        foreach (var state in b.States)
        {
            table.Column($"{b.Symbol} {state.Name}");
        }

        foreach (var p in points)
        {
            var cells = new List<string>
            {
                Numbers.Format(p.R),
                Numbers.Fixed(p.FreeEnergy, 6),
                Numbers.Fixed(p.Charges[0], 4),
                Numbers.Fixed(p.Charges[1], 4),
            };
            if (p.Weights is { } weights)
            {
                cells.AddRange(weights[0].Concat(weights[1]).Select(w => Numbers.Fixed(w, 4)));
            }

            table.Row(cells.ToArray());
        }

        table.Write(stdout, Terminal.IsStdout(stdout));
        stdout.WriteLine();
        DimerPropertiesOutput.Write(stdout, a.Symbol, properties, crossing);
    }
}
