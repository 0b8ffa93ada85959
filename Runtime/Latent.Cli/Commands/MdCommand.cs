using System.CommandLine;
using System.Text.Json.Nodes;
using Latent.Cli.Input;
using Latent.Cli.Output;
using Latent.Runtime.Dynamics;
using Latent.Runtime.Dynamics.Observers;
using Latent.Runtime.Engine;
using Latent.Runtime.Structures;

namespace Latent.Cli.Commands;

/// <summary><c>latent md</c>: molecular dynamics from Maxwell–Boltzmann velocities, NVE or with a Langevin thermostat.</summary>
public static class MdCommand
{
    public static Command Create()
    {
        var structure = CommonOptions.Structure();
        var potential = CommonOptions.Potential();
        var steps = new Option<int>("--steps") { Description = "Number of time steps.", Required = true };
        var dt = new Option<double>("--dt") { Description = "Time step in fs.", DefaultValueFactory = _ => 1.0 };
        var temperature = new Option<double>("--temperature")
        {
            Description = "Temperature in K: of the starting Maxwell–Boltzmann velocities, and of the Langevin thermostat.",
            DefaultValueFactory = _ => 300,
        };
        var thermostat = new Option<string>("--thermostat")
        {
            Description = "langevin (NVT, holds --temperature) or none (NVE with velocity Verlet).",
            DefaultValueFactory = _ => "langevin",
        };
        thermostat.AcceptOnlyFromAmong("langevin", "none");
        var friction = new Option<double>("--friction") { Description = "Langevin friction γ in 1/fs.", DefaultValueFactory = _ => 0.01 };
        var seed = new Option<long>("--seed") { Description = "Seed of the starting velocities and of the Langevin noise.", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out")
        {
            Description = "Trajectory file (extended XYZ with charges, weights, forces and velocities), started afresh and appended frame by frame.",
            DefaultValueFactory = _ => "traj.extxyz",
        };
        var every = new Option<int>("--every") { Description = "Print a thermo line and write a frame every this many steps.", DefaultValueFactory = _ => 10 };
        var json = CommonOptions.Json();
        var command = new Command("md", "Molecular dynamics: Maxwell–Boltzmann start, Langevin (NVT) or velocity Verlet (NVE), thermo log and trajectory.")
        {
            structure, potential, steps, dt, temperature, thermostat, friction, seed, output, every, json,
        };
        command.SetAction(parse => Run(
            new MdRequest(
                parse.GetValue(structure)!,
                parse.GetValue(potential)!,
                parse.GetValue(steps),
                parse.GetValue(dt),
                parse.GetValue(temperature),
                parse.GetValue(thermostat) == "langevin",
                parse.GetValue(friction),
                parse.GetValue(seed),
                parse.GetValue(output)!,
                parse.GetValue(every)),
            parse.GetValue(json),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));
        return command;
    }

    private sealed record MdRequest(string Path, string Potential, int Steps, double Dt, double Temperature, bool Langevin, double Friction, long Seed, string Output, int Every)
    {
        public void Check()
        {
            if (Steps < 0)
                throw new UserError($"--steps must be 0 or more (got {Steps})");
            if (!(Dt > 0 && double.IsFinite(Dt)))
                throw new UserError($"--dt must be a positive number of fs (got {Numbers.Format(Dt)})");
            if (!(Temperature >= 0 && double.IsFinite(Temperature)))
                throw new UserError($"--temperature must be a number of kelvin, 0 or more (got {Numbers.Format(Temperature)})");
            if (!(Friction > 0 && double.IsFinite(Friction)))
                throw new UserError($"--friction must be a positive number per fs (got {Numbers.Format(Friction)})");
            if (Every < 1)
                throw new UserError($"--every must be 1 or more (got {Every})");
        }
    }

    private static int Run(MdRequest request, bool json, TextWriter stdout, TextWriter stderr)
    {
        request.Check();
        var frame = StructureInput.ReadSingleFrame(request.Path);
        var structure = frame.Structure;
        var kernels = PotentialInput.Load(request.Potential);
        PotentialInput.RequireElements(kernels, structure.Symbols, request.Path);
        if (structure.Masses.Any(m => !(m > 0)))
        {
            throw new UserError($"{request.Path}: every atom needs a positive mass for dynamics");
        }

        // The first call anneals from a high electronic temperature; every later step warm-starts from the
        // previous weights, which is what makes a step cost about one solver iteration. (Comparing every start
        // on every step, as eval does for its single structure, would cost several solves per step.)
        var calculator = new EnsembleCalculator(kernels);
        var velocities = Velocities.MaxwellBoltzmann(structure, request.Temperature, request.Seed);
        Integrator integrator = request.Langevin ? new Langevin(request.Temperature, request.Friction, request.Seed) : new VelocityVerlet();

        MdResult result;
        int frames;
        using (var trajectory = TrajectoryFile.Create(request.Output, "--out"))
        {
            // The progress line first, then the frame, at the steps of the thermo log.
            result = LiveProgress.Run(stderr, show: !json, request.Steps, report => MolecularDynamics.Run(
                structure, calculator, integrator, request.Steps, request.Dt, new MdOptions
                {
                    Velocities = velocities,
                    ThermoEvery = request.Every,
                    Observers =
                    [
                        new(new CallbackObserver<MdStep>((line, _) => report(line.Step, $"step {line.Step}: T = {Numbers.Fixed(line.Temperature, 1)} K, A + kinetic = {Numbers.Fixed(line.Total, 6)} eV")), request.Every),
                        new(trajectory, request.Every),
                    ],
                }));
            frames = trajectory.FramesWritten;
        }

        var summary = new MdSummary(result.Thermo, structure.Count);
        // The calculator's cached result at the final positions: the engine's, with charges.
        var final = calculator.Calculate(structure);
        if (json)
        {
            JsonOutput.Write(stdout, Json(result, summary, final, frames, request));
        }
        else
        {
            WriteText(stdout, request, structure, kernels.Name, result, summary, frames);
        }

        return ExitCodes.Success;
    }

    private static string Ensemble(MdRequest r) => r.Langevin
        ? $"Langevin at {Numbers.Format(r.Temperature)} K (friction {Numbers.Format(r.Friction)}/fs, seed {r.Seed})"
        : "NVE (velocity Verlet)";

    private static void WriteText(TextWriter o, MdRequest r, Structure structure, string potential, MdResult result, MdSummary summary, int frames)
    {
        var kind = structure.Cell.IsPeriodic ? "periodic" : "cluster";
        o.WriteLine($"{r.Path}: {structure.Count} atoms ({kind}), potential {potential}: {result.Steps} steps of {Numbers.Format(r.Dt)} fs, {Ensemble(r)}, "
            + $"velocities from Maxwell–Boltzmann at {Numbers.Format(r.Temperature)} K (seed {r.Seed})");
        o.WriteLine();
        var table = new TextTable().Column("step").Column("time/fs").Column("A/eV").Column("kinetic/eV").Column("total/eV").Column("T/K").Column("max |Δq|/e");
        foreach (var s in result.Thermo)
        {
            table.Row(s.Step.ToString(System.Globalization.CultureInfo.InvariantCulture), Numbers.Short(s.Time), Numbers.Fixed(s.Potential, 6), Numbers.Fixed(s.Kinetic, 6),
                Numbers.Fixed(s.Total, 6), Numbers.Fixed(s.Temperature, 1), Numbers.Short(s.MaxChargeChange, 2));
        }

        table.Write(o, Terminal.IsStdout(o));
        o.WriteLine();
        o.WriteLine($"mean T {Numbers.Fixed(summary.MeanTemperature, 1)} K over the logged steps after step 0; A + kinetic changed by {Numbers.Short(summary.Drift, 2)} eV/atom "
            + $"(largest excursion {Numbers.Short(summary.LargestDeviation, 2)} eV/atom)"
            + (r.Langevin ? ", which the thermostat exchanges with its bath" : ""));
        o.WriteLine($"wrote {r.Output} ({frames} frames)");
    }

    private static JsonObject Json(MdResult result, MdSummary summary, CalculationResult final, int frames, MdRequest r)
    {
        var last = result.Thermo[^1];
        return new JsonObject
        {
            ["thermo"] = new JsonArray(result.Thermo.Select(s => (JsonNode?)new JsonObject
            {
                ["step"] = s.Step,
                ["time"] = JsonOutput.Number(s.Time),
                ["energy"] = JsonOutput.Number(s.Potential),
                ["kinetic"] = JsonOutput.Number(s.Kinetic),
                ["total"] = JsonOutput.Number(s.Total),
                ["temperature"] = JsonOutput.Number(s.Temperature),
                ["max_charge_change"] = JsonOutput.Number(s.MaxChargeChange),
            }).ToArray()),
            ["final"] = new JsonObject
            {
                ["steps"] = result.Steps,
                ["time"] = JsonOutput.Number(last.Time),
                ["energy"] = JsonOutput.Number(last.Potential),
                ["kinetic"] = JsonOutput.Number(last.Kinetic),
                ["total"] = JsonOutput.Number(last.Total),
                ["temperature"] = JsonOutput.Number(last.Temperature),
                ["mean_temperature"] = JsonOutput.Number(summary.MeanTemperature),
                ["drift_per_atom"] = JsonOutput.Number(summary.Drift),
                ["max_deviation_per_atom"] = JsonOutput.Number(summary.LargestDeviation),
                ["charges"] = new JsonArray(final.Charges.Select(q => (JsonNode?)JsonOutput.Number(q)).ToArray()),
                ["thermostat"] = r.Langevin ? "langevin" : "none",
                ["frames"] = frames,
                ["out"] = r.Output,
            },
        };
    }
}
