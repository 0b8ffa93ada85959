using System.CommandLine;

namespace Latent.Cli.Commands;

/// <summary>The command tree of <c>latent</c>.</summary>
public static class CliRoot
{
    public static RootCommand Create()
    {
        var root = new RootCommand(
            "Latent: design, check and run physics-based interatomic potentials written as formulas.");
        root.Subcommands.Add(SymCommand.Create());
        root.Subcommands.Add(CodegenCommand.Create());
        root.Subcommands.Add(EvalCommand.Create());
        root.Subcommands.Add(DimerCommand.Create());
        root.Subcommands.Add(RelaxCommand.Create());
        root.Subcommands.Add(MdCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(VerifyCommand.Create());
        root.Subcommands.Add(CheckCommand.Create());
        root.Subcommands.Add(FitCommand.Create());
        root.Subcommands.Add(DataCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(SoakCommand.Create());
        root.Subcommands.Add(ValidateCommand.Create());
        return root;
    }
}
