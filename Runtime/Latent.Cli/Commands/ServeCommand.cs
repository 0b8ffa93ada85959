using System.CommandLine;
using Latent.Cli.Input;
using Latent.Cli.Output;
using Latent.Cli.Safety;
using Latent.Cli.Serve;
using Latent.Runtime.Engine;

namespace Latent.Cli.Commands;

/// <summary>
/// <c>latent serve --ipi</c>: Latent as an i-PI client, so ASE's SocketIOCalculator (or i-PI itself) drives
/// it over a socket without a process start per call.
/// </summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var structure = CommonOptions.Structure();
        structure.Description = "An extended XYZ file with the structure served: i-PI sends only positions and the cell, "
            + "so the species and periodic directions come from here (the server's positions replace its own).";
        var potential = CommonOptions.Potential();
        var ipi = new Option<string>("--ipi")
        {
            Description = "The i-PI server to connect to: host:port, or unix:NAME for the UNIX socket /tmp/ipi_NAME.",
            Required = true,
        };
        var threads = CommonOptions.Threads();
        var timeout = new Option<double>("--timeout")
        {
            Description = "Seconds the rest of a message may take once it has begun (waiting for the next message has no limit).",
            DefaultValueFactory = _ => 60,
        };
        var extras = new Option<string>("--extras")
        {
            Description = "What follows the virial in FORCEREADY: none (one zero byte, as ASE's own client sends; ASE 3.22's "
                + "SocketIOCalculator fails on more) or json (A, E, λ, charges, per-atom energies and latent weights; "
                + "LatentCalculator and i-PI read it).",
            DefaultValueFactory = _ => "none",
        };
        extras.AcceptOnlyFromAmong("none", "json");
        var contactFraction = SafetyOptions.ContactFraction();
        // Only STRUCTURE is checked: later geometries are the server's, and atoms on top of each other end the run as in eval.
        contactFraction.Description = "Refuse a STRUCTURE with two atoms closer than this fraction of their pair's smallest sensible distance (0: no check).";
        var command = new Command("serve", "Serve energies, forces, stress and charges to an i-PI server (ASE's SocketIOCalculator, i-PI) over a socket.")
        {
            structure, potential, ipi, threads, timeout, extras, contactFraction,
        };
        command.SetAction(parse => Run(
            parse.GetValue(structure)!,
            parse.GetValue(potential)!,
            parse.GetValue(ipi)!,
            parse.GetValue(threads),
            parse.GetValue(timeout),
            parse.GetValue(extras) == "json",
            parse.GetValue(contactFraction),
            parse.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string path, string potentialName, string ipi, int? threadOption, double timeout, bool jsonExtras, double contactFraction, TextWriter stderr)
    {
        var address = IpiAddress.Parse(ipi);
        var threads = CommonOptions.CheckThreads(threadOption);
        if (!(timeout > 0 && double.IsFinite(timeout)))
            throw new UserError($"--timeout must be a positive number of seconds (got {Numbers.Format(timeout)})");
        DynamicsSafety.CheckFraction(contactFraction);

        // The potential first: its element order numbers a LAMMPS data file's atom types.
        var kernels = PotentialInput.Load(potentialName);
        var frame = StructureInput.ReadSingleFrame(path, kernels);
        var template = frame.Structure;
        PotentialInput.RequireElements(kernels, template.Symbols, path);
        CellReach.Require(kernels, template, path);
        // The template must be a sensible start; later geometries are the server's to choose.
        DynamicsSafety.Check(kernels, template, path, contactFraction);
        var calculator = EngineSelection.For(kernels, new CalculatorOptions { Threads = threads });
        var forceField = new IpiForceField(kernels, calculator, template, path, jsonExtras);

        using var connection = new IpiConnection(address.Connect(), TimeSpan.FromSeconds(timeout), address.Text);
        var client = new IpiClient(connection, forceField);
        client.Run();
        stderr.WriteLine($"latent: serve: the i-PI server at {address.Text} is done after {client.Answered} force calls");
        return ExitCodes.Success;
    }
}
