using System.CommandLine;
using System.Text.Json.Nodes;
using Latent.Cli.Input;
using Latent.Cli.Output;
using Latent.Cli.Safety;
using Latent.Runtime.Dynamics;
using Latent.Runtime.Dynamics.Observers;
using Latent.Runtime.Engine;
using Latent.Runtime.Engine.ChargeEquilibration;
using Latent.Runtime.Structures;

namespace Latent.Cli.Commands;

/// <summary><c>latent relax</c>: FIRE relaxation of one structure, optionally with its cell, holding the atoms its move_mask fixes.</summary>
public static class RelaxCommand
{
    public static Command Create()
    {
        var structure = CommonOptions.Structure();
        var potential = CommonOptions.Potential();
        var fmax = new Option<double>("--fmax") { Description = "Converged when every force is below this (eV/Å).", DefaultValueFactory = _ => 0.01 };
        var steps = new Option<int>("--steps") { Description = "Most FIRE steps before giving up (exit code 1).", DefaultValueFactory = _ => 1000 };
        var cell = new Option<bool>("--cell") { Description = "Also relax the cell to zero stress (the structure must be periodic in all three directions)." };
        var output = new Option<string>("--out")
        {
            Description = "Where to write the relaxed structure, with ASE's energy, forces, charges, energies and stress, latent weights and the input's own columns: "
                + "extended XYZ (.extxyz, .xyz), a LAMMPS data file (.data, .lmp, .lammps; atom style charge) or a VASP POSCAR (POSCAR, CONTCAR, .vasp, .poscar).",
            DefaultValueFactory = _ => "relaxed.extxyz",
        };
        var trajectory = new Option<string?>("--trajectory") { Description = "Also append every step as a frame to this file, started afresh: extended XYZ (.extxyz or .xyz) or an ASE database (.json, one row per frame, read back by ASE with get_charges())." };
        var plot = new Option<string?>("--plot") { Description = "Write a PNG of free energy A and max |F| against step at the end." };
        var contactFraction = SafetyOptions.ContactFraction();
        var json = CommonOptions.Json();
        var threads = CommonOptions.Threads();
        var command = new Command("relax", "Relax a structure with FIRE (and its cell with --cell) until the forces are below --fmax.")
        {
            structure, potential, fmax, steps, cell, output, trajectory, plot, contactFraction, json, threads,
        };
        command.SetAction(parse => Run(
            parse.GetValue(structure)!,
            parse.GetValue(potential)!,
            parse.GetValue(fmax),
            parse.GetValue(steps),
            parse.GetValue(cell),
            parse.GetValue(output)!,
            parse.GetValue(trajectory),
            parse.GetValue(plot),
            parse.GetValue(contactFraction),
            parse.GetValue(json),
            CommonOptions.CheckThreads(parse.GetValue(threads)),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string path, string potentialName, double fmax, int maxSteps, bool relaxCell, string output, string? trajectoryPath, string? plotPath, double contactFraction, bool json, int? threads, TextWriter stdout, TextWriter stderr)
    {
        using var signals = new SignalStop();
        DynamicsSafety.CheckFraction(contactFraction);
        if (!(fmax > 0 && double.IsFinite(fmax)))
        {
            throw new UserError($"--fmax must be a positive number of eV/Å (got {Numbers.Format(fmax)})");
        }

        if (maxSteps < 0)
        {
            throw new UserError($"--steps must be 0 or more (got {maxSteps})");
        }

        // Said before any work: a name the tool cannot write would otherwise fail only after the relaxation.
        OutputFormat.RequireStructure(output, "--out");
        if (trajectoryPath is not null)
        {
            OutputFormat.RequireTrajectory(trajectoryPath, "--trajectory");
        }

        if (plotPath is not null)
        {
            RunPlot.RequirePng(plotPath);
        }

        // The potential first: its element order numbers a LAMMPS data file's atom types.
        var kernels = PotentialInput.Load(potentialName);
        var frame = StructureInput.ReadSingleFrame(path, kernels);
        var structure = frame.Structure;
        var fixedAtoms = FixedAtoms.Of(frame, path, "relax");
        if (relaxCell && !structure.Cell.Periodic.All(p => p))
        {
            throw new UserError($"--cell needs a structure periodic in all three directions; '{path}' is {(structure.Cell.IsPeriodic ? "periodic in only some" : "a cluster")}");
        }

        PotentialInput.RequireElements(kernels, structure.Symbols, path);
        CellReach.Require(kernels, structure, path);
        StructureOutput.Check(output, "--out", structure, kernels);
        var safety = DynamicsSafety.Check(kernels, structure, path, contactFraction);
        // The first call anneals from a high electronic temperature; every later step warm-starts from the
        // previous weights, which is what makes a step cost about one solver iteration. (Comparing every start
        // on every step, as eval does for its single structure, would cost several solves per step.)
        var calculator = EngineSelection.For(kernels, new CalculatorOptions { Threads = threads });

        var options = new RelaxOptions
        {
            Fmax = fmax, MaxSteps = maxSteps, RelaxCell = relaxCell, FixedAtoms = fixedAtoms, Contacts = safety.Contacts, Cancellation = signals.Token,
        };
        using var trajectory = trajectoryPath is null ? null : TrajectoryFile.Create(trajectoryPath, "--trajectory", frame);
        var history = new RunHistory(structure.Count, fixedAtoms);
        var result = LiveProgress.Run(stderr, show: !json, maxSteps, report =>
        {
            // Every evaluation: the frame first, then the progress line.
            var progress = new Attachment<RelaxStep>(new CallbackObserver<RelaxStep>((step, _) =>
                report(step.Step, $"FIRE step {step.Step}: A = {Numbers.Fixed(step.Energy, 6)} eV, max |F| = {Numbers.Short(Math.Max(step.Fmax, step.CellFmax), 3)} eV/Å")));
            Attachment<RelaxStep>[] observers = trajectory is null ? [new(history), progress] : [new(trajectory), new(history), progress];
            return Fire.Relax(structure, calculator, options with { Observers = observers });
        });

        if (result.Stop is { } refused && result.Stop.Step == 0)
        {
            throw new UserError($"{path}: {refused.Message}");
        }

        // The calculator's cached result at the relaxed structure: the engine's, with λ and the energy terms.
        var final = calculator.Calculate(structure);
        AnnotatedStructure.Write(output, frame, kernels, final);
        if (plotPath is not null)
        {
            RunPlot.Write(plotPath, $"relax of {Path.GetFileName(path)}  ·  potential {kernels.Name}, FIRE{(relaxCell ? " with the cell" : "")}", history, relaxation: true);
        }

        if (json)
        {
            JsonOutput.Write(stdout, Json(structure, result, final, output));
        }
        else
        {
            WriteText(stdout, path, structure, kernels.Name, options, result, final);
            stdout.WriteLine();
            stdout.WriteLine($"wrote {output}" + (trajectory is null ? "" : $" and {trajectoryPath} ({trajectory.FramesWritten} frames)") + (plotPath is null ? "" : $", {plotPath} (plot)"));
        }

        if (result.Stop is { } stop)
        {
            stderr.WriteLine($"latent: error: relax stopped at {stop.Message}; the last good structure (step {result.Steps}) is in {output}");
            return ExitCodes.DynamicsStopped;
        }

        if (result.Cancelled)
        {
            stderr.WriteLine($"latent: {signals.Name}: relax stopped after step {result.Steps}; the structure so far is in {output} (relax from it to go on)");
            return signals.ExitCode;
        }

        if (result.Converged)
        {
            return ExitCodes.Success;
        }

        stderr.WriteLine($"latent: error: not converged: max |F| = {Numbers.Short(Math.Max(result.Fmax, result.CellFmax), 3)} eV/Å is still above --fmax {Numbers.Format(fmax)} after {result.Steps} steps "
            + $"(the structure so far is in {output}; give more --steps, or relax from it)");
        return ExitCodes.NotConverged;
    }

    private static void WriteText(TextWriter o, string path, Structure structure, string potential, RelaxOptions options, RelaxResult result, EngineResult final)
    {
        var n = structure.Count;
        var kind = structure.Cell.IsPeriodic ? "periodic" : "cluster";
        var held = options.FixedAtoms is { Count: > 0 } f ? $", {f.Count} fixed by its move_mask" : "";
        o.WriteLine($"{path}: {n} atoms ({kind}{held}), potential {potential}, FIRE{(options.RelaxCell ? " with the cell" : "")}: "
            + (result.Converged ? $"converged in {result.Steps} steps" : $"NOT converged after {result.Steps} steps"));
        // Continuous charges have no latent weights and so no entropy: their energy is E itself.
        var energy = final is ChargeEquilibrationResult ? "energy E       " : "free energy A  ";
        o.WriteLine($"{energy} {Numbers.Fixed(result.Energy, 6)} eV ({Numbers.Fixed(result.Energy / n, 6)} eV/atom)");
        o.WriteLine($"max |F|         {Numbers.Short(result.Fmax, 3)} eV/Å (--fmax {Numbers.Format(options.Fmax)})");
        if (options.RelaxCell)
        {
            o.WriteLine($"cell force      {Numbers.Short(result.CellFmax, 3)} eV/Å (V·|σ row|/N)");
        }

        if (structure.Cell.IsPeriodic)
        {
            var cell = structure.Cell;
            o.WriteLine($"cell            a = {Numbers.Fixed(cell.A.Length, 4)}, b = {Numbers.Fixed(cell.B.Length, 4)}, c = {Numbers.Fixed(cell.C.Length, 4)} Å, volume {Numbers.Fixed(Math.Abs(cell.Volume), 3)} Å³");
            o.WriteLine($"stress          {string.Join(" ", result.Stress!.Select(s => Numbers.Short(s, 3)))} eV/Å³ (xx yy zz yz xz xy)");
        }

        o.WriteLine($"charges/e       {ChargeSummary.Text(ChargeSummary.Of(structure.Symbols, final.Charges))}");
    }

    private static JsonObject Json(Structure structure, RelaxResult result, EngineResult final, string output) => new()
    {
        ["converged"] = result.Converged,
        ["steps"] = result.Steps,
        ["energy"] = JsonOutput.Number(result.Energy),
        ["fmax"] = JsonOutput.Number(result.Fmax),
        ["cell_fmax"] = JsonOutput.Number(result.CellFmax),
        ["stress"] = result.Stress is null ? null : new JsonArray(result.Stress.Select(s => (JsonNode?)JsonOutput.Number(s)).ToArray()),
        ["cell"] = CellJson.Of(structure.Cell),
        ["charges"] = new JsonArray(final.Charges.Select(q => (JsonNode?)JsonOutput.Number(q)).ToArray()),
        ["positions"] = new JsonArray(Enumerable.Range(0, structure.Count).Select(i => (JsonNode?)new JsonArray(
            JsonOutput.Number(structure.X[i]), JsonOutput.Number(structure.Y[i]), JsonOutput.Number(structure.Z[i]))).ToArray()),
        ["out"] = output,
    };
}
