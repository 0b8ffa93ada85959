using Spectre.Console;

namespace Latent.Cli.Output;

/// <summary>A progress bar on stderr for long runs, shown only to a person at a terminal: in pipes,
/// logs and tests it would be noise, so there the work runs quietly.</summary>
public static class ProgressBar
{
    /// <summary>Runs <paramref name="work"/>, which calls the given action once per finished item (from any thread).</summary>
    public static T Run<T>(TextWriter stderr, bool show, string description, int total, Func<Action, T> work)
    {
        if (!show || !Terminal.IsStderr(stderr))
        {
            return work(() => { });
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stderr) });
        return console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape(description), maxValue: total);
                return work(() => task.Increment(1));
            });
    }
}
