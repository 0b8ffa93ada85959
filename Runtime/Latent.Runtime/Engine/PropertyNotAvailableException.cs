namespace Latent.Runtime.Engine;

/// <summary>A property was asked for that this calculation cannot give (the stress of a cluster, for instance).</summary>
public sealed class PropertyNotAvailableException : Exception
{
    /// <summary>Names the property and why it is not available.</summary>
    public PropertyNotAvailableException(string property, string reason)
        : base($"{property} is not available: {reason}")
    {
        Property = property;
    }

    /// <summary>The property asked for.</summary>
    public string Property { get; }
}
