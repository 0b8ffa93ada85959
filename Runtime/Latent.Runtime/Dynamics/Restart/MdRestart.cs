using System.Globalization;
using Latent.Runtime.Calculators;
using Latent.Runtime.Engine;
using Latent.Runtime.Engine.ChargeEquilibration;
using Latent.Runtime.Structures;
using Latent.Runtime.Structures.ExtendedXyz;

namespace Latent.Runtime.Dynamics.Restart;

/// <summary>
/// What continuing a molecular-dynamics run needs, kept as one extended XYZ frame: the trajectory frame of
/// the step (positions, masses when not the table's, ASE momenta, charges, weights, forces, step, time, the
/// input's own columns such as <c>move_mask</c>) plus the exact <c>velocities</c> (Å/fs; momenta divided back
/// by the mass would not give the same bits) and the run's settings and state in its comment line. ASE
/// reads it as an ordinary frame; the extra info keys are <c>md_restart</c> (format version 3),
/// <c>potential</c>, <c>dt</c> (fs), <c>thermostat</c> (langevin or none), <c>temperature</c> (K),
/// <c>friction</c> (1/fs), <c>seed</c>, <c>thermostat_stream</c> (<see cref="RandomStreamState"/>, Langevin
/// only), <c>thermostat_energy</c> and <c>conserved_reference</c> (eV), and for the ensemble engine the
/// solver's warm start (<see cref="SolverWarmState"/>): <c>solver_weights</c>, <c>solver_lambda</c>,
/// <c>solver_warm_solves</c>, <c>solver_reference_gap</c>; for the charge-equilibration engine its warm start
/// (<see cref="ChargeWarmState"/>): <c>charge_solver_charges</c>, <c>charge_solver_since_check</c> (version 3).
/// Versions 1 (no solver state) and 2 (no charge-solver state: a continued QEq run then solves its first step from
/// scratch) are still read.
/// </summary>
public sealed record MdRestart
{
    /// <summary>The version written in <c>md_restart</c>.</summary>
    public const int Version = 3;

    /// <summary>The structure at the step (symbols, positions, masses, cell).</summary>
    public required Structure Structure { get; init; }

    /// <summary>Velocities at the step (Å/fs).</summary>
    public required Velocities Velocities { get; init; }

    /// <summary>The step the state is of.</summary>
    public required int Step { get; init; }

    /// <summary>Time step (fs).</summary>
    public required double Dt { get; init; }

    /// <summary>The potential's name or path, as the run was given it.</summary>
    public required string Potential { get; init; }

    /// <summary>Whether the run is under the Langevin thermostat (else NVE).</summary>
    public required bool Langevin { get; init; }

    /// <summary>Starting and thermostat temperature (K).</summary>
    public required double Temperature { get; init; }

    /// <summary>Langevin friction (1/fs).</summary>
    public required double Friction { get; init; }

    /// <summary>The seed the run began with (the stream state, not the seed, continues it).</summary>
    public required long Seed { get; init; }

    /// <summary>The Langevin random stream after <see cref="Step"/>; null for NVE.</summary>
    public RandomStreamState? Stream { get; init; }

    /// <summary>Kinetic energy the thermostat has put in up to <see cref="Step"/> (eV).</summary>
    public required double ThermostatEnergy { get; init; }

    /// <summary>A + kinetic − thermostat energy at the run's start (eV), the drift's reference.</summary>
    public required double ConservedReference { get; init; }

    /// <summary>Where the ensemble engine's next solve starts; null for a calculator without one (or a version 1 file).</summary>
    public SolverWarmState? Solver { get; init; }

    /// <summary>Where the charge-equilibration engine's next solve starts; null for another calculator (or a file before version 3).</summary>
    public ChargeWarmState? ChargeSolver { get; init; }

    /// <summary>The frame the state was read from (its own columns, such as <c>move_mask</c>, go on with the run); null for a state not read from a file.</summary>
    public XyzFrame? Frame { get; init; }

    /// <summary>The frame to write: the trajectory frame with the state in its info.</summary>
    /// <param name="properties">The calculation at the step.</param>
    /// <param name="input">The run's input frame, whose own info and columns the frame carries (<see cref="CarriedInput"/>).</param>
    public XyzFrame ToFrame(CalculatedProperties properties, XyzFrame? input = null)
    {
        var frame = TrajectoryFrames.Create(Structure, properties, Velocities, Step, Step * Dt, input);
        var n = Structure.Count;
        var v = new double[3 * n];
        for (var i = 0; i < n; i++)
            (v[3 * i], v[3 * i + 1], v[3 * i + 2]) = (Velocities.X[i], Velocities.Y[i], Velocities.Z[i]);
        frame.Columns["velocities"] = XyzColumn.Real(v, 3);
        var info = frame.Info;
        info["md_restart"] = Version;
        info["potential"] = Potential;
        info["dt"] = Dt;
        info["thermostat"] = Langevin ? "langevin" : "none";
        info["temperature"] = Temperature;
        info["friction"] = Friction;
        // An integer where it fits (as usual), else its digits as text: info integers are 32-bit.
        info["seed"] = Seed is >= int.MinValue and <= int.MaxValue ? (int)Seed : Seed.ToString(CultureInfo.InvariantCulture);
        if (Stream is { } stream)
            info["thermostat_stream"] = stream.ToString();
        info["thermostat_energy"] = ThermostatEnergy;
        info["conserved_reference"] = ConservedReference;
        if (Solver is { } solver)
        {
            info["solver_weights"] = (double[])solver.Weights.Clone();
            info["solver_lambda"] = solver.Lambda;
            info["solver_warm_solves"] = solver.WarmSolvesSinceFull;
            // NaN does not round-trip through every reader: no reference is written as its absence.
            if (!double.IsNaN(solver.ReferenceGap))
                info["solver_reference_gap"] = solver.ReferenceGap;
        }

        if (ChargeSolver is { } charge)
        {
            info["charge_solver_charges"] = (double[])charge.Charges.Clone();
            info["charge_solver_since_check"] = charge.SolvesSinceCheck;
        }

        return frame;
    }

    /// <summary>An info value of one or more numbers as doubles (a list of one is read back as a single number).</summary>
    private static double[] Numbers(object value, string key) => value switch
    {
        double[] d => d,
        int[] i => Array.ConvertAll(i, x => (double)x),
        double d => [d],
        int i => [(double)i],
        _ => throw new FormatException($"info '{key}' must be numbers"),
    };

    /// <summary>Reads the state back from a frame <see cref="ToFrame"/> wrote.</summary>
    /// <exception cref="FormatException">A key missing or of the wrong kind, or no velocities; the message names it.</exception>
    public static MdRestart FromFrame(XyzFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var info = frame.Info;
        double Number(string key) => info.TryGetDouble(key, out var value) && double.IsFinite(value)
            ? value
            : throw new FormatException($"info '{key}' must be a finite number{(info.ContainsKey(key) ? "" : " and is missing")}");
        string Text(string key) => info.TryGetValue(key, out var value) && value is string s
            ? s
            : throw new FormatException($"info '{key}' must be text{(info.ContainsKey(key) ? "" : " and is missing")}");

        if (!info.TryGetValue("md_restart", out var version))
            throw new FormatException("it is not an md restart file (no 'md_restart' in its comment line); give the file `latent md` wrote with --restart-file");
        if (version is not int v || v is < 1 or > Version)
            throw new FormatException($"md_restart={version} is a format this version of latent does not read (it reads 1 to {Version})");
        var thermostat = Text("thermostat");
        if (thermostat is not ("langevin" or "none"))
            throw new FormatException($"info 'thermostat' must be langevin or none, found '{thermostat}'");
        var step = Number("step");
        if (step < 0 || step != Math.Floor(step) || step > int.MaxValue)
            throw new FormatException($"info 'step' must be a whole number of steps, found {step}");
        long seed = 0;
        if (!info.TryGetValue("seed", out var seedValue) || !(seedValue is int small ? (seed = small) == small : seedValue is string digits && long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out seed)))
            throw new FormatException($"info 'seed' must be an integer{(seedValue is null ? " and is missing" : $", found '{seedValue}'")}");
        if (!frame.Columns.TryGet("velocities", out var column) || column.Components != 3 || column.Values is not double[] flat)
            throw new FormatException("it has no 'velocities:R:3' column");

        var structure = frame.Structure;
        var velocities = new Velocities(structure.Count);
        for (var i = 0; i < structure.Count; i++)
            (velocities.X[i], velocities.Y[i], velocities.Z[i]) = (flat[3 * i], flat[3 * i + 1], flat[3 * i + 2]);
        var langevin = thermostat == "langevin";
        SolverWarmState? solverState = null;
        if (info.TryGetValue("solver_weights", out var weightsValue))
        {
            var weights = Numbers(weightsValue, "solver_weights");
            var warmSolves = Number("solver_warm_solves");
            if (warmSolves < 0 || warmSolves != Math.Floor(warmSolves) || warmSolves > int.MaxValue)
                throw new FormatException($"info 'solver_warm_solves' must be a whole number, found {warmSolves}");
            solverState = new SolverWarmState(weights, Number("solver_lambda"), (int)warmSolves,
                info.ContainsKey("solver_reference_gap") ? Number("solver_reference_gap") : double.NaN);
        }

        ChargeWarmState? chargeState = null;
        if (info.TryGetValue("charge_solver_charges", out var chargesValue))
        {
            var charges = Numbers(chargesValue, "charge_solver_charges");
            if (charges.Length != structure.Count)
                throw new FormatException($"info 'charge_solver_charges' must hold one charge per atom ({structure.Count}), found {charges.Length}");
            var sinceCheck = Number("charge_solver_since_check");
            if (sinceCheck < 0 || sinceCheck != Math.Floor(sinceCheck) || sinceCheck > int.MaxValue)
                throw new FormatException($"info 'charge_solver_since_check' must be a whole number, found {sinceCheck}");
            chargeState = new ChargeWarmState(charges, (int)sinceCheck);
        }

        return new MdRestart
        {
            Structure = structure,
            Velocities = velocities,
            Step = (int)step,
            Dt = Number("dt"),
            Potential = Text("potential"),
            Langevin = langevin,
            Temperature = Number("temperature"),
            Friction = Number("friction"),
            Seed = seed,
            Stream = langevin ? RandomStreamState.Parse(Text("thermostat_stream")) : null,
            ThermostatEnergy = Number("thermostat_energy"),
            ConservedReference = Number("conserved_reference"),
            Solver = solverState,
            ChargeSolver = chargeState,
            Frame = frame,
        };
    }
}
