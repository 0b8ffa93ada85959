namespace Latent.Runtime.Calculators;

/// <summary>
/// A property was asked for that this calculation cannot give: one the calculator does not implement, or
/// one it implements but not for this structure (the stress of a cluster, for instance). ASE's
/// <c>PropertyNotImplementedError</c> and <c>PropertyNotPresent</c> in one.
/// </summary>
public sealed class PropertyNotAvailableException : Exception
{
    /// <summary>Names the property (one of <see cref="CalculatorProperties"/>) and why it is not available.</summary>
    public PropertyNotAvailableException(string property, string reason)
        : base($"{property} is not available: {reason}")
    {
        Property = property;
    }

    /// <summary>The property asked for.</summary>
    public string Property { get; }
}
