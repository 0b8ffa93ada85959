using System.CommandLine;
using Latent.Cli.Output;
using Latent.Runtime.Verification;

namespace Latent.Cli.Commands;

/// <summary><c>latent verify</c>: property-based checks that the generated code of a potential computes
/// what its formulas say (derivatives, interpreter, SIMD, build-time, gradients, forces, stress).</summary>
public static class VerifyCommand
{
    public static Command Create()
    {
        var potential = new Argument<string>("potential")
        {
            Description = "A shipped potential's name (e.g. NaCl, any case) or the path of a potential file.",
        };
        var cases = new Option<int>("--cases")
        {
            Description = "FsCheck cases per kernel property (gradients run a quarter, structures one in 25).",
            DefaultValueFactory = _ => 100,
        };
        var seed = new Option<ulong?>("--seed")
        {
            Description = "Seed to replay a run (the report prints the one it used).",
        };
        var json = CommonOptions.Json();
        var threads = CommonOptions.Threads();
        threads.Description = $"Kernel terms checked at once, and threads of each structure's solves (default: ${CommonOptions.ThreadsVariable}, else every core). Results do not depend on it.";
        var command = new Command("verify", "Verify a potential's generated kernels with property-based tests.")
        {
            potential, cases, seed, json, threads,
        };
        command.SetAction(parse => Run(
            parse.GetValue(potential)!, parse.GetValue(cases), parse.GetValue(seed), parse.GetValue(json),
            CommonOptions.CheckThreads(parse.GetValue(threads)), parse.InvocationConfiguration.Output));
        return command;
    }

    private static int Run(string nameOrPath, int cases, ulong? seed, bool json, int? threads, TextWriter stdout)
    {
        if (cases < 1)
        {
            throw new UserError($"--cases must be at least 1 (got {cases})");
        }

        var report = new PotentialVerifier().Verify(nameOrPath, new VerificationOptions(cases, seed, threads));
        var view = new VerificationView(report, nameOrPath);
        if (json)
        {
            JsonOutput.Write(stdout, view.ToJson());
        }
        else
        {
            view.WriteText(stdout, Terminal.IsStdout(stdout));
        }

        return report.Passed ? ExitCodes.Success : ExitCodes.PropertyFailed;
    }
}
