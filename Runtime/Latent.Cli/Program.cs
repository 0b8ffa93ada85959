using System.CommandLine;
using System.CommandLine.Invocation;
using Latent.Cli.Commands;
using Latent.Cli.Output;
using Latent.Runtime.Calculators;
using Latent.Runtime.Compilation;
using Latent.Runtime.Engine.ChargeEquilibration;
using Latent.Runtime.Engine.Solver;

namespace Latent.Cli;

public static class Program
{
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs the CLI with the given writers, so tests run it in process exactly as Main does.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            var root = CliRoot.Create();
            var parseResult = root.Parse(args);

            // System.CommandLine would print its errors followed by the whole help text and exit 1;
            // the CLI promises one error line and exit 2 for everything a user can get wrong.
            if (parseResult.Action is ParseErrorAction && parseResult.Errors.Count > 0)
            {
                // A stray word also yields "Required command was not provided" first; the word is the real news.
                var message = parseResult.UnmatchedTokens.Count > 0
                    ? $"unrecognized command or argument '{parseResult.UnmatchedTokens[0]}'"
                    : parseResult.Errors[0].Message;
                return ErrorReporter.ReportUsageError(message, CommandPath(parseResult.CommandResult), stderr);
            }

            var configuration = new InvocationConfiguration
            {
                Output = stdout,
                Error = stderr,
                // Exceptions come back here, so they are reported without a stack trace.
                EnableDefaultExceptionHandler = false,
            };
            return parseResult.Invoke(configuration);
        }
        catch (UserError error)
        {
            return ErrorReporter.ReportUserError(error, stderr);
        }
        catch (Latent.Runtime.Potentials.PotentialLoadException error)
        {
            return PotentialErrorReporter.Report(error, stderr);
        }
        catch (Exception error) when (error is LatentSolverException or PropertyNotAvailableException
            or NonFiniteResultException or AtomsTooCloseException or CacheLocationException or ChargeEquilibrationException)
        {
            // The runtime's own user-facing failures: their messages say what happened and what to try.
            return ErrorReporter.ReportUserError(new UserError(error.Message), stderr);
        }
        catch (Exception exception)
        {
            return ErrorReporter.ReportInternalError(exception, stderr);
        }
    }

    private static string CommandPath(System.CommandLine.Parsing.CommandResult result)
    {
        var names = new Stack<string>();
        for (var current = result; current is not null; current = current.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Push(current.Command is RootCommand ? "latent" : current.Command.Name);
        }

        return string.Join(' ', names);
    }
}
