namespace Latent.Runtime.Fitting;

/// <summary>A fit that cannot start or finish as asked: a target the potential cannot compute, a bound on a parameter
/// the file does not fit, an exact condition already broken, a fit that did not converge. One message saying what and
/// where; the CLI exits 2.</summary>
public sealed class FitSetupException : Exception
{
    /// <summary>A problem with no place in a file.</summary>
    public FitSetupException(string message)
        : base(message)
    {
    }

    /// <summary>A problem at a line of the targets file.</summary>
    public FitSetupException(string message, int line)
        : base(message)
    {
        Line = line;
    }

    /// <summary>The targets file's line, when the problem has one.</summary>
    public int? Line { get; }
}
