using System.Text.Json.Nodes;
using Latent.Runtime.Engine;
using Latent.Runtime.Engine.ChargeEquilibration;
using Latent.Runtime.Kernels;
using Latent.Runtime.Structures;

namespace Latent.Cli.Output;

/// <summary>What <c>latent eval</c> prints: a short summary and a per-atom table for people, or
/// every number at full precision as JSON for scripts. A continuous-charge potential has no θ (null) and no
/// latent weights: their lines, columns and JSON keys are left out.</summary>
public sealed class EvalReport(string source, Structure structure, PotentialKernels potential, double? temperature, double charge, EngineResult result)
{
    public JsonObject ToJson()
    {
        var terms = result.Terms;
        var json = new JsonObject
        {
            ["energy"] = JsonOutput.Number(result.FreeEnergy),
            ["internal_energy"] = JsonOutput.Number(result.InternalEnergy),
            ["forces"] = Matrix(result.Forces.Select(f => new[] { f.X, f.Y, f.Z })),
            ["stress"] = result.Stress is null ? null : Array(result.Stress),
            ["charges"] = Array(result.Charges),
            ["weights"] = result.Weights is { } weights ? Matrix(weights) : null,
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
                ["method"] = result is ChargeEquilibrationResult q ? q.Report.Method : "latent weights",
                ["iterations"] = result.SolverIterations,
                ["residual"] = JsonOutput.Number(result.SolverResidual),
            },
        };
        if (result.Weights is null)
        {
            json.Remove("weights");
        }

        return json;
    }

    public void WriteText(TextWriter output, bool terminal)
    {
        var n = structure.Count;
        var kind = structure.Cell.IsPeriodic ? "periodic cell" : "cluster";
        var model = temperature is { } theta ? $"θ = {Numbers.Short(theta)} eV" : "continuous charges";
        output.WriteLine($"{source}: {n} {(n == 1 ? "atom" : "atoms")} ({kind}), potential {potential.Name}, "
            + $"{model}, total charge {Numbers.Short(charge)} e");
        var maxForce = result.Forces.Length == 0 ? 0 : result.Forces.Max(f => f.Length);
        void Line(string label, string value) => output.WriteLine($"{label,-22}{value}");
        if (result is ChargeEquilibrationResult)
        {
            // No latent weights, so no entropy: the energy the forces derive from is E itself.
            Line("energy E", $"{Numbers.Fixed(result.FreeEnergy, 6)} eV (forces derive from E)");
        }
        else
        {
            Line("free energy A", $"{Numbers.Fixed(result.FreeEnergy, 6)} eV (forces derive from A)");
            Line("internal energy E", $"{Numbers.Fixed(result.InternalEnergy, 6)} eV");
        }

        Line("chemical potential λ", $"{Numbers.Fixed(result.Lambda, 6)} eV/e");
        Line("max |F|", $"{Numbers.Fixed(maxForce, 6)} eV/Å");
        Line("stress", result.Stress is null
            ? "none for a cluster"
            : string.Join(" ", result.Stress.Select(s => Numbers.Fixed(s, 6))) + " eV/Å³ (xx yy zz yz xz xy)");
        Line("solver", result switch
        {
            ChargeEquilibrationResult q => $"charges by {q.Report.Method}"
                + (q.Report.Iterations > 0 ? $", {q.Report.Iterations} iterations" : "")
                + $", max |∂E/∂q_i − λ| = {Numbers.Short(q.Report.Residual, 2)} eV/e",
            CalculationResult { Report.WeightsFixed: true } => "none: one state per element, every weight is 1",
            CalculationResult c => $"{c.Report.Iterations} iterations, residual {Numbers.Short(c.Report.Residual, 2)}, lowest free energy from {c.Report.Start}",
            _ => throw new ArgumentException($"no report for a {result.GetType().Name}"),
        });
        output.WriteLine();
        AtomTable().Write(output, terminal);
    }

    /// <summary>One weight column per state name of the elements present (blank where an atom's element lacks
    /// that state), so atoms of different elements read side by side.</summary>
    private TextTable AtomTable()
    {
        var elements = structure.Symbols.Distinct().Select(s => potential.Elements[potential.ElementIndex(s)]).ToArray();
        // No weight columns without weights (a continuous-charge potential).
        var stateNames = result.Weights is null ? [] : elements.SelectMany(e => e.States.Select(s => s.Name)).Distinct().ToArray();
        var table = new TextTable().Column("atom").Column("symbol", rightAligned: false).Column("charge/e");
        foreach (var name in stateNames)
        {
            table.Column("w " + name);
        }

        table.Column("|F|/(eV/Å)").Column(result.Weights is null ? "E_i/eV" : "A_i/eV");
        for (var i = 0; i < structure.Count; i++)
        {
            var states = potential.Elements[potential.ElementIndex(structure.Symbols[i])].States;
            var cells = new List<string> { i.ToString(System.Globalization.CultureInfo.InvariantCulture), structure.Symbols[i], Numbers.Fixed(result.Charges[i], 4) };
            foreach (var name in stateNames)
            {
                var k = states.ToList().FindIndex(s => s.Name == name);
                cells.Add(k < 0 ? "" : Numbers.Fixed(result.Weights![i][k], 4));
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
