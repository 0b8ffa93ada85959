namespace Latent.Cli.Validate;

/// <summary>One row of a potential's table on the validation page: a property of a system, and the goal it should meet.</summary>
/// <param name="System">What is measured.</param>
/// <param name="Property">Which property (<see cref="PropertyFormat"/> knows its unit and digits).</param>
/// <param name="Label">The row's name on the page ("dimer R_e").</param>
/// <param name="Goal">The largest relative error that meets the goal (0.01 for 1 %), or null for a prediction without one.</param>
internal sealed record ValidatedProperty(ValidatedSystem System, string Property, string Label, double? Goal)
{
    /// <summary>Its unit and printed digits.</summary>
    public PropertyFormat Format => PropertyFormat.Of(Property);
}
