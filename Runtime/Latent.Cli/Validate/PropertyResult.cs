namespace Latent.Cli.Validate;

/// <summary>One row of a potential's table: the property, experiment's value, the potential's (or why there is none), and
/// whether it was fitted to.</summary>
/// <param name="Definition">The row.</param>
/// <param name="Experiment">The measured value, or null when experiment.toml has none.</param>
/// <param name="Value">The potential's value, in the row's unit, or null.</param>
/// <param name="Failure">Why there is no value (the dimer does not bind), or null.</param>
/// <param name="Unbound">True when the failure is a dimer without a minimum.</param>
/// <param name="Origin">"fitted", "predicted", or "not fitted (hand-set)" for a file without a [fitted] record.</param>
internal sealed record PropertyResult(ValidatedProperty Definition, ExperimentalValue? Experiment, double? Value, string? Failure, bool Unbound, string Origin)
{
    /// <summary>(Latent − experiment)/experiment, or null without both.</summary>
    public double? RelativeError => Value is { } v && Experiment is { } e ? (v - e.Value) / e.Value : null;

    /// <summary>Met when |error| ≤ goal, computed from the unrounded numbers; a row with a goal and no value misses it.</summary>
    public GoalStatus Status => Definition.Goal is not { } goal
        ? GoalStatus.None
        : RelativeError is { } error && Math.Abs(error) <= goal ? GoalStatus.Met : GoalStatus.Missed;
}
