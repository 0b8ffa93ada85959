namespace Latent.Runtime.Structures.ExtendedXyz;

/// <summary>
/// What an output frame keeps of the input frame it was computed from: the info keys and per-atom columns
/// the user brought (a <c>move_mask</c>, tags, a comment…), but none of the results the run writes afresh,
/// so a stale energy or force from the input never passes for this run's.
/// </summary>
public static class CarriedInput
{
    /// <summary>
    /// The column an input's <c>initial_charges</c> is kept under. ASE before 3.23 reads a <c>charges</c>
    /// column (the results) as initial charges and refuses a file that has both, so the input's own
    /// initial charges travel under this name.
    /// </summary>
    public const string InitialChargesColumn = "input_initial_charges";

    /// <summary>Per-atom results an output writes from its own calculation.</summary>
    private static readonly string[] ResultColumns =
    [
        "charges", "forces", "energies", "stresses", "magmoms", "weights", "momenta", "velocities",
        "energy_atomic", "energy_electrostatic", "energy_pair", "energy_embedding", "energy_entropy",
    ];

    /// <summary>Per-frame results and run state an output writes from its own calculation.</summary>
    private static readonly string[] ResultInfo =
    [
        "energy", "free_energy", "internal_energy", "stress", "virial", "dipole", "magmom", "lambda", "potential", "step", "time",
        "md_restart", "dt", "thermostat", "temperature", "friction", "seed", "thermostat_stream", "thermostat_energy", "conserved_reference",
        "solver_weights", "solver_lambda", "solver_warm_solves", "solver_reference_gap", "charge_solver_charges", "charge_solver_since_check",
    ];

    /// <summary>Copies the input's own info and columns into <paramref name="output"/> (before the results are set on it).</summary>
    public static void CopyInto(XyzFrame input, XyzFrame output)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        foreach (var (key, value) in input.Info)
        {
            if (!ResultInfo.Contains(key))
                output.Info[key] = value;
        }

        foreach (var (name, column) in input.Columns)
        {
            if (name == "initial_charges")
                output.Columns[InitialChargesColumn] = column;
            else if (!ResultColumns.Contains(name))
                output.Columns[name] = column;
        }
    }
}
