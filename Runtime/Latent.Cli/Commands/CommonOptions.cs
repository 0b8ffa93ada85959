using System.CommandLine;

namespace Latent.Cli.Commands;

/// <summary>Options and arguments that several commands share, defined once so they read the same everywhere.</summary>
public static class CommonOptions
{
    public static Option<bool> Json() => new("--json")
    {
        Description = "Write the result as JSON (for scripts).",
    };

    /// <summary>For the commands that print a formula: the raw canonical form instead of the compact display form.</summary>
    public static Option<bool> Canonical() => new("--canonical")
    {
        Description = "Print the canonical form (as expressions are stored) instead of the compact display form "
            + "with common factors taken out and sums multiplied out where that is shorter.",
    };

    public static Argument<string> Formula() => new("formula")
    {
        Description = "A formula, or a program of statements separated by ';' or newlines: "
            + "'name = expr' definitions are substituted into later statements.",
    };

    /// <summary>The structure a runtime command works on.</summary>
    public static Argument<string> Structure() => new("structure")
    {
        Description = "A file holding one structure: extended XYZ (a cluster, or a periodic cell with Lattice and pbc), "
            + "a LAMMPS data file (.data, .lmp, .lammps; atom types in the potential's element order) or a VASP POSCAR/CONTCAR (.vasp, .poscar).",
    };

    /// <summary>The potential a runtime command uses, by shipped name or path (as <c>latent codegen</c> takes it).</summary>
    public static Option<string> Potential() => new("--potential", "-p")
    {
        Description = "A shipped potential's name (e.g. NaCl, any case) or the path of a potential file.",
        Required = true,
    };

    /// <summary>The electronic temperature θ of the latent-weight equalisation; check it with <see cref="CheckTemperature"/>.</summary>
    public static Option<double?> Temperature() => new("--temperature")
    {
        Description = "Electronic temperature θ in eV (default: the potential's own).",
    };

    /// <summary>θ must be positive: at zero the weights are not defined by the free energy. (Checked when the
    /// command runs, not in a parse validator, which would fail on a value that is not a number at all.)</summary>
    /// <exception cref="Output.UserError">θ is zero, negative or not finite.</exception>
    public static double? CheckTemperature(double? theta) =>
        theta is { } t && !(t > 0 && double.IsFinite(t))
            ? throw new Output.UserError($"--temperature must be a positive number of eV (got {Output.Numbers.Format(t)})")
            : theta;

    /// <summary>The environment variable that gives --threads its default.</summary>
    public const string ThreadsVariable = "LATENT_THREADS";

    /// <summary>The engine's thread count, for every command that computes; resolve it with <see cref="CheckThreads"/>.
    /// Results do not depend on it: the engine's parallel loops split work in fixed blocks and sum them in order.</summary>
    public static Option<int?> Threads() => new("--threads")
    {
        Description = $"Threads the engine may use (default: ${ThreadsVariable}, else every core). Results do not depend on it.",
        // Said plainly: the parser's own message would name the type System.Nullable`1[System.Int32].
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var count))
                return count;
            result.AddError($"--threads must be a whole number, 1 or more (got '{text}')");
            return null;
        },
    };

    /// <summary>--threads, else <c>LATENT_THREADS</c>, else null (every core). Checked when the command runs, as
    /// <see cref="CheckTemperature"/> is; the variable is read here so a bad one is reported like a bad option.</summary>
    /// <exception cref="Output.UserError">Either is zero, negative or not a whole number.</exception>
    public static int? CheckThreads(int? option)
    {
        if (option is { } n)
            return n >= 1 ? n : throw new Output.UserError($"--threads must be 1 or more (got {n})");
        var text = Environment.GetEnvironmentVariable(ThreadsVariable);
        if (string.IsNullOrWhiteSpace(text))
            return null;
        return int.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count) && count >= 1
            ? count
            : throw new Output.UserError($"{ThreadsVariable}={text}: give a whole number of threads from 1 up");
    }
}
