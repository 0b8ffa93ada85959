using System.CommandLine;
using Latent.Cli.Input;
using Latent.Cli.Output;
using Latent.Runtime.Engine;
using Latent.Runtime.Engine.Solver;

namespace Latent.Cli.Commands;

/// <summary><c>latent eval</c>: energy, forces, stress, charges and latent weights of one structure.</summary>
public static class EvalCommand
{
    public static Command Create()
    {
        var structure = CommonOptions.Structure();
        var potential = CommonOptions.Potential();
        var charge = new Option<double>("--charge")
        {
            Description = "Total charge Q of the structure in e (default 0).",
        };
        var temperature = CommonOptions.Temperature();
        var output = new Option<string?>("--out")
        {
            Description = "Also write the structure with its results: extended XYZ (.extxyz, .xyz) with per-atom charges, weights, forces and energy terms, "
                + "a LAMMPS data file (.data, .lmp, .lammps; atom style charge) or a VASP POSCAR (POSCAR, CONTCAR, .vasp, .poscar).",
        };
        var json = CommonOptions.Json();
        var threads = CommonOptions.Threads();
        var command = new Command("eval", "Evaluate one structure: energy, forces, stress, charges and latent weights.")
        {
            structure, potential, charge, temperature, output, json, threads,
        };
        command.SetAction(parse => Run(
            parse.GetValue(structure)!,
            parse.GetValue(potential)!,
            parse.GetValue(charge),
            CommonOptions.CheckTemperature(parse.GetValue(temperature)),
            parse.GetValue(output),
            parse.GetValue(json),
            CommonOptions.CheckThreads(parse.GetValue(threads)),
            parse.InvocationConfiguration.Output));
        return command;
    }

    private static int Run(string path, string potentialName, double charge, double? temperature, string? output, bool json, int? threads, TextWriter stdout)
    {
        if (!double.IsFinite(charge))
        {
            throw new UserError($"--charge must be a finite number of e (got {Numbers.Format(charge)})");
        }

        if (output is not null)
        {
            OutputFormat.RequireStructure(output, "--out");
        }

        // The potential first: its element order numbers a LAMMPS data file's atom types.
        var kernels = PotentialInput.Load(potentialName);
        var frame = StructureInput.ReadSingleFrame(path, kernels);
        if (frame.Structure.Count == 0)
        {
            // No atoms has no chemical potential and no charges to report: zeros would be invented numbers.
            throw new UserError($"'{path}' has no atoms; there is nothing to evaluate");
        }

        PotentialInput.RequireElements(kernels, frame.Structure.Symbols, path);
        CellReach.Require(kernels, frame.Structure, path);

        if (output is not null)
        {
            StructureOutput.Check(output, "--out", frame.Structure, kernels);
        }

        PotentialInput.RequireTemperatureApplies(kernels, temperature);
        var calculator = EngineSelection.For(kernels, new CalculatorOptions
        {
            Temperature = temperature,
            Threads = threads,
            Charge = ChargeCondition.TotalCharge(charge),
            // One structure, solved once: keep the lowest free energy of every start, so the answer
            // is the ground state rather than whichever minimum one start happens to reach.
            Solver = new SolverOptions { CompareStarts = true },
        });
        var result = calculator.Calculate(frame.Structure);

        if (output is not null)
        {
            AnnotatedStructure.Write(output, frame, kernels, result);
        }

        var report = new EvalReport(path, frame.Structure, kernels, kernels.HasContinuousCharges ? null : temperature ?? kernels.Temperature, charge, result);
        if (json)
        {
            JsonOutput.Write(stdout, report.ToJson());
        }
        else
        {
            report.WriteText(stdout, Terminal.IsStdout(stdout));
            if (output is not null)
            {
                stdout.WriteLine();
                stdout.WriteLine($"wrote {output}");
            }
        }

        return ExitCodes.Success;
    }
}
