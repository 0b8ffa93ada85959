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
}
