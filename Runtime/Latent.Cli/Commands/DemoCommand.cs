using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Latent.Cli.Demo;
using Latent.Cli.Output;

namespace Latent.Cli.Commands;

/// <summary><c>latent demo</c>: the symbolic pipeline on the shipped Slater Coulomb kernel, with what each step shows.</summary>
public static class DemoCommand
{
    public static Command Create()
    {
        var json = CommonOptions.Json();
        var command = new Command("demo", "Run the symbolic pipeline (parse, differentiate, straight-line program, "
            + "evaluate, check) on the shipped two-centre Coulomb integral of Slater 1s densities for Na and Cl.")
        {
            json,
        };
        command.SetAction(parse => Run(parse.GetValue(json), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(bool json, TextWriter stdout, TextWriter stderr)
    {
        var report = SlaterCoulombDemo.Run();
        if (json)
        {
            JsonOutput.Write(stdout, ToJson(report));
        }
        else
        {
            WriteText(report, stdout);
        }

        // A failed check is a defect in the symbolic core, not something the user did.
        foreach (var failure in report.Failures)
        {
            stderr.WriteLine($"latent: internal error: demo check failed: {failure}");
        }

        return report.Failures.Count == 0 ? ExitCodes.Success : ExitCodes.InternalError;
    }

    private static void WriteText(CoulombDemoReport report, TextWriter o)
    {
        static string S(double v) => Numbers.Short(v);
        static string E(double v) => v.ToString("0.0E+0", CultureInfo.InvariantCulture);

        o.WriteLine($"Coulomb integral J(R) of two Slater 1s densities, Na (I = 5.1391 eV) and Cl (EA = 3.6127 eV) [{report.FormulaFile}]");
        o.WriteLine($"1 parse     exponents from the decay condition zeta = sqrt(2I/Ha)/a0: a = {S(report.ExponentA)}/Å, b = {S(report.ExponentB)}/Å; J is {report.ValueNodes} DAG nodes");
        o.WriteLine($"2 diff      dJ/dR, simplified and shared: {report.DerivativeNodes} DAG nodes ({report.DerivativeTreeNodes:0} if written out as a tree)");
        o.WriteLine($"3 cse       J and dJ/dR as one straight-line program: {report.ProgramInstructions} instructions ({report.ValueNodes} + {report.DerivativeNodes} nodes apart, {report.CombinedNodes} together)");
        o.WriteLine("4 evaluate  R/Å    k_e·J/eV    k_e·dJ/dR/(eV/Å)   central difference");
        foreach (var s in report.Samples)
        {
            o.WriteLine($"            {s.Distance,-5:0.###}  {S(s.Energy),-10}  {S(s.Derivative),-17}  {S(s.FiniteDifference)}");
        }

        o.WriteLine($"5 check     relative differences: dJ/dR vs central difference {E(report.WorstFiniteDifference)}, "
            + $"program vs interpreter {E(report.ProgramVsInterpreter)}, formula vs built-in component {E(report.FormulaVsComponent)}");
        var tail = string.Join(", ", report.Tail.Select(t => $"{E(t.Excess)} eV at {t.Distance:0} Å"));
        o.WriteLine($"6 tail      k_e·J − k_e/R: {tail}: the overlap correction dies off exponentially, leaving point charges");
    }

    private static JsonObject ToJson(CoulombDemoReport report)
    {
        var samples = new JsonArray();
        foreach (var s in report.Samples)
        {
            samples.Add(new JsonObject
            {
                ["R"] = JsonOutput.Number(s.Distance),
                ["energy"] = JsonOutput.Number(s.Energy),
                ["derivative"] = JsonOutput.Number(s.Derivative),
                ["finiteDifference"] = JsonOutput.Number(s.FiniteDifference),
            });
        }

        var tail = new JsonArray();
        foreach (var t in report.Tail)
        {
            tail.Add(new JsonObject
            {
                ["R"] = JsonOutput.Number(t.Distance),
                ["energy"] = JsonOutput.Number(t.Energy),
                ["pointCharge"] = JsonOutput.Number(t.PointCharge),
            });
        }

        return new JsonObject
        {
            ["formula"] = report.FormulaFile,
            ["exponents"] = new JsonObject { ["a"] = JsonOutput.Number(report.ExponentA), ["b"] = JsonOutput.Number(report.ExponentB) },
            ["dagNodes"] = new JsonObject
            {
                ["value"] = report.ValueNodes,
                ["derivative"] = report.DerivativeNodes,
                ["together"] = report.CombinedNodes,
            },
            ["programInstructions"] = report.ProgramInstructions,
            ["samples"] = samples,
            ["worstFiniteDifference"] = JsonOutput.Number(report.WorstFiniteDifference),
            ["programVsInterpreter"] = JsonOutput.Number(report.ProgramVsInterpreter),
            ["formulaVsComponent"] = JsonOutput.Number(report.FormulaVsComponent),
            ["tail"] = tail,
            ["failures"] = new JsonArray(report.Failures.Select(f => (JsonNode?)JsonValue.Create(f)).ToArray()),
        };
    }
}
