namespace Latent.Cli.Output;

/// <summary>Turns failures into the CLI's error lines and exit codes, in one place, so every
/// command reports errors the same way.</summary>
public static class ErrorReporter
{
    private const string Prefix = "latent: ";

    /// <summary>Writes a user error and returns exit code 2.</summary>
    public static int ReportUserError(UserError error, TextWriter stderr)
    {
        var location = error.Location;
        if (location is null)
        {
            stderr.WriteLine($"{Prefix}error: {error.Message}");
            return ExitCodes.UserError;
        }

        var source = location.SourceName is null ? "" : location.SourceName + ": ";
        stderr.WriteLine($"{Prefix}error: {source}line {location.Line}, column {location.Column}: {error.Message}");
        var line = LineOf(location.Text, location.Line);
        if (line is not null)
        {
            stderr.WriteLine("  " + line);
            stderr.WriteLine("  " + CaretPadding(line, location.Column) + "^");
        }

        return ExitCodes.UserError;
    }

    /// <summary>Writes a command-line syntax error (unknown option, missing argument, bad value).</summary>
    public static int ReportUsageError(string message, string commandPath, TextWriter stderr)
    {
        // System.CommandLine lists an option's allowed values on lines of their own; one error is one line.
        var oneLine = string.Join(' ', message.ReplaceLineEndings("\n").Split('\n').Select(part => part.Trim()).Where(part => part.Length > 0));
        stderr.WriteLine($"{Prefix}error: {oneLine}");
        stderr.WriteLine($"{Prefix}see '{commandPath} --help'");
        return ExitCodes.UserError;
    }

    /// <summary>Writes an unexpected exception as one line (a defect, but still no stack trace for
    /// the user) and returns exit code 3.</summary>
    public static int ReportInternalError(Exception exception, TextWriter stderr)
    {
        // Aggregate and invocation wrappers hide the message worth reading.
        var inner = exception;
        while (inner is AggregateException { InnerException: not null } or System.Reflection.TargetInvocationException { InnerException: not null })
        {
            inner = inner.InnerException!;
        }

        var message = inner.Message.ReplaceLineEndings(" ");
        stderr.WriteLine($"{Prefix}internal error: {message}");
        return ExitCodes.InternalError;
    }

    private static string? LineOf(string text, int line)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        return line >= 1 && line <= lines.Length ? lines[line - 1] : null;
    }

    /// <summary>Spaces up to the column, keeping tabs as tabs so the caret lines up in a terminal.</summary>
    private static string CaretPadding(string line, int column)
    {
        var width = Math.Clamp(column - 1, 0, line.Length);
        var chars = new char[width];
        for (var i = 0; i < width; i++)
        {
            chars[i] = line[i] == '\t' ? '\t' : ' ';
        }

        return new string(chars);
    }
}
