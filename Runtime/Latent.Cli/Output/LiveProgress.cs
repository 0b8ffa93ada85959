using Spectre.Console;

namespace Latent.Cli.Output;

/// <summary>
/// A progress bar on stderr for runs whose length is not known in advance (relaxation, dynamics). The work
/// runs on a worker thread; the bar appears only when it is still running after <see cref="Delay"/>, so a
/// quick run prints nothing extra, and only to a person at a terminal (pipes, logs and tests stay quiet).
/// </summary>
public static class LiveProgress
{
    /// <summary>How long a run goes before the bar is worth drawing.</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(1.5);

    /// <summary>Runs <paramref name="work"/>, which reports (items done, a short status line) from its own thread.</summary>
    public static T Run<T>(TextWriter stderr, bool show, double total, Func<Action<double, string>, T> work)
    {
        if (!show || !Terminal.IsStderr(stderr))
        {
            return work((_, _) => { });
        }

        var gate = new object();
        // Spectre refuses an empty task name, so the bar starts with a word until the first report.
        var (done, status) = (0.0, "starting");
        var running = Task.Run(() => work((value, text) =>
        {
            lock (gate)
            {
                (done, status) = (value, text);
            }
        }));
        if (Finished(running, Delay))
        {
            return running.GetAwaiter().GetResult();
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stderr) });
        return console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("starting", maxValue: total);
                while (!Finished(running, TimeSpan.FromMilliseconds(100)))
                {
                    lock (gate)
                    {
                        (task.Value, task.Description) = (done, Markup.Escape(status));
                    }
                }

                // Rethrows the work's own exception (a user error, say), not a wrapper.
                return running.GetAwaiter().GetResult();
            });
    }

    private static bool Finished(Task task, TimeSpan wait)
    {
        try
        {
            return task.Wait(wait);
        }
        catch (AggregateException)
        {
            return true;
        }
    }
}
