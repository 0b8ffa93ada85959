using System.Globalization;
using Latent.Runtime.Dynamics;
using Latent.Runtime.Dynamics.Observers;

namespace Latent.Cli.Output;

/// <summary>
/// md's thermo table, written a line at a time as the run goes (to stdout and/or a --log file) and flushed
/// after each line, so a long batch run can be followed with <c>tail -f</c> and an interrupted one keeps its
/// lines. Columns have fixed widths, since the widest value is not known until the run ends.
/// </summary>
public sealed class ThermoLog : IDynamicsObserver<MdStep>, IDisposable
{
    private static readonly (string Header, int Width)[] Columns =
        [("step", 8), ("time/fs", 11), ("A/eV", 17), ("kinetic/eV", 13), ("total/eV", 17), ("T/K", 9), ("max |Δq|/e", 11)];

    private readonly List<TextWriter> writers = [];
    private readonly List<TextWriter> owned = [];
    private readonly TextWriter? stdout;

    /// <summary>Lines go to <paramref name="stdout"/> (when not null) and to the file <paramref name="logPath"/> (when not null; appended to when <paramref name="append"/>).</summary>
    /// <exception cref="UserError">The log file cannot be opened.</exception>
    /// <remarks>The header, after <paramref name="preamble"/> (stdout only), is written with the first line, so a run
    /// refused before its first step prints nothing but its error.</remarks>
    public ThermoLog(TextWriter? stdout, string? logPath, bool append, string? preamble = null)
    {
        this.stdout = stdout;
        if (stdout is not null)
        {
            writers.Add(stdout);
        }

        if (logPath is not null)
        {
            try
            {
                var directory = Path.GetDirectoryName(Path.GetFullPath(logPath))!;
                Directory.CreateDirectory(directory);
                var file = new StreamWriter(logPath, append) { AutoFlush = true, NewLine = "\n" };
                writers.Add(file);
                owned.Add(file);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                throw new UserError($"--log: cannot write '{logPath}': {error.Message}");
            }
        }

        this.preamble = preamble;
    }

    private string? preamble;

    /// <summary>Lines written after the header.</summary>
    public int Lines { get; private set; }

    /// <inheritdoc/>
    public void Observe(MdStep step, DynamicsState state)
    {
        if (Lines == 0)
        {
            if (preamble is not null && stdout is not null)
            {
                stdout.Write(preamble);
            }

            // The step column reads down the left edge; the numbers line up on the right.
            WriteLine(string.Join(' ', Columns.Select((c, k) => k == 0 ? c.Header.PadRight(c.Width) : c.Header.PadLeft(c.Width))));
        }

        string[] cells =
        [
            step.Step.ToString(CultureInfo.InvariantCulture), Numbers.Short(step.Time), Numbers.Fixed(step.Potential, 6), Numbers.Fixed(step.Kinetic, 6),
            Numbers.Fixed(step.Total, 6), Numbers.Fixed(step.Temperature, 1), Numbers.Short(step.MaxChargeChange, 2),
        ];
        WriteLine(string.Join(' ', cells.Select((c, k) => k == 0 ? c.PadRight(Columns[k].Width) : c.PadLeft(Columns[k].Width))));
        Lines++;
    }

    private void WriteLine(string line)
    {
        foreach (var writer in writers)
        {
            writer.Write(line);
            writer.Write('\n');
            writer.Flush();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var writer in owned)
        {
            writer.Dispose();
        }
    }
}
