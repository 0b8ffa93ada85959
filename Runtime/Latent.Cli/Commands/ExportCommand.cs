using System.CommandLine;
using Latent.Cli.Export;
using Latent.Cli.Input;
using Latent.Cli.Output;
using Latent.Runtime.Export;
using Latent.Runtime.Kernels;
using Latent.Runtime.Potentials;

namespace Latent.Cli.Commands;

/// <summary><c>latent export</c>: a potential written in another program's format, to run it there.</summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var export = new Command("export", "Write a potential in another program's format.");
        export.Subcommands.Add(CreateSetfl());
        export.Subcommands.Add(CreateLammps());
        return export;
    }

    /// <summary><c>latent export setfl</c>: a LAMMPS eam/alloy table of a one-state, uncharged potential.</summary>
    private static Command CreateSetfl()
    {
        var potential = new Argument<string>("potential")
        {
            Description = "A shipped potential's name (e.g. Cu, any case) or the path of a potential file.",
        };
        var output = new Option<string>("--output", "-o")
        {
            Description = "The setfl file to write (for pair_style eam/alloy).",
            Required = true,
        };
        var radialPoints = new Option<int?>("--nr")
        {
            Description = $"Points in r from 0 to the cutoff (default {SetflGrid.DefaultRadialPoints}).",
        };
        var densityPoints = new Option<int?>("--nrho")
        {
            Description = $"Points in the host density ρ from 0 to --rho-max (default {SetflGrid.DefaultDensityPoints}).",
        };
        var maxDensity = new Option<double?>("--rho-max")
        {
            Description = $"Largest host density tabulated (default {SetflGrid.DefaultDensityRange:0.#} times the density in the densest crystal the potential declares).",
        };
        var command = new Command("setfl", "Write a LAMMPS eam/alloy (setfl) table of a potential whose every element has one uncharged state.")
        {
            potential, output, radialPoints, densityPoints, maxDensity,
        };
        command.SetAction(parse => RunSetfl(
            parse.GetValue(potential)!,
            parse.GetValue(output)!,
            parse.GetValue(radialPoints),
            parse.GetValue(densityPoints),
            parse.GetValue(maxDensity),
            parse.InvocationConfiguration.Output));
        return command;
    }

    private static int RunSetfl(string nameOrPath, string path, int? radialPoints, int? densityPoints, double? maxDensity, TextWriter stdout)
    {
        CheckPoints("--nr", radialPoints);
        CheckPoints("--nrho", densityPoints);
        if (maxDensity is { } m && !(m > 0 && double.IsFinite(m)))
        {
            throw new UserError($"--rho-max must be a positive number (got {Numbers.Format(m)})");
        }

        var kernels = PotentialInput.Load(nameOrPath);
        if (SetflTable.Unrepresentable(kernels) is { } reason)
        {
            throw new UserError(reason);
        }

        var elements = SetflElement.Describe(kernels, PotentialLoader.Read(PotentialSource.Resolve(nameOrPath)));
        var grid = maxDensity is { } rhoMax
            ? new SetflGrid(radialPoints ?? SetflGrid.DefaultRadialPoints, densityPoints ?? SetflGrid.DefaultDensityPoints, rhoMax)
            : SetflGrid.Default(kernels, elements, radialPoints, densityPoints)
                ?? throw new UserError($"potential {kernels.Name} declares no crystal for any element ([elements.X.lattice]), so the range of host densities is unknown: give --rho-max");

        SetflTable table;
        try
        {
            table = SetflTable.Build(kernels, elements, grid);
        }
        catch (ArgumentException error)
        {
            // What the table cannot express about this potential (a host-dependent density): the user's to know, not a defect.
            throw new UserError(error.Message);
        }

        AtomicFile.WriteAllText(path, SetflWriter.ToText(table, $"{kernels.Name}: Latent potential, source sha256 {kernels.SourceHash}"));
        var symbols = string.Join(' ', table.Elements.Select(e => e.Symbol));
        stdout.WriteLine($"wrote {path}: eam/alloy table of {kernels.Name}, Nr = {grid.RadialPoints} to the cutoff {Numbers.Format(table.Cutoff)} Å, "
            + $"Nrho = {grid.DensityPoints} to ρ = {grid.MaxDensity.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)}");
        stdout.WriteLine($"use in LAMMPS: pair_style eam/alloy; pair_coeff * * {path} {symbols}");
        return ExitCodes.Success;
    }

    /// <summary><c>latent export lammps</c>: pair_style latent with the potential's generated kernels, as a CMake project.</summary>
    private static Command CreateLammps()
    {
        var potential = new Argument<string>("potential")
        {
            Description = "A shipped potential's name (e.g. NaCl, any case) or the path of a potential file.",
        };
        var output = new Option<string>("--output", "-o")
        {
            Description = "The directory to write the CMake project into (new, empty, or an earlier export, which is replaced).",
            Required = true,
        };
        var command = new Command("lammps", "Write pair_style latent for LAMMPS with the potential's generated C++ kernels: a CMake project building the lmp-latent driver against the installed LAMMPS library, and example/in.latent.")
        {
            potential, output,
        };
        command.SetAction(parse => RunLammps(parse.GetValue(potential)!, parse.GetValue(output)!, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    private static int RunLammps(string nameOrPath, string directory, TextWriter stdout, TextWriter stderr)
    {
        PotentialKernels kernels;
        IReadOnlyList<(string Path, string Text)> files;
        try
        {
            var source = PotentialSource.Resolve(nameOrPath);
            kernels = PotentialInput.Load(nameOrPath);
            if (kernels.HasContinuousCharges)
            {
                throw new UserError($"potential {kernels.Name} has continuous (QEq) charges, which pair_style latent does not run yet: it runs potentials whose atoms have latent states (docs/scale.md)");
            }

            files = LammpsProject.Files(source, kernels);
        }
        catch (PotentialLoadException error)
        {
            return PotentialErrorReporter.Report(error, stderr);
        }

        LammpsProject.Write(directory, files);
        stdout.WriteLine($"wrote {directory}: pair_style latent with {kernels.Name}'s kernels ({files.Count} files)");
        stdout.WriteLine("build (needs cmake, a C++ compiler, MPI and the LAMMPS library; Debian: apt-get install liblammps-dev libopenmpi-dev cmake g++):");
        stdout.WriteLine($"  cmake -S {directory} -B {directory}/build && cmake --build {directory}/build");
        stdout.WriteLine("run (a LAMMPS data file, atom_style charge, atom types in the order " + string.Join(' ', kernels.Elements.Select(e => e.Symbol)) + "):");
        stdout.WriteLine($"  mpirun -np 4 {directory}/build/lmp-latent -in {directory}/example/in.latent -var data FILE.data -var dump atoms.dump");
        return ExitCodes.Success;
    }

    private static void CheckPoints(string option, int? points)
    {
        if (points is { } n && n < SetflGrid.MinimumPoints)
        {
            throw new UserError($"{option} must be at least {SetflGrid.MinimumPoints} points (got {n})");
        }
    }
}
