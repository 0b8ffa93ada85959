using System.Text.Json.Nodes;
using Latent.Runtime.Engine;
using Latent.Runtime.Kernels;
using Latent.Runtime.Structures;

namespace Latent.Cli.Output;

/// <summary>What <c>latent eval</c> prints: a short summary and a per-atom table for people, or
/// every number at full precision as JSON for scripts.</summary>
public sealed class EvalReport(string source, Structure structure, PotentialKernels potential, double temperature, double charge, CalculationResult result)
{
    public JsonObject ToJson()
    {
        var terms = result.Terms;
        return new JsonObject
        {
            ["energy"] = JsonOutput.Number(result.FreeEnergy),
            ["internal_energy"] = JsonOutput.Number(result.InternalEnergy),
            ["forces"] = Matrix(result.Forces.Select(f => new[] { f.X, f.Y, f.Z })),
            ["stress"] = result.Stress is null ? null : Array(result.Stress),
            ["charges"] = Array(result.Charges),
            ["weights"] = Matrix(result.Weights),
            ["lambda"] = JsonOutput.Number(result.Lambda),
            ["terms"] = new JsonObject
            {
                ["atomic"] = Array(terms.Atomic),
                ["electrostatic"] = Array(terms.Electrostatic),
                ["pair"] = Array(terms.Pair),
                ["embedding"] = Array(terms.Embedding),
                ["entropy"] = Array(terms.Entropy),
            },
            ["solver"] = new JsonObject
            {
                ["iterations"] = result.Report.Iterations,
                ["residual"] = JsonOutput.Number(result.Report.Residual),
            },
        };
    }

    public void WriteText(TextWriter output, bool terminal)
    {
        var n = structure.Count;
        var kind = structure.Cell.IsPeriodic ? "periodic cell" : "cluster";
        output.WriteLine($"{source}: {n} {(n == 1 ? "atom" : "atoms")} ({kind}), potential {potential.Name}, "
            + $"θ = {Numbers.Short(temperature)} eV, total charge {Numbers.Short(charge)} e");
        var maxForce = result.Forces.Length == 0 ? 0 : result.Forces.Max(f => f.Length);
        void Line(string label, string value) => output.WriteLine($"{label,-22}{value}");
        Line("free energy A", $"{Numbers.Fixed(result.FreeEnergy, 6)} eV (forces derive from A)");
        Line("internal energy E", $"{Numbers.Fixed(result.InternalEnergy, 6)} eV");
        Line("chemical potential λ", $"{Numbers.Fixed(result.Lambda, 6)} eV/e");
        Line("max |F|", $"{Numbers.Fixed(maxForce, 6)} eV/Å");
        Line("stress", result.Stress is null
            ? "none for a cluster"
            : string.Join(" ", result.Stress.Select(s => Numbers.Fixed(s, 6))) + " eV/Å³ (xx yy zz yz xz xy)");
        Line("solver", result.Report.WeightsFixed
            ? "none: one state per element, every weight is 1"
            : $"{result.Report.Iterations} iterations, residual {Numbers.Short(result.Report.Residual, 2)}, lowest free energy from {result.Report.Start}");
        output.WriteLine();
        AtomTable().Write(output, terminal);
    }

    /// <summary>One weight column per state name of the elements present (blank where an atom's element lacks
    /// that state), so atoms of different elements read side by side.</summary>
    private TextTable AtomTable()
    {
        var elements = structure.Symbols.Distinct().Select(s => potential.Elements[potential.ElementIndex(s)]).ToArray();
        var stateNames = elements.SelectMany(e => e.States.Select(s => s.Name)).Distinct().ToArray();
        var table = new TextTable().Column("atom").Column("symbol", rightAligned: false).Column("charge/e");
        foreach (var name in stateNames)
        {
            table.Column("w " + name);
        }

        table.Column("|F|/(eV/Å)").Column("A_i/eV");
        for (var i = 0; i < structure.Count; i++)
        {
            var states = potential.Elements[potential.ElementIndex(structure.Symbols[i])].States;
            var cells = new List<string> { i.ToString(System.Globalization.CultureInfo.InvariantCulture), structure.Symbols[i], Numbers.Fixed(result.Charges[i], 4) };
            foreach (var name in stateNames)
            {
                var k = states.ToList().FindIndex(s => s.Name == name);
                cells.Add(k < 0 ? "" : Numbers.Fixed(result.Weights[i][k], 4));
            }

            cells.Add(Numbers.Fixed(result.Forces[i].Length, 4));
            cells.Add(Numbers.Fixed(result.Terms.AtomFreeEnergy(i), 6));
            table.Row(cells.ToArray());
        }

        return table;
    }

    private static JsonArray Array(IEnumerable<double> values) =>
        new(values.Select(v => (JsonNode?)JsonOutput.Number(v)).ToArray());

    private static JsonArray Matrix(IEnumerable<double[]> rows) =>
        new(rows.Select(r => (JsonNode?)Array(r)).ToArray());
}
