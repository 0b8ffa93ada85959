namespace Latent.Cli.Validate;

/// <summary>Whether a row meets its goal.</summary>
internal enum GoalStatus
{
    /// <summary>A prediction: the row has no goal.</summary>
    None,

    /// <summary>|error| is within the goal.</summary>
    Met,

    /// <summary>|error| exceeds the goal, or the property could not be measured.</summary>
    Missed,
}
