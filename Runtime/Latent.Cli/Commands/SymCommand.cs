using System.CommandLine;

namespace Latent.Cli.Commands;

/// <summary><c>latent sym</c>: the symbolic core on formulas typed on the command line.</summary>
public static class SymCommand
{
    public static Command Create()
    {
        var sym = new Command("sym", "Symbolic algebra on formulas: differentiate, simplify, evaluate, eliminate common subexpressions.");
        sym.Subcommands.Add(SymDiffCommand.Create());
        sym.Subcommands.Add(SymSimplifyCommand.Create());
        sym.Subcommands.Add(SymEvalCommand.Create());
        sym.Subcommands.Add(SymCseCommand.Create());
        return sym;
    }
}
