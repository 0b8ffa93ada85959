using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Latent.Cli.Demo;
using Latent.Cli.Dimer;
using Latent.Cli.Input;
using Latent.Cli.Output;
using Latent.Runtime.Structures.ExtendedXyz;

namespace Latent.Cli.Commands;

/// <summary>
/// <c>latent demo</c>: the main job on the shipped NaCl potential, in three parts that each print one line of
/// what they show: (a) the Na–Cl dissociation curve and its plot, (b) a rock-salt nanocrystal relaxed with FIRE,
/// with its latent charges by site, (c) NVE dynamics of it and how well A + kinetic is conserved.
/// </summary>
public static class DemoCommand
{
    /// <summary>Edge of the nanocrystal in ions: 4×4×4 has 8 corner, 24 edge, 24 face and 8 interior ions.</summary>
    public const int CubeSize = 4;

    public const int MdSteps = 1000;
    public const double MdTimeStep = 1.0;
    public const double MdTemperature = 300;
    public const int FrameEvery = 50;

    public const string PlotFile = "nacl-dimer.png";
    public const string RelaxedFile = "nanocrystal-relaxed.extxyz";
    public const string TrajectoryFile = "nanocrystal-md.extxyz";

    public static Command Create()
    {
        var output = new Option<string>("--out")
        {
            Description = "Directory for the demo's files (the dimer plot, the relaxed nanocrystal, the MD trajectory); created if missing.",
            DefaultValueFactory = _ => "latent-demo",
        };
        var json = CommonOptions.Json();
        var threads = CommonOptions.Threads();
        var command = new Command("demo", "Show the main job on the shipped NaCl potential: the Na–Cl dissociation curve with its latent "
            + "charge transfer, a relaxed rock-salt nanocrystal with its charges by site, and energy-conserving dynamics.")
        {
            output, json, threads,
        };
        command.SetAction(parse => Run(parse.GetValue(output)!, parse.GetValue(json), CommonOptions.CheckThreads(parse.GetValue(threads)),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string directory, bool json, int? threads, TextWriter stdout, TextWriter stderr)
    {
        if (File.Exists(directory))
        {
            throw new UserError($"'{directory}' is a file; --out needs a directory");
        }

        var full = Path.GetFullPath(directory);
        try
        {
            Directory.CreateDirectory(full);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"--out: cannot create '{directory}': {error.Message}");
        }

        var text = json ? TextWriter.Null : stdout;
        var kernels = PotentialInput.Load("NaCl");
        var (na, cl) = (PotentialInput.ElementIndex(kernels, "Na", "demo"), PotentialInput.ElementIndex(kernels, "Cl", "demo"));
        text.WriteLine($"Latent demo: the shipped potential {kernels.Name} (θ = {Numbers.Short(kernels.Temperature)} eV); files go to {full}");
        text.WriteLine();

        var symbolic = SlaterCoulombDemo.Run();
        text.WriteLine($"formulas     The Coulomb kernel of two Slater 1s densities, differentiated exactly: dJ/dR matches a central difference to "
            + $"{Sci(symbolic.WorstFiniteDifference)}, the compiled program the interpreter to {Sci(symbolic.ProgramVsInterpreter)}.");
        text.Flush();

        var dimer = DimerFindings.Compute(kernels, na, cl, threads);
        var plot = Path.Combine(full, PlotFile);
        DimerPlot.Write(plot, "Na", "Cl", kernels.Name, kernels.Temperature, dimer.Points, dimer.Crossing, dimer.Properties);
        WriteDimer(text, dimer);
        text.Flush();

        var crystal = CrystalFindings.Compute(kernels, kernels.Elements[na], kernels.Elements[cl], CubeSize, threads);
        var relaxed = Path.Combine(full, RelaxedFile);
        AnnotatedStructure.Write(relaxed, new XyzFrame(crystal.Cube), kernels, crystal.Final);
        WriteCrystal(text, crystal);
        text.Flush();

        var trajectory = Path.Combine(full, TrajectoryFile);
        var md = DynamicsFindings.Compute(kernels, crystal.Cube, MdSteps, MdTimeStep, MdTemperature, trajectory, FrameEvery, threads);
        WriteDynamics(text, md);
        text.WriteLine();
        text.WriteLine($"wrote {Path.Combine(full, PlotFile)} (the curve), {RelaxedFile} (the relaxed cube with charges, weights and forces)");
        text.WriteLine($"  and {TrajectoryFile} ({md.Frames} frames, every {FrameEvery} fs) in {full}");

        if (json)
        {
            JsonOutput.Write(stdout, Json(full, symbolic, dimer, crystal, md, [plot, relaxed, trajectory]));
        }

        foreach (var failure in symbolic.Failures)
        {
            stderr.WriteLine($"latent: internal error: demo check failed: {failure}");
        }

        return symbolic.Failures.Count == 0 ? ExitCodes.Success : ExitCodes.InternalError;
    }

    private static string Sci(double v) => v.ToString("0.0E+0", CultureInfo.InvariantCulture);

    private static string Signed(double v, int decimals) => (v >= 0 ? "+" : "") + Numbers.Fixed(v, decimals);

    private const string Indent = "             ";

    private static void WriteDimer(TextWriter o, DimerFindings d)
    {
        var crossing = d.Crossing is { } c
            ? $"R_c = 14.40/(IP_{c.Cation} − EA_{c.Anion}) = 14.40/({Numbers.Short(c.IonisationEnergy)} − {Numbers.Short(c.ElectronAffinity)}) = {Numbers.Fixed(c.Distance, 2)} Å"
            : "no ionic–covalent crossing";
        o.WriteLine($"(a) dimer    The Na–Cl dissociation curve ({d.Points.Length} distances, {Numbers.Format(d.Points[0].R)} to {Numbers.Format(d.Points[^1].R)} Å): "
            + "the latent weights alone make it an ion pair when bound and two neutral atoms far apart.");
        var p = d.Properties;
        o.WriteLine($"{Indent}minimum at {Numbers.Fixed(p.Equilibrium, 4)} Å, bound by D_e = {Numbers.Fixed(p.BindingEnergy, 3)} eV against the neutral atoms "
            + $"(D₀ = {Numbers.Fixed(p.ZeroPointBinding ?? double.NaN, 3)} eV with ω_e = {Numbers.Fixed(p.Wavenumber ?? double.NaN, 0)} cm⁻¹), "
            + $"q(Na) = {Signed(p.ChargeA ?? double.NaN, 4)} e there, dipole {Numbers.Fixed(p.Dipole ?? double.NaN, 2)} D;");
        o.WriteLine($"{Indent}the charge switches off at {Numbers.Fixed(p.SwitchOff ?? double.NaN, 2)} Å, just inside {crossing}");
    }

    private static void WriteCrystal(TextWriter o, CrystalFindings c)
    {
        var q = c.MeanAbsoluteCharge;
        var (na, cl) = (c.Cube.Symbols.Count(s => s == "Na"), c.Cube.Symbols.Count(s => s == "Cl"));
        o.WriteLine($"(b) crystal  A {c.Size}×{c.Size}×{c.Size} cube (Na{na}Cl{cl}) cut from bulk rock salt relaxed with its cell, then relaxed with FIRE "
            + $"({c.Relaxation.Steps} steps to max |F| < {Numbers.Format(CrystalFindings.Fmax)} eV/Å): what the surface does to energy, charges and bonds.");
        o.WriteLine($"{Indent}bulk a = {Numbers.Fixed(c.LatticeConstant, 4)} Å and A = {Numbers.Fixed(c.BulkEnergyPerAtom, 4)} eV/atom; the cube A = {Numbers.Fixed(c.EnergyPerAtom, 4)} eV/atom "
            + $"({Numbers.Fixed(c.EnergyPerAtom - c.BulkEnergyPerAtom, 4)} eV/atom of surface cost);");
        var spread = c.ChargeSpread switch
        {
            0 => "exactly 1 at every site in double precision: the corners are as ionic as the interior",
            < 1e-3 => $"the same at every site to {Sci(c.ChargeSpread)} e: the corners are as ionic as the interior",
            _ => $"the surface moves |q| by up to {Numbers.Fixed(c.ChargeSpread, 4)} e",
        };
        o.WriteLine($"{Indent}mean |q| at corner, edge, face, interior ions {Numbers.Fixed(q[CubeSite.Corner], 4)}, {Numbers.Fixed(q[CubeSite.Edge], 4)}, "
            + $"{Numbers.Fixed(q[CubeSite.Face], 4)}, {Numbers.Fixed(q[CubeSite.Interior], 4)} e, {spread};");
        o.WriteLine($"{Indent}Na–Cl neighbours {Numbers.Fixed(c.MeanNeighbourDistance, 3)} Å apart on average ({Numbers.Fixed(c.MinNeighbourDistance, 3)} to {Numbers.Fixed(c.MaxNeighbourDistance, 3)}) "
            + $"against {Numbers.Fixed(c.BulkNeighbourDistance, 3)} Å in bulk");
    }

    private static void WriteDynamics(TextWriter o, DynamicsFindings m)
    {
        var s = m.Summary;
        var largestChange = m.Result.Thermo.Max(t => t.MaxChargeChange);
        o.WriteLine($"(c) md       {m.Steps} steps of {Numbers.Format(m.TimeStep)} fs of the relaxed cube, NVE from Maxwell–Boltzmann velocities at {Numbers.Format(m.StartTemperature)} K: "
            + "forces are −∂A/∂R at the converged weights, so A + kinetic is conserved.");
        var share = s.MeanTemperature / m.StartTemperature is > 0.4 and < 0.6 ? ", about half the start as the kinetic energy shares with the potential" : "";
        o.WriteLine($"{Indent}A + kinetic drifted by {Sci(s.Drift)} eV/atom (largest excursion {Sci(s.LargestDeviation)} eV/atom); mean T {Numbers.Fixed(s.MeanTemperature, 0)} K{share}; "
            + (largestChange == 0 ? "the charges never moved" : $"the charges moved by at most {Sci(largestChange)} e in a step"));
    }

    private static JsonObject Json(string directory, CoulombDemoReport symbolic, DimerFindings d, CrystalFindings c, DynamicsFindings m, string[] files) => new()
    {
        ["directory"] = directory,
        ["files"] = new JsonArray(files.Select(f => (JsonNode?)JsonValue.Create(f)).ToArray()),
        ["formulas"] = new JsonObject
        {
            ["worstFiniteDifference"] = JsonOutput.Number(symbolic.WorstFiniteDifference),
            ["programVsInterpreter"] = JsonOutput.Number(symbolic.ProgramVsInterpreter),
            ["failures"] = new JsonArray(symbolic.Failures.Select(f => (JsonNode?)JsonValue.Create(f)).ToArray()),
        },
        ["dimer"] = new JsonObject
        {
            ["points"] = d.Points.Length,
            ["equilibrium"] = JsonOutput.Number(d.Properties.Equilibrium),
            ["binding_energy"] = JsonOutput.Number(d.Properties.BindingEnergy),
            ["charge_at_equilibrium"] = JsonOutput.Number(d.Properties.ChargeA ?? double.NaN),
            ["switch_off"] = JsonOutput.Number(d.Properties.SwitchOff ?? double.NaN),
            ["crossing"] = d.Crossing is null ? null : JsonOutput.Number(d.Crossing.Distance),
            ["properties"] = DimerPropertiesOutput.Json(d.Properties),
        },
        ["crystal"] = new JsonObject
        {
            ["size"] = c.Size,
            ["atoms"] = c.Cube.Count,
            ["lattice_constant"] = JsonOutput.Number(c.LatticeConstant),
            ["bulk_energy_per_atom"] = JsonOutput.Number(c.BulkEnergyPerAtom),
            ["energy_per_atom"] = JsonOutput.Number(c.EnergyPerAtom),
            ["steps"] = c.Relaxation.Steps,
            ["fmax"] = JsonOutput.Number(c.Relaxation.Fmax),
            ["charge_spread"] = JsonOutput.Number(c.ChargeSpread),
            ["mean_abs_charge"] = new JsonObject(c.MeanAbsoluteCharge.Select(p => KeyValuePair.Create(p.Key.ToString().ToLowerInvariant(), (JsonNode?)JsonOutput.Number(p.Value)))),
            ["neighbour_distance"] = new JsonObject
            {
                ["mean"] = JsonOutput.Number(c.MeanNeighbourDistance),
                ["min"] = JsonOutput.Number(c.MinNeighbourDistance),
                ["max"] = JsonOutput.Number(c.MaxNeighbourDistance),
                ["bulk"] = JsonOutput.Number(c.BulkNeighbourDistance),
            },
        },
        ["md"] = new JsonObject
        {
            ["steps"] = m.Steps,
            ["dt"] = JsonOutput.Number(m.TimeStep),
            ["start_temperature"] = JsonOutput.Number(m.StartTemperature),
            ["drift_per_atom"] = JsonOutput.Number(m.Summary.Drift),
            ["max_deviation_per_atom"] = JsonOutput.Number(m.Summary.LargestDeviation),
            ["mean_temperature"] = JsonOutput.Number(m.Summary.MeanTemperature),
            ["frames"] = m.Frames,
        },
    };
}
