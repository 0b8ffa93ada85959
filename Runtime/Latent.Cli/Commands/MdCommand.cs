using System.CommandLine;
using System.Text.Json.Nodes;
using Latent.Cli.Input;
using Latent.Cli.Output;
using Latent.Runtime.Dynamics;
using Latent.Runtime.Dynamics.Observers;
using Latent.Runtime.Dynamics.Restart;
using Latent.Runtime.Dynamics.Watchdog;
using Latent.Cli.Safety;
using Latent.Runtime.Engine;
using Latent.Runtime.Engine.ChargeEquilibration;
using Latent.Runtime.Structures;

namespace Latent.Cli.Commands;

/// <summary><c>latent md</c>: molecular dynamics from Maxwell–Boltzmann velocities or the input's own, NVE or with a
/// Langevin thermostat, its thermo lines streamed as it runs, continued bit for bit from a restart file.</summary>
public static class MdCommand
{
    public static Command Create()
    {
        var structure = CommonOptions.Structure();
        structure.Arity = ArgumentArity.ZeroOrOne;
        var potential = CommonOptions.Potential();
        potential.Required = false;
        potential.Description += " Required unless --restart gives it.";
        var steps = new Option<int>("--steps") { Description = "Number of time steps (with --restart: the step to run to).", Required = true };
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
            Description = "Trajectory file with ASE's energy, forces, charges, energies, stress and momenta, and the input's own columns: extended XYZ (.extxyz or .xyz) or an ASE database (.json, one row per frame, read back by ASE with get_charges()); started afresh (continued with --restart) and appended frame by frame.",
            DefaultValueFactory = _ => "traj.extxyz",
        };
        var velocities = new Option<string>("--velocities")
        {
            Description = "Starting velocities: maxwell-boltzmann (at --temperature, seeded by --seed) or from-file (the input's ASE momenta, or a velocities column in Å/fs).",
            DefaultValueFactory = _ => "maxwell-boltzmann",
        };
        velocities.AcceptOnlyFromAmong("maxwell-boltzmann", "from-file");
        var log = new Option<string?>("--log") { Description = "Also write the thermo lines to this file as the run goes, flushed line by line (appended to with --restart)." };
        var plot = new Option<string?>("--plot") { Description = "Write a PNG of free energy A, temperature and max |F| against step (the thermo steps) at the end." };
        var every = new Option<int>("--every") { Description = "Print a thermo line and write a frame every this many steps.", DefaultValueFactory = _ => 10 };
        var restart = new Option<string?>("--restart") { Description = "Continue the run saved in this restart file (instead of STRUCTURE); its dt, thermostat, temperature, friction and seed are kept." };
        var checkpoint = new Option<string?>("--restart-file", "--checkpoint")
        {
            Description = "Restart file kept up to date (replaced atomically) at step 0, every --restart-every steps, at the end, on SIGINT/SIGTERM and at the last good step when the watchdog stops the run (default: --out with .restart.extxyz).",
        };
        var checkpointEvery = new Option<int>("--restart-every", "--checkpoint-every") { Description = "Steps between restart files (0: only at the start and the end).", DefaultValueFactory = _ => 1000 };
        var maxDrift = new Option<double>("--max-drift")
        {
            Description = $"Stop when A + kinetic − thermostat work has moved more than this many eV/atom from the start (0: never).",
            DefaultValueFactory = _ => WatchdogOptions.DefaultMaxDrift,
        };
        var contactFraction = SafetyOptions.ContactFraction();
        var stepsPerPeriod = new Option<int>("--steps-per-period")
        {
            Description = "The fastest dimer vibration of the elements present must span at least this many steps of --dt.",
            DefaultValueFactory = _ => TimeStepCheck.DefaultStepsPerPeriod,
        };
        var dtCheck = new Option<string>("--dt-check") { Description = "What a --dt too long for --steps-per-period does: refuse, warn or off.", DefaultValueFactory = _ => "refuse" };
        dtCheck.AcceptOnlyFromAmong("refuse", "warn", "off");
        var json = CommonOptions.Json();
        var threads = CommonOptions.Threads();
        var command = new Command("md", "Molecular dynamics: Maxwell–Boltzmann or given start, Langevin (NVT) or velocity Verlet (NVE), streamed thermo log and trajectory, watched for blow-ups, restartable bit for bit.")
        {
            structure, potential, steps, dt, temperature, thermostat, friction, seed, velocities, output, every, log, plot, restart, checkpoint, checkpointEvery,
            maxDrift, contactFraction, stepsPerPeriod, dtCheck, json, threads,
        };
        command.SetAction(parse =>
        {
            var request = new MdRequest(
                parse.GetValue(structure),
                parse.GetValue(potential),
                parse.GetValue(steps),
                parse.GetValue(dt),
                parse.GetValue(temperature),
                parse.GetValue(thermostat) == "langevin",
                parse.GetValue(friction),
                parse.GetValue(seed),
                parse.GetValue(output)!,
                parse.GetValue(every),
                parse.GetValue(checkpoint) ?? Path.ChangeExtension(parse.GetValue(output)!, ".restart.extxyz"),
                parse.GetValue(checkpointEvery),
                parse.GetValue(maxDrift),
                parse.GetValue(contactFraction),
                parse.GetValue(stepsPerPeriod),
                parse.GetValue(dtCheck)!,
                parse.GetValue(velocities) == "from-file",
                parse.GetValue(log),
                parse.GetValue(plot),
                CommonOptions.CheckThreads(parse.GetValue(threads)));
            var given = new[] { dt, temperature, friction }.Where(o => parse.GetResult(o) is { Implicit: false }).Select(o => o.Name)
                .Concat(new Option[] { thermostat, seed }.Where(o => parse.GetResult(o) is { Implicit: false }).Select(o => o.Name)).ToHashSet();
            return Run(request, parse.GetValue(restart), given, parse.GetValue(json), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        });
        return command;
    }

    private sealed record MdRequest(
        string? Path, string? Potential, int Steps, double Dt, double Temperature, bool Langevin, double Friction, long Seed, string Output, int Every,
        string Checkpoint, int CheckpointEvery, double MaxDrift, double ContactFraction, int StepsPerPeriod, string DtCheck,
        bool VelocitiesFromFile, string? Log, string? Plot, int? Threads)
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
            if (CheckpointEvery < 0)
                throw new UserError($"--restart-every must be 0 or more (got {CheckpointEvery})");
            // Said before any work: a name the tool cannot write would otherwise fail only after the set-up.
            OutputFormat.RequireTrajectory(Output, "--out");
            // The state is one extended XYZ frame: under a name that says another format, ASE would misread it.
            if (StructureFileFormats.Of(Checkpoint) is { } format && format != StructureFileFormat.ExtendedXyz)
                throw new UserError($"--restart-file: cannot write '{Checkpoint}': the restart state is one extended XYZ frame; name it .extxyz or .xyz");
            if (Plot is not null)
                RunPlot.RequirePng(Plot);
            if (!(MaxDrift >= 0) || double.IsNaN(MaxDrift))
                throw new UserError($"--max-drift must be 0 (off) or a positive number of eV/atom (got {Numbers.Format(MaxDrift)})");
            DynamicsSafety.CheckFraction(ContactFraction);
        }
    }

    private static int Run(MdRequest request, string? restartPath, IReadOnlySet<string> given, bool json, TextWriter stdout, TextWriter stderr)
    {
        // Caught from the start, so a signal during set-up still ends the run cleanly after its first step.
        using var signals = new SignalStop();
        request.Check();
        MdRestart? restart = null;
        if (restartPath is not null)
        {
            if (request.Path is not null)
                throw new UserError($"give either a structure ('{request.Path}') or --restart, not both");
            if (request.VelocitiesFromFile)
                throw new UserError("--velocities from-file starts a new run from the structure's momenta; a --restart continues with the restart file's velocities");
            restart = RestartInput.Read(restartPath, stderr);
            request = Continued(request, restart, restartPath, given);
        }
        else if (request.Path is null)
        {
            throw new UserError("give the structure file to run, or --restart FILE to continue a run");
        }
        else if (request.Potential is null)
        {
            throw new UserError("--potential is required (a shipped name such as NaCl, or a potential file)");
        }

        var path = request.Path ?? restartPath!;
        // The potential first: its element order numbers a LAMMPS data file's atom types.
        var kernels = PotentialInput.Load(request.Potential!);
        // The input's own columns (move_mask among them) go on in the trajectory and every restart file.
        var frame = restart is null ? StructureInput.ReadSingleFrame(path, kernels) : restart.Frame!;
        var structure = restart?.Structure ?? frame.Structure;
        var fixedAtoms = FixedAtoms.Of(frame, path, "md");
        PotentialInput.RequireElements(kernels, structure.Symbols, path);
        CellReach.Require(kernels, structure, path);
        if (structure.Masses.Any(m => !(m > 0)))
        {
            throw new UserError($"{path}: every atom needs a positive mass for dynamics");
        }

        var safety = DynamicsSafety.Check(kernels, structure, path, request.ContactFraction);
        TimeStepCheck.Check(request.Dt, safety.Scales, request.StepsPerPeriod, request.DtCheck, stderr);
        var first = restart?.Step ?? 0;
        if (request.Steps < first)
        {
            throw new UserError($"--steps {request.Steps} is before the restart's step {first}; with --restart, --steps is the step to run to");
        }

        // The first call anneals from a high electronic temperature; every later step warm-starts from the
        // previous weights, which is what makes a step cost about one solver iteration. (Comparing every start
        // on every step, as eval does for its single structure, would cost several solves per step.)
        var calculator = EngineSelection.For(kernels, new CalculatorOptions { Threads = request.Threads });
        // The interrupted run's next solve would have started here: without it the continued run solves from
        // scratch and drifts from the uninterrupted one in the last bits.
        if (restart?.Solver is { } warm && calculator is EnsembleCalculator ensemble)
        {
            ensemble.RestoreWarmState(structure, warm);
        }
        else if (restart?.ChargeSolver is { } warmCharges && calculator is ChargeEquilibrationCalculator chargeEquilibration)
        {
            chargeEquilibration.RestoreWarmState(structure, warmCharges);
        }

        var velocities = restart?.Velocities ?? (request.VelocitiesFromFile ? StartingVelocities.FromFile(frame, path) : Velocities.MaxwellBoltzmann(structure, request.Temperature, request.Seed));
        if (restart is null && !request.VelocitiesFromFile && fixedAtoms.Length > 0)
        {
            velocities.HoldAtRest(fixedAtoms, structure.Masses, request.Temperature);
        }
        Integrator integrator = request.Langevin ? new Langevin(request.Temperature, request.Friction, request.Seed) : new VelocityVerlet();
        if (integrator is Langevin langevin && restart?.Stream is { } stream)
        {
            langevin.StreamState = stream;
        }

        var checkpoint = new RestartCheckpoint(request.Checkpoint, integrator, request.Dt, request.Potential!, request.Temperature, request.Friction, request.Seed, frame);
        var history = new RunHistory(structure.Count, fixedAtoms);
        MdResult result;
        int frames;
        using (var thermo = new ThermoLog(json ? null : stdout, request.Log, append: restart is not null, Heading(request, path, restart is null ? null : first, structure, kernels.Name, fixedAtoms.Length)))
        using (var trajectory = restart is null ? TrajectoryFile.Create(request.Output, "--out", frame) : TrajectoryFile.Continue(request.Output, "--out", first, stderr, frame))
        {
            // The thermo line first, then the frame, then the restart state, at the steps each is due. The
            // streamed lines are the progress of a text run; a --json run keeps the bar on stderr.
            result = LiveProgress.Run(stderr, show: json, request.Steps - first, report => MolecularDynamics.Run(
                structure, calculator, integrator, request.Steps - first, request.Dt, new MdOptions
                {
                    Velocities = velocities,
                    ThermoEvery = request.Every,
                    StartStep = first,
                    FixedAtoms = fixedAtoms,
                    ThermostatEnergy = restart?.ThermostatEnergy ?? 0,
                    ConservedReference = restart?.ConservedReference,
                    Cancellation = signals.Token,
                    Watchdog = new WatchdogOptions
                    {
                        MaxDriftPerAtom = request.MaxDrift > 0 ? request.MaxDrift : double.PositiveInfinity,
                        Contacts = safety.Contacts,
                    },
                    Observers =
                    [
                        new(new CallbackObserver<MdStep>((line, _) => report(line.Step - first, $"step {line.Step}: T = {Numbers.Fixed(line.Temperature, 1)} K, A + kinetic = {Numbers.Fixed(line.Total, 6)} eV")), request.Every),
                        new(thermo, request.Every),
                        new(history, request.Every),
                        new(trajectory, request.Every),
                        new(checkpoint, request.CheckpointEvery),
                    ],
                }));
            frames = trajectory.FramesWritten;
        }

        if (result.Stop is { } refused && result.Stop.Step == first && result.Steps == 0 && result.Thermo.Count == 0)
        {
            // The start itself failed a check (non-finite forces, say): nothing ran, so it is the input's fault.
            throw new UserError($"{path}: {refused.Message}");
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
            WriteSummary(stdout, request, summary, frames);
        }

        if (request.Plot is not null)
        {
            var ensembleName = request.Langevin ? $"Langevin {Numbers.Format(request.Temperature)} K" : "NVE";
            RunPlot.Write(request.Plot, $"md of {Path.GetFileName(path)}  ·  potential {kernels.Name}, {ensembleName}, dt {Numbers.Format(request.Dt)} fs", history, relaxation: false);
        }

        if (result.Stop is { } stop)
        {
            stderr.WriteLine($"latent: error: md stopped at {stop.Message}; the last good state (step {first + result.Steps}) is in {request.Checkpoint}: "
                + "shorten --dt, or check the structure and potential, before continuing from it with --restart");
            return ExitCodes.DynamicsStopped;
        }

        if (result.Cancelled)
        {
            stderr.WriteLine($"latent: {signals.Name}: md stopped after step {first + result.Steps}; its state is in {request.Checkpoint} "
                + $"(continue with: latent md --restart {request.Checkpoint} --steps {request.Steps})");
            return signals.ExitCode;
        }

        return ExitCodes.Success;
    }

    /// <summary>The request with the restart's settings; an option given with another value is an error rather than silently ignored.</summary>
    private static MdRequest Continued(MdRequest request, MdRestart restart, string restartPath, IReadOnlySet<string> given)
    {
        void Same(string option, bool same, string theirs)
        {
            if (given.Contains(option) && !same)
                throw new UserError($"{option} differs from the restart file's {theirs}; a continued run keeps the settings it began with ('{restartPath}')");
        }

        Same("--dt", request.Dt == restart.Dt, $"{Numbers.Format(restart.Dt)} fs");
        Same("--thermostat", request.Langevin == restart.Langevin, restart.Langevin ? "langevin" : "none");
        Same("--temperature", request.Temperature == restart.Temperature, $"{Numbers.Format(restart.Temperature)} K");
        Same("--friction", request.Friction == restart.Friction, $"{Numbers.Format(restart.Friction)}/fs");
        Same("--seed", request.Seed == restart.Seed, restart.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return request with
        {
            Potential = request.Potential ?? restart.Potential,
            Dt = restart.Dt,
            Langevin = restart.Langevin,
            Temperature = restart.Temperature,
            Friction = restart.Friction,
            Seed = restart.Seed,
        };
    }

    private static string Ensemble(MdRequest r) => r.Langevin
        ? $"Langevin at {Numbers.Format(r.Temperature)} K (friction {Numbers.Format(r.Friction)}/fs, seed {r.Seed})"
        : "NVE (velocity Verlet)";

    private static string Heading(MdRequest r, string path, int? continuedFrom, Structure structure, string potential, int fixedCount)
    {
        var kind = structure.Cell.IsPeriodic ? "periodic" : "cluster";
        var start = continuedFrom is { } step ? $"continued from step {step}"
            : r.VelocitiesFromFile ? "velocities from the file"
            : $"velocities from Maxwell–Boltzmann at {Numbers.Format(r.Temperature)} K (seed {r.Seed})";
        return $"{path}: {structure.Count} atoms ({kind}"
            + (fixedCount > 0 ? $", {fixedCount} fixed by its move_mask" : "")
            + $"), potential {potential}: steps {continuedFrom ?? 0} to {r.Steps} of {Numbers.Format(r.Dt)} fs, {Ensemble(r)}, {start}\n\n";
    }

    private static void WriteSummary(TextWriter o, MdRequest r, MdSummary summary, int frames)
    {
        o.WriteLine();
        o.WriteLine($"mean T {Numbers.Fixed(summary.MeanTemperature, 1)} K over the logged steps after step 0; A + kinetic changed by {Numbers.Short(summary.Drift, 2)} eV/atom "
            + $"(largest excursion {Numbers.Short(summary.LargestDeviation, 2)} eV/atom)"
            + (r.Langevin ? ", which the thermostat exchanges with its bath" : ""));
        o.WriteLine($"wrote {r.Output} ({frames} frames) and {r.Checkpoint} (restart state)"
            + (r.Log is null ? "" : $", {r.Log} (thermo log)") + (r.Plot is null ? "" : $", {r.Plot} (plot)"));
    }

    private static JsonObject Json(MdResult result, MdSummary summary, EngineResult final, int frames, MdRequest r)
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
                ["checkpoint"] = r.Checkpoint,
                ["stopped"] = result.Stop is null ? null : new JsonObject
                {
                    ["reason"] = result.Stop.Reason.ToString(),
                    ["step"] = result.Stop.Step,
                    ["atoms"] = new JsonArray(result.Stop.Atoms.Select(a => (JsonNode?)a).ToArray()),
                    ["message"] = result.Stop.Message,
                },
                ["cancelled"] = result.Cancelled,
            },
        };
    }
}
